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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeakEvidence}.
 */
class LeakEvidenceTests {

	private static final Frame RENDER = new Frame("com.acme.ReportCache", "render", 42);

	private static final Frame PARSE = new Frame("com.acme.Parser", "parse", 7);

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final AllocationProfile.Allocations ALLOCATIONS = new AllocationProfile.Allocations(
			Duration.ofMinutes(1), 10, 1000, 0, 0,
			List.of(new AllocationProfile.Site("char[]", PARSE, List.of(PARSE), 8, 900, 900, 0.9)));

	@Test
	void theTopSurvivingGroupIsTheSuspect() {
		AllocationProfile.SurvivorGroup top = new AllocationProfile.SurvivorGroup("byte[]", RENDER, List.of(RENDER), 84,
				0.84, OptionalLong.empty(), OptionalLong.of(84_000_000), Duration.ofMinutes(3), Duration.ofSeconds(1));
		LeakEvidence evidence = LeakEvidence.of(new AllocationProfile(NOW, ALLOCATIONS,
				new AllocationProfile.Survivors(null, NOW, 100, OptionalLong.of(100_000_000), List.of(top))));
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NAMED);
		assertThat(evidence.suspect()).isEqualTo(new LeakEvidence.Suspect("byte[]",
				"com.acme.ReportCache.render(ReportCache.java:42)", 0.84, 84, OptionalLong.of(84_000_000), NOW));
		assertThat(evidence.topAllocation().site()).isEqualTo("com.acme.Parser.parse(Parser.java:7)");
	}

	@Test
	void underACollectorWithoutSurvivorsOnlyTheTopAllocationSiteIsKnownAndTheReasonSaysWhy() {
		LeakEvidence evidence = LeakEvidence.of(new AllocationProfile(NOW, ALLOCATIONS,
				AllocationProfile.Survivors.unavailable(OldObjectSampling.SHENANDOAH)));
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NOT_SAMPLED);
		assertThat(evidence.reason()).isEqualTo(OldObjectSampling.SHENANDOAH);
		assertThat(evidence.suspect()).isNull();
		assertThat(evidence.topAllocation().type()).isEqualTo("char[]");
	}

	@Test
	void beforeAnyObjectSurvivedThereIsNoSuspectYet() {
		LeakEvidence evidence = LeakEvidence.of(new AllocationProfile(NOW, ALLOCATIONS,
				new AllocationProfile.Survivors(null, null, 0, OptionalLong.empty(), List.of())));
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NO_SURVIVORS_YET);
		assertThat(LeakEvidence.off().state()).isEqualTo(LeakEvidence.State.OFF);
	}

}
