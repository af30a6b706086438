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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoftLimitFinding}, through the {@link Diagnostician} that adds it.
 */
class SoftLimitFindingTests {

	private static final long MB = 1024 * 1024;

	private final Evidence evidence = new EvidenceGatherer(Duration.ofMinutes(10), 16 * MB, 0.1)
		.atGaugeDepth(TestSnapshots.snapshotter("cgroup-v1-hybrid-unlimited").capture());

	@Test
	void anUnreachableTargetIsAWarningWithTheFigures() {
		Diagnosis diagnosis = Diagnostician.diagnose(this.evidence);
		Diagnosis with = Diagnostician.diagnose(this.evidence
			.withSoftLimit(status(SoftLimitState.UNREACHABLE, "live set 610 MB + non-heap 240 MB > target 800 MB")));
		assertThat(with.findings()).hasSize(diagnosis.findings().size() + 1)
			.filteredOn((finding) -> finding.code() == FindingCode.SOFT_LIMIT_UNREACHABLE)
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.severity()).isEqualTo(Severity.WARNING);
				assertThat(finding.summary()).isEqualTo(
						"The soft memory limit cannot be kept: live set 610 MB + non-heap 240 MB > target 800 MB");
				assertThat(finding.evidence()).containsEntry("target", 800 * MB).containsEntry("nonHeap", 240 * MB);
			});
		assertThat(with.verdict()).isEqualTo(diagnosis.verdict());
	}

	@Test
	void anyOtherStateAddsNothing() {
		Diagnosis diagnosis = Diagnostician.diagnose(this.evidence);
		for (SoftLimitState state : List.of(SoftLimitState.HOLDING, SoftLimitState.OVER, SoftLimitState.THROTTLED,
				SoftLimitState.OFF)) {
			assertThat(Diagnostician.diagnose(this.evidence.withSoftLimit(status(state, "x")))).isEqualTo(diagnosis);
		}
	}

	private static SoftLimitStatus status(SoftLimitState state, String reason) {
		return new SoftLimitStatus(800 * MB, "800MB", 900 * MB, 500 * MB, 240 * MB, state, reason, List.of(), Map.of(),
				List.of(), List.of(), 0.01, 1, 0, Map.of(), 0);
	}

}
