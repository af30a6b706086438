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

package io.github.memoryactuator.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ByteSizes}.
 */
class ByteSizesTests {

	@Test
	void formatsWithBinaryUnitsAndOneDecimalBelowOneHundred() {
		assertThat(ByteSizes.format(0)).isEqualTo("0 B");
		assertThat(ByteSizes.format(1023)).isEqualTo("1023 B");
		assertThat(ByteSizes.format(4096)).isEqualTo("4.0 KB");
		assertThat(ByteSizes.format(363L << 20)).isEqualTo("363 MB");
		assertThat(ByteSizes.format((long) (1.9 * (1L << 30)))).isEqualTo("1.9 GB");
	}

	@Test
	void roundsUpToTheNextUnitRatherThanPrinting1024() {
		assertThat(ByteSizes.format((1L << 30) - 1)).isEqualTo("1.0 GB");
	}

	@Test
	void keepsTheSign() {
		assertThat(ByteSizes.format(-(3L << 20))).isEqualTo("-3.0 MB");
		assertThat(ByteSizes.format(Long.MIN_VALUE)).isEqualTo("-8.0 EB");
	}

}
