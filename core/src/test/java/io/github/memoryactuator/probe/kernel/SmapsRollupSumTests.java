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

package io.github.memoryactuator.probe.kernel;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SmapsRollup#sum(Smaps)}.
 */
class SmapsRollupSumTests {

	@Test
	void sumOfSmapsMatchesTheKernelsRollupOfTheSameProcess() {
		for (String fixture : new String[] { "smaps-jdk17-g1", "smaps-jdk17-zgc", "smaps-jdk25-zgc" }) {
			SmapsRollup kernel = new SmapsRollupReader(Fixtures.root(fixture)).read().orNull();
			SmapsRollup summed = SmapsRollup.sum(new SmapsReader(Fixtures.root(fixture)).read().orNull());
			assertThat(kernel).as(fixture).isNotNull();
			// the two files were read a moment apart from a running JVM
			assertThat((double) summed.rss()).as(fixture).isCloseTo(kernel.rss(), within(kernel.rss() * 0.02));
			assertThat((double) summed.anonymous()).as(fixture)
				.isCloseTo(kernel.anonymous(), within(kernel.anonymous() * 0.02));
			assertThat(summed.lazyFree()).as(fixture).hasValue(kernel.lazyFree().orElse(0));
			assertThat(summed.swap()).as(fixture).isEqualTo(kernel.swap());
		}
	}

}
