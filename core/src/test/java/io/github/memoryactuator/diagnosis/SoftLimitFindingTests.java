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

package io.github.memoryactuator.diagnosis;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoftLimitFinding}.
 */
class SoftLimitFindingTests {

	private static final long MB = 1024 * 1024;

	@Test
	void anUnreachableTargetIsAWarningWithTheFigures() {
		Diagnosis diagnosis = new Diagnosis("No leak.", false, false, "", List.of(new Finding(FindingCode.NMT_OFF,
				Severity.INFO, "NMT is off", Map.of(), "Start with -XX:NativeMemoryTracking=summary")));
		Diagnosis with = SoftLimitFinding.with(diagnosis,
				status(SoftLimitState.UNREACHABLE, "live set 610 MB + non-heap 240 MB > target 800 MB"));
		assertThat(with.findings()).hasSize(2).first().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(FindingCode.SOFT_LIMIT_UNREACHABLE);
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.summary())
				.isEqualTo("The soft memory limit cannot be kept: live set 610 MB + non-heap 240 MB > target 800 MB");
			assertThat(finding.evidence()).containsEntry("target", 800 * MB).containsEntry("nonHeap", 240 * MB);
		});
		assertThat(with.verdict()).isEqualTo("No leak.");
	}

	@Test
	void anyOtherStateAddsNothing() {
		Diagnosis diagnosis = new Diagnosis("No leak.", false, false, "", List.of());
		for (SoftLimitState state : List.of(SoftLimitState.HOLDING, SoftLimitState.OVER, SoftLimitState.THROTTLED,
				SoftLimitState.OFF)) {
			assertThat(SoftLimitFinding.with(diagnosis, status(state, "x"))).isSameAs(diagnosis);
		}
	}

	private static SoftLimitStatus status(SoftLimitState state, String reason) {
		return new SoftLimitStatus(800 * MB, "800MB", 900 * MB, 500 * MB, 240 * MB, state, reason, List.of(), Map.of(),
				List.of(), List.of(), 0.01, 1, 0, Map.of(), 0);
	}

}
