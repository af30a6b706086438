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

package io.github.memoryactuator.probe.hotspot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TypeNames}.
 */
class TypeNamesTests {

	@Test
	void primitiveArraysGetTheirJavaNames() {
		assertThat(TypeNames.javaName("[B")).isEqualTo("byte[]");
		assertThat(TypeNames.javaName("[Z")).isEqualTo("boolean[]");
		assertThat(TypeNames.javaName("[C")).isEqualTo("char[]");
		assertThat(TypeNames.javaName("[[J")).isEqualTo("long[][]");
	}

	@Test
	void objectArraysLoseTheirDescriptor() {
		assertThat(TypeNames.javaName("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
		assertThat(TypeNames.javaName("[[Ljava.util.HashMap$Node;")).isEqualTo("java.util.HashMap$Node[][]");
	}

	@Test
	void classNamesAndMalformedDescriptorsStayAsTheyAre() {
		assertThat(TypeNames.javaName("com.acme.Cache$Entry")).isEqualTo("com.acme.Cache$Entry");
		assertThat(TypeNames.javaName("")).isEmpty();
		assertThat(TypeNames.javaName("[")).isEqualTo("[");
		assertThat(TypeNames.javaName("[[")).isEqualTo("[[");
		assertThat(TypeNames.javaName("[Q")).isEqualTo("[Q");
		assertThat(TypeNames.javaName("[Ljava.lang.String")).isEqualTo("[Ljava.lang.String");
		assertThat(TypeNames.javaName("[L;")).isEqualTo("[L;");
	}

}
