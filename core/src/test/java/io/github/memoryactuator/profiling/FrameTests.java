/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.memoryactuator.profiling;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Frame} and {@link SampledStack}.
 */
class FrameTests {

	private static final Frame GROW = new Frame("java.util.ArrayList", "grow", 237);

	private static final Frame PUT = new Frame("com.acme.Cache", "put", 42);

	private static final Frame HANDLE = new Frame("com.acme.web.Handler", "handle", 17);

	@Test
	void printsAsAStackTraceDoes() {
		assertThat(PUT).hasToString("com.acme.Cache.put(Cache.java:42)");
		assertThat(new Frame("com.acme.Cache", "put", -1)).hasToString("com.acme.Cache.put(Cache.java)");
		assertThat(PUT.function()).isEqualTo("com.acme.Cache.put");
	}

	@Test
	void theSourceFileIsTheTopLevelClassOfNestedAndHiddenClasses() {
		assertThat(new Frame("com.acme.Cache$Entry$1", "run", 3).fileName()).isEqualTo("Cache.java");
		assertThat(new Frame("com.acme.Cache$$Lambda$14/0x0000000800c0b000", "get", 0).sourcePath())
			.isEqualTo("com/acme/Cache.java");
		assertThat(new Frame("com.acme.Cache$$Lambda$99+0x00007f4964006c70.2133687337", "run", 0).sourcePath())
			.isEqualTo("com/acme/Cache.java");
		assertThat(new Frame("Main", "main", 1).sourcePath()).isEqualTo("Main.java");
		assertThat(new Frame("$Proxy12", "invoke", 0).fileName()).isEqualTo("$Proxy12.java");
	}

	@Test
	void jdkFramesAreRecognised() {
		assertThat(GROW.isJdk()).isTrue();
		assertThat(new Frame("jdk.internal.misc.Unsafe", "allocateInstance", 0).isJdk()).isTrue();
		assertThat(new Frame("sun.nio.ch.Util", "getTemporaryDirectBuffer", 0).isJdk()).isTrue();
		assertThat(PUT.isJdk()).isFalse();
		assertThat(new Frame("javalin.Handler", "handle", 0).isJdk()).isFalse();
	}

	@Test
	void theSiteIsTheFirstFrameOutsideTheJdk() {
		assertThat(new SampledStack("java.lang.Object[]", List.of(GROW, PUT, HANDLE)).site()).isEqualTo(PUT);
		assertThat(new SampledStack("byte[]", List.of(PUT, HANDLE)).site()).isEqualTo(PUT);
		assertThat(new SampledStack("byte[]", List.of(GROW)).site()).isEqualTo(GROW);
		assertThat(new SampledStack("byte[]", List.of()).site()).isNull();
	}

	@Test
	void truncatingKeepsTheFramesDownToTheSite() {
		SampledStack stack = new SampledStack("java.lang.Object[]", List.of(GROW, PUT, HANDLE));
		assertThat(stack.truncatedToSite().frames()).containsExactly(GROW, PUT);
		SampledStack shallow = new SampledStack("byte[]", List.of(GROW, PUT));
		assertThat(shallow.truncatedToSite()).isSameAs(shallow);
		assertThat(new SampledStack("byte[]", List.of()).truncatedToSite().frames()).isEmpty();
	}

}
