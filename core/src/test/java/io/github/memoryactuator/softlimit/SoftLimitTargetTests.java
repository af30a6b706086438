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

package io.github.memoryactuator.softlimit;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SoftLimitTarget}.
 */
class SoftLimitTargetTests {

	private static final String NAME = "memory-actuator.soft-limit.target";

	private static final long MB = 1024 * 1024;

	private static final OptionalLong GIB = OptionalLong.of(1024 * MB);

	@Test
	void sizesAreInBinaryUnitsAsSpringsDataSize() {
		assertThat(SoftLimitTarget.parse(NAME, "1500MB").bytes(NAME, OptionalLong.empty())).isEqualTo(1500 * MB);
		assertThat(SoftLimitTarget.parse(NAME, " 2gb ").bytes(NAME, OptionalLong.empty())).isEqualTo(2048 * MB);
		assertThat(SoftLimitTarget.parse(NAME, "4096").bytes(NAME, OptionalLong.empty())).isEqualTo(4096);
		assertThat(SoftLimitTarget.parse(NAME, "512KB").bytes(NAME, OptionalLong.empty())).isEqualTo(512 * 1024);
	}

	@Test
	void aShareIsOfTheLimit() {
		SoftLimitTarget target = SoftLimitTarget.parse(NAME, "85%");
		assertThat(target.isShare()).isTrue();
		assertThat(target.bytes(NAME, GIB)).isEqualTo((long) (1024 * MB * 0.85));
		assertThat(SoftLimitTarget.parse(NAME, "12.5%").bytes(NAME, GIB)).isEqualTo(128 * MB);
		assertThat(target).hasToString("85%");
	}

	@Test
	void aShareWithoutALimitIsRefused() {
		assertThatExceptionOfType(SoftLimitException.class)
			.isThrownBy(() -> SoftLimitTarget.parse(NAME, "85%").bytes(NAME, OptionalLong.empty()))
			.withMessage("'" + NAME + "' is a share of the memory limit (85%), but this process has none: set a size "
					+ "such as 1500MB");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0%", "100.5%", "250%" })
	void aShareAtOrBelowZeroOrAboveAHundredIsRefused(String text) {
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> SoftLimitTarget.parse(NAME, text))
			.withMessage("'" + NAME + "' must be a share above 0% and at most 100% of the memory limit, but was '"
					+ text + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0MB" })
	void aSizeOfZeroIsRefused(String text) {
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> SoftLimitTarget.parse(NAME, text))
			.withMessage("'" + NAME + "' must be above 0, but was '" + text + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5MB", "1.5GB", "lots", "", "15 MiB", "%" })
	void textThatIsNeitherASizeNorAShareIsRefused(String text) {
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> SoftLimitTarget.parse(NAME, text))
			.withMessageStartingWith("'" + NAME + "' must be a size such as 1500MB or a share of the memory limit "
					+ "such as 85%, but was '");
	}

	@Test
	void aSizeTooLargeForALongIsRefused() {
		assertThatExceptionOfType(SoftLimitException.class)
			.isThrownBy(() -> SoftLimitTarget.parse(NAME, "99999999999999TB"))
			.withMessage("'" + NAME + "' is too large: '99999999999999TB'");
	}

	@Test
	void aTargetAtOrAboveTheLimitIsRefused() {
		SoftLimitTarget.Floor floor = new SoftLimitTarget.Floor(8 * MB, 100 * MB);
		assertThatExceptionOfType(SoftLimitException.class)
			.isThrownBy(() -> SoftLimitTarget.check(NAME, 1024 * MB, GIB, floor))
			.withMessageStartingWith("'" + NAME + "' (1.0 GB) must be below the effective memory limit (1.0 GB)");
		SoftLimitTarget.check(NAME, 1023 * MB, GIB, floor);
	}

	@Test
	void aTargetBelowTheFloorIsRefusedWithTheFloorsParts() {
		SoftLimitTarget.Floor floor = new SoftLimitTarget.Floor(64 * MB, 100 * MB);
		assertThatExceptionOfType(SoftLimitException.class)
			.isThrownBy(() -> SoftLimitTarget.check(NAME, 150 * MB, GIB, floor))
			.withMessage("'" + NAME + "' (150 MB) is below the floor this JVM can be brought down to: initial heap "
					+ "64.0 MB + non-heap 100 MB = 164 MB");
		SoftLimitTarget.check(NAME, 164 * MB, OptionalLong.empty(), floor);
	}

}
