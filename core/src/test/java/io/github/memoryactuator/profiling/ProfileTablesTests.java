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

import io.github.memoryactuator.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ProfileTables}.
 */
class ProfileTablesTests {

	private static final Frame ARRAYS = new Frame("java.util.Arrays", "copyOf", 3512);

	private static final Frame GROW = new Frame("java.util.ArrayList", "grow", 237);

	private static final Frame PUT = new Frame("com.acme.Cache", "put", 42);

	private static final Frame GET = new Frame("com.acme.Web", "get", 10);

	private static final Frame POST = new Frame("com.acme.Web", "post", 20);

	private static final Frame PARSE = new Frame("com.acme.Parser", "parse", 7);

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void allocationSitesGroupStacksByTypeAndSiteAndRankByBytes() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 64,
				new FrameInterner(1024));
		aggregator.add(new SampledStack("java.lang.Object[]", List.of(ARRAYS, GROW, PUT, GET)), 3000);
		aggregator.add(new SampledStack("java.lang.Object[]", List.of(ARRAYS, GROW, PUT, POST)), 1000);
		aggregator.add(new SampledStack("java.lang.Object[]", List.of(ARRAYS, GROW, PUT, POST)), 1000);
		aggregator.add(new SampledStack("char[]", List.of(PARSE, GET)), 5000);
		aggregator.add(new SampledStack("char[]", List.of(PARSE, GET)), 1000);
		this.clock.advance(Duration.ofSeconds(30));
		AllocationProfile.Allocations table = ProfileTables.allocations(aggregator.totals(), 10);
		assertThat(table.bytes()).isEqualTo(11_000);
		assertThat(table.bytesPerMinute()).isEqualTo(22_000);
		assertThat(table.sites()).hasSize(2);
		AllocationProfile.Site top = table.sites().get(0);
		assertThat(top.type()).isEqualTo("char[]");
		assertThat(top.site()).isEqualTo(PARSE);
		assertThat(top.bytes()).isEqualTo(6000);
		assertThat(top.bytesPerMinute()).isEqualTo(12_000);
		assertThat(top.share()).isCloseTo(6.0 / 11, within(1e-9));
		AllocationProfile.Site cache = table.sites().get(1);
		assertThat(cache.site()).isEqualTo(PUT);
		assertThat(cache.samples()).isEqualTo(3);
		// The frames of the most sampled stack, from the leaf down to the site.
		assertThat(cache.frames()).containsExactly(ARRAYS, GROW, PUT);
	}

	@Test
	void theAllocationTableStopsAtItsLimit() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 64,
				new FrameInterner(1024));
		for (int i = 0; i < 30; i++) {
			aggregator.add(new SampledStack("byte[]", List.of(new Frame("com.acme.C" + i, "m", 1))), i);
		}
		AllocationProfile.Allocations table = ProfileTables.allocations(aggregator.totals(), 5);
		assertThat(table.sites()).hasSize(5);
		assertThat(table.sites().get(0).bytes()).isEqualTo(29);
		assertThat(table.samples()).isEqualTo(30);
	}

	@Test
	void survivorsGroupByTypeAndSiteRankByCountAndShareOutTheLiveSet() {
		List<SurvivorSample> samples = new ArrayList<>();
		for (int i = 0; i < 84; i++) {
			samples.add(survivor("byte[]", List.of(PUT, (i % 2 == 0) ? GET : POST), 10 + i, OptionalLong.of(65_552)));
		}
		for (int i = 0; i < 16; i++) {
			samples.add(survivor("java.lang.String", List.of(PARSE), 5, OptionalLong.of(24)));
		}
		SurvivorCollector.Harvest harvest = new SurvivorCollector.Harvest(this.clock.instant(), samples);
		AllocationProfile.Survivors table = ProfileTables.survivors(harvest, OptionalLong.of(100_000_000), 10);
		assertThat(table.samples()).isEqualTo(100);
		assertThat(table.harvestedAt()).isEqualTo(this.clock.instant());
		AllocationProfile.SurvivorGroup top = table.groups().get(0);
		assertThat(top.type()).isEqualTo("byte[]");
		assertThat(top.site()).isEqualTo(PUT);
		assertThat(top.samples()).isEqualTo(84);
		assertThat(top.share()).isCloseTo(0.84, within(1e-9));
		assertThat(top.estimatedBytes()).hasValue(84_000_000);
		assertThat(top.sampledBytes()).hasValue(84 * 65_552L);
		assertThat(top.oldest()).isEqualTo(Duration.ofSeconds(93));
		assertThat(top.youngest()).isEqualTo(Duration.ofSeconds(10));
		assertThat(table.groups().get(1).estimatedBytes()).hasValue(16_000_000);
	}

	@Test
	void withoutSizesOrALiveSetTheSurvivorsSayNothingOfBytes() {
		SurvivorCollector.Harvest harvest = new SurvivorCollector.Harvest(this.clock.instant(),
				List.of(survivor("byte[]", List.of(PUT), 1, OptionalLong.empty())));
		AllocationProfile.SurvivorGroup group = ProfileTables.survivors(harvest, OptionalLong.empty(), 10)
			.groups()
			.get(0);
		assertThat(group.sampledBytes()).isEmpty();
		assertThat(group.estimatedBytes()).isEmpty();
	}

	@Test
	void beforeTheFirstEmissionTheSurvivorsAreEmpty() {
		AllocationProfile.Survivors table = ProfileTables.survivors(null, OptionalLong.of(1), 10);
		assertThat(table.harvestedAt()).isNull();
		assertThat(table.unavailable()).isNull();
		assertThat(table.groups()).isEmpty();
	}

	private static SurvivorSample survivor(String type, List<Frame> frames, long ageSeconds, OptionalLong size) {
		return new SurvivorSample(new SampledStack(type, frames), Duration.ofSeconds(ageSeconds), size);
	}

}
