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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.liveset.LiveSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeakEvidence}.
 */
class LeakEvidenceTests {

	private static final long MB = 1024 * 1024;

	private static final Frame RENDER = new Frame("com.acme.ReportCache", "render", 42);

	private static final Frame FILL = new Frame("com.acme.Catalog", "fill", 9);

	private static final Frame PARSE = new Frame("com.acme.Parser", "parse", 7);

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final AllocationProfile.Allocations ALLOCATIONS = new AllocationProfile.Allocations(
			Duration.ofMinutes(1), 10, 1000, 0, 0,
			List.of(new AllocationProfile.Site("char[]", PARSE, List.of(PARSE), 8, 900, 900, 0.9)));

	private static final AllocationProfile SAMPLED = new AllocationProfile(START, ALLOCATIONS,
			new AllocationProfile.Survivors(null, null, 0, OptionalLong.empty(), List.of()));

	@Test
	void theGroupThatGrewIsTheSuspectAndTheLargestIsKeptBesideIt() {
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, FILL, 60, START.plusSeconds(5), RENDER, 10, base.minusSeconds(1)),
				emission(latest, FILL, 60, START.plusSeconds(5), RENDER, 40, latest.minusSeconds(1)));
		LeakEvidence evidence = LeakEvidence.of(SAMPLED,
				SurvivorGrowth.of(emissions, LiveSet.none(START), latest, Duration.ofMinutes(1)),
				OptionalLong.of(100 * MB));
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NAMED);
		assertThat(evidence.suspect()).isEqualTo(new LeakEvidence.Suspect("byte[]",
				"com.acme.ReportCache.render(ReportCache.java:42)", 0.4, 40, OptionalLong.of(40 * MB), latest,
				new LeakEvidence.Growth(Duration.ofSeconds(60), 10, OptionalLong.empty(), OptionalLong.empty())));
		assertThat(evidence.largest().site()).isEqualTo("com.acme.Catalog.fill(Catalog.java:9)");
		assertThat(evidence.largest().growth()).isNull();
		assertThat(evidence.topAllocation().site()).isEqualTo("com.acme.Parser.parse(Parser.java:7)");
	}

	@Test
	void whenNoGroupGrewTheLargestIsNotTheSuspectAndTheReasonSaysOverWhat() {
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, FILL, 60, START.plusSeconds(5), RENDER, 10, base.minusSeconds(1)),
				emission(latest, FILL, 60, START.plusSeconds(5), RENDER, 10, latest.minusSeconds(1)));
		LeakEvidence evidence = LeakEvidence.of(SAMPLED,
				SurvivorGrowth.of(emissions, LiveSet.none(START), latest, Duration.ofMinutes(1)), OptionalLong.empty());
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NOT_GROWING);
		assertThat(evidence.suspect()).isNull();
		assertThat(evidence.largest().site()).isEqualTo("com.acme.Catalog.fill(Catalog.java:9)");
		assertThat(evidence.largest().share()).isCloseTo(60.0 / 70, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(evidence.reason()).isEqualTo("no surviving group grew over the last 60 s");
	}

	@Test
	void oneEmissionIsNotEnoughToNameAGroup() {
		Instant at = START.plusSeconds(30);
		LeakEvidence evidence = LeakEvidence.of(SAMPLED,
				SurvivorGrowth.of(List.of(emission(at, FILL, 60, START.plusSeconds(5), RENDER, 10, at)),
						LiveSet.none(START), at, Duration.ofMinutes(1)),
				OptionalLong.empty());
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NOT_GROWING);
		assertThat(evidence.reason()).startsWith("surviving samples have been read once so far");
		assertThat(evidence.largest().samples()).isEqualTo(60);
	}

	@Test
	void underACollectorWithoutSurvivorsOnlyTheTopAllocationSiteIsKnownAndTheReasonSaysWhy() {
		LeakEvidence evidence = LeakEvidence.of(
				new AllocationProfile(START, ALLOCATIONS,
						AllocationProfile.Survivors.unavailable(OldObjectSampling.SHENANDOAH)),
				SurvivorGrowth.of(List.of(), LiveSet.none(START), START, Duration.ofMinutes(1)), OptionalLong.empty());
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NOT_SAMPLED);
		assertThat(evidence.reason()).isEqualTo(OldObjectSampling.SHENANDOAH);
		assertThat(evidence.suspect()).isNull();
		assertThat(evidence.topAllocation().type()).isEqualTo("char[]");
	}

	@Test
	void beforeAnyObjectSurvivedThereIsNoSuspectYet() {
		LeakEvidence evidence = LeakEvidence.of(SAMPLED,
				SurvivorGrowth.of(List.of(), LiveSet.none(START), START, Duration.ofMinutes(1)), OptionalLong.empty());
		assertThat(evidence.state()).isEqualTo(LeakEvidence.State.NO_SURVIVORS_YET);
		assertThat(evidence.reason()).isEqualTo("no sampled object has survived a collection yet");
		assertThat(LeakEvidence.off().state()).isEqualTo(LeakEvidence.State.OFF);
	}

	private static SurvivorHistory.Emission emission(Instant at, Frame first, int firstSamples, Instant firstAllocated,
			Frame second, int secondSamples, Instant secondYoungest) {
		List<SurvivorSample> samples = new ArrayList<>();
		for (int i = 0; i < firstSamples; i++) {
			samples.add(sample(first, Duration.between(firstAllocated, at)));
		}
		for (int i = 0; i < secondSamples; i++) {
			// the oldest at the start, the rest as young as the youngest
			Instant allocated = (i == 0) ? START.plusSeconds(1) : secondYoungest;
			samples.add(sample(second, Duration.between(allocated, at)));
		}
		return SurvivorHistory.Emission.of(new SurvivorCollector.Harvest(at, samples));
	}

	private static SurvivorSample sample(Frame site, Duration age) {
		return new SurvivorSample(new SampledStack("byte[]", List.of(site)), age, OptionalLong.empty());
	}

}
