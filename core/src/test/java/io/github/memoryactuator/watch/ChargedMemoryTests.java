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

package io.github.memoryactuator.watch;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChargedMemory}.
 */
class ChargedMemoryTests {

	private static final long MB = 1024 * 1024;

	@Test
	void theTimeToGrowIsTheBytesAtThePeakRate() {
		assertThat(sample(50 * MB).timeToGrow(25 * MB)).isEqualTo(Duration.ofMillis(500));
		assertThat(sample(50 * MB).timeToGrow(0)).isEqualTo(Duration.ZERO);
		assertThat(sample(50 * MB).timeToGrow(-MB)).isEqualTo(Duration.ZERO);
	}

	@Test
	void memoryThatDoesNotGrowIsNoHurry() {
		assertThat(sample(0).timeToGrow(MB)).isEqualTo(WatchListener.NO_HURRY);
		assertThat(sample(Double.MIN_VALUE).timeToGrow(Long.MAX_VALUE)).isEqualTo(WatchListener.NO_HURRY);
	}

	private static ChargedMemory sample(double peak) {
		return new ChargedMemory(Instant.EPOCH, 0, 100 * MB, Reading.unavailable("none"), peak, peak, 0);
	}

}
