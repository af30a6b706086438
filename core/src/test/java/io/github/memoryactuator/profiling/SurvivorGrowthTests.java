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

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SurvivorGrowth}: which surviving group a verdict may name.
 */
class SurvivorGrowthTests {

	private static final long MB = 1024 * 1024;

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private static final Frame CACHE = new Frame("com.acme.Cache", "fill", 7);

	private static final Frame LEAK = new Frame("com.acme.Registry", "remember", 42);

	private static final Frame BURST = new Frame("com.acme.Batch", "load", 12);

	@Test
	void theGroupThatGrewIsNamedNotTheLargerOneThatWasFilledOnceAndHeld() {
		// A cache filled in the first 20 s holds most surviving samples throughout and
		// even gains share as others die; a registry keeps adding entries. The cache is
		// the largest group at every emission.
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, group(CACHE, 150, START.plusSeconds(1), START.plusSeconds(20)),
						group(LEAK, 20, START.plusSeconds(2), base.minusSeconds(1))),
				emission(latest, group(CACHE, 140, START.plusSeconds(1), START.plusSeconds(20)),
						group(LEAK, 70, START.plusSeconds(2), latest.minusSeconds(1))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, heap(base, 200 * MB, latest, 260 * MB),
				latest.plusSeconds(1), WINDOW);
		assertThat(result.largest().group().site()).isEqualTo(CACHE);
		assertThat(result.grown()).isNotNull();
		assertThat(result.grown().count().group().site()).isEqualTo(LEAK);
		assertThat(result.grown().startSamples()).isEqualTo(20);
		assertThat(result.grown().over()).isEqualTo(Duration.ofSeconds(60));
		// 20 of 170 samples of 200 MB, then 70 of 210 of 260 MB
		assertThat(result.grown().startBytes()).hasValue(Math.round(20.0 / 170 * 200 * MB));
		assertThat(result.grown().endBytes()).hasValue(Math.round(70.0 / 210 * 260 * MB));
	}

	@Test
	void aCacheFilledOnceIsNotNamedEvenWhenItsEstimatedBytesRise() {
		// Garbage that held samples at the base has been collected since, so the cache's
		// share of the samples rose, and with it its estimate: but it added nothing.
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, group(CACHE, 100, START.plusSeconds(1), START.plusSeconds(20)),
						group(BURST, 150, base.minusSeconds(9), base.minusSeconds(8))),
				emission(latest, group(CACHE, 100, START.plusSeconds(1), START.plusSeconds(20))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, heap(base, 300 * MB, latest, 200 * MB),
				latest.plusSeconds(1), WINDOW);
		assertThat(result.grown()).isNull();
		assertThat(result.largest().group().site()).isEqualTo(CACHE);
	}

	@Test
	void dataThatAppearedSinceTheBaseDidNotGrowItIsNewAndMayBeGarbage() {
		// A batch held when the latest emission was taken, or promoted garbage not yet
		// marked: many samples, none older than the base.
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, group(LEAK, 20, START.plusSeconds(2), base.minusSeconds(1))),
				emission(latest, group(BURST, 200, latest.minusSeconds(9), latest.minusSeconds(8)),
						group(LEAK, 22, START.plusSeconds(2), latest.minusSeconds(5))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, heap(base, 100 * MB, latest, 300 * MB),
				latest.plusSeconds(1), WINDOW);
		assertThat(result.largest().group().site()).isEqualTo(BURST);
		assertThat(result.grown()).as("the burst is new; the registry's share fell").isNull();
	}

	@Test
	void aGroupThatFillsTheSamplesGrowsWithTheHeapAlthoughItsCountCannot() {
		// The JVM keeps 256 samples: a leak that holds them all keeps its count while
		// the heap under it grows.
		Instant base = START.plusSeconds(600);
		Instant latest = START.plusSeconds(660);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, group(LEAK, 250, START.plusSeconds(2), base.minusSeconds(1)),
						group(CACHE, 6, START.plusSeconds(1), START.plusSeconds(20))),
				emission(latest, group(LEAK, 250, START.plusSeconds(2), latest.minusSeconds(1)),
						group(CACHE, 6, START.plusSeconds(1), START.plusSeconds(20))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, heap(base, 400 * MB, latest, 460 * MB),
				latest.plusSeconds(1), WINDOW);
		assertThat(result.grown()).isNotNull();
		assertThat(result.grown().count().group().site()).isEqualTo(LEAK);
		assertThat(result.grown().endBytes().getAsLong() - result.grown().startBytes().getAsLong())
			.isEqualTo(Math.round(250.0 / 256 * 460 * MB) - Math.round(250.0 / 256 * 400 * MB));
	}

	@Test
	void aRiseWithinSamplingNoiseIsNotGrowth() {
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, group(LEAK, 40, START.plusSeconds(2), base.minusSeconds(1)),
						group(CACHE, 200, START.plusSeconds(1), START.plusSeconds(20))),
				emission(latest, group(LEAK, 41, START.plusSeconds(2), latest.minusSeconds(1)),
						group(CACHE, 200, START.plusSeconds(1), START.plusSeconds(20))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, heap(base, 300 * MB, latest, 301 * MB),
				latest.plusSeconds(1), WINDOW);
		assertThat(result.grown()).isNull();
	}

	@Test
	void withoutTheHeapAtEitherEmissionTheCountsDecide() {
		Instant base = START.plusSeconds(30);
		Instant latest = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(base, group(LEAK, 20, START.plusSeconds(2), base.minusSeconds(1))),
				emission(latest, group(LEAK, 30, START.plusSeconds(2), latest.minusSeconds(1))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, LiveSet.none(START), latest.plusSeconds(1), WINDOW);
		assertThat(result.grown()).isNotNull();
		assertThat(result.grown().startBytes()).isEmpty();
		assertThat(result.grown().startSamples()).isEqualTo(20);
	}

	@Test
	void growthIsMeasuredFromTheLastEmissionBeforeTheWindow() {
		Instant first = START.plusSeconds(30);
		Instant second = START.plusSeconds(60);
		Instant third = START.plusSeconds(90);
		List<SurvivorHistory.Emission> emissions = List.of(
				emission(first, group(LEAK, 10, START.plusSeconds(2), first.minusSeconds(1))),
				emission(second, group(LEAK, 30, START.plusSeconds(2), second.minusSeconds(1))),
				emission(third, group(LEAK, 50, START.plusSeconds(2), third.minusSeconds(1))));
		SurvivorGrowth.Result result = SurvivorGrowth.of(emissions, LiveSet.none(START), third.plusSeconds(5), WINDOW);
		assertThat(result.base().at()).isEqualTo(first);
		assertThat(result.grown().startSamples()).isEqualTo(10);
		SurvivorGrowth.Result later = SurvivorGrowth.of(emissions, LiveSet.none(START), third.plusSeconds(35), WINDOW);
		assertThat(later.base().at()).isEqualTo(second);
	}

	@Test
	void oneEmissionShowsNoGrowthAndNothingSurvivedShowsNoGroup() {
		Instant at = START.plusSeconds(30);
		SurvivorGrowth.Result one = SurvivorGrowth.of(
				List.of(emission(at, group(LEAK, 20, START.plusSeconds(2), at.minusSeconds(1)))), LiveSet.none(START),
				at.plusSeconds(1), WINDOW);
		assertThat(one.grown()).isNull();
		assertThat(one.base()).isNull();
		assertThat(one.largest().samples()).isEqualTo(20);
		SurvivorGrowth.Result none = SurvivorGrowth.of(List.of(emission(at)), LiveSet.none(START), at.plusSeconds(1),
				WINDOW);
		assertThat(none.largest()).isNull();
		assertThat(none.latest()).isNotNull();
		assertThat(SurvivorGrowth.of(List.of(), LiveSet.none(START), at, WINDOW).latest()).isNull();
	}

	// The heap after collections: one young collection just before each emission.
	private static LiveSet heap(Instant first, long firstBytes, Instant second, long secondBytes) {
		List<LiveSet.Point> points = List.of(
				new LiveSet.Point(first.minusSeconds(1), firstBytes, 2 * firstBytes, CollectionScope.YOUNG),
				new LiveSet.Point(second.minusSeconds(1), secondBytes, 2 * secondBytes, CollectionScope.YOUNG));
		return new LiveSet(START, 2, points.get(1), null, points, points);
	}

	private static SurvivorHistory.Emission emission(Instant at, Group... groups) {
		List<SurvivorSample> samples = new ArrayList<>();
		for (Group group : groups) {
			for (int i = 0; i < group.samples; i++) {
				// Ages spread from the oldest to the youngest allocation.
				Instant allocated = (group.samples == 1) ? group.oldest : group.oldest
					.plusMillis(Duration.between(group.oldest, group.youngest).toMillis() * i / (group.samples - 1));
				samples.add(new SurvivorSample(new SampledStack("byte[]", List.of(group.site)),
						Duration.between(allocated, at), OptionalLong.of(1024)));
			}
		}
		return SurvivorHistory.Emission.of(new SurvivorCollector.Harvest(at, samples));
	}

	private static Group group(Frame site, int samples, Instant oldest, Instant youngest) {
		return new Group(site, samples, oldest, youngest);
	}

	private record Group(Frame site, int samples, Instant oldest, Instant youngest) {
	}

}
