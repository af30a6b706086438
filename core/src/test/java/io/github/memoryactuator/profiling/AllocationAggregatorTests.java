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

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AllocationAggregator}.
 */
class AllocationAggregatorTests {

	private static final Frame PUT = new Frame("com.acme.Cache", "put", 42);

	private static final SampledStack CACHE = new SampledStack("byte[]", List.of(PUT));

	private static final SampledStack PARSE = new SampledStack("char[]",
			List.of(new Frame("com.acme.Parser", "parse", 7)));

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void sumsSamplesAndWeightsPerStack() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 16,
				new FrameInterner(1024));
		aggregator.add(CACHE, 1000);
		aggregator.add(CACHE, 500);
		aggregator.add(PARSE, 20);
		this.clock.advance(Duration.ofSeconds(30));
		AllocationAggregator.Totals totals = aggregator.totals();
		assertThat(totals.stacks().get(CACHE)).containsExactly(2, 1500);
		assertThat(totals.stacks().get(PARSE)).containsExactly(1, 20);
		assertThat(totals.samples()).isEqualTo(3);
		assertThat(totals.bytes()).isEqualTo(1520);
		assertThat(totals.covered()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void forgetsMinutesOlderThanTheWindow() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(2), 16,
				new FrameInterner(1024));
		aggregator.add(CACHE, 1000);
		this.clock.advance(Duration.ofMinutes(1));
		aggregator.add(PARSE, 10);
		this.clock.advance(Duration.ofMinutes(2));
		AllocationAggregator.Totals totals = aggregator.totals();
		assertThat(totals.stacks()).containsOnlyKeys(PARSE);
		assertThat(totals.bytes()).isEqualTo(10);
		assertThat(totals.covered()).isEqualTo(Duration.ofMinutes(2));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(aggregator.totals().stacks()).isEmpty();
	}

	@Test
	void pastItsBoundAMinuteKeepsStacksCutAtTheSiteThenOnlyCounts() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 4,
				new FrameInterner(1024));
		for (int i = 0; i < 4; i++) {
			aggregator.add(stackCalledFrom("caller" + i), 10);
		}
		// Full: a new stack is kept cut after its site, which all of these share.
		aggregator.add(stackCalledFrom("caller4"), 10);
		aggregator.add(stackCalledFrom("caller5"), 10);
		// A quarter more (one) is the hard bound: the next distinct site is only
		// counted.
		aggregator.add(new SampledStack("int[]", List.of(new Frame("com.acme.Other", "run", 1))), 7);
		AllocationAggregator.Totals totals = aggregator.totals();
		assertThat(totals.stacks()).hasSize(5);
		assertThat(totals.stacks().get(new SampledStack("byte[]", List.of(PUT)))).containsExactly(2, 20);
		assertThat(totals.samples()).isEqualTo(7);
		assertThat(totals.bytes()).isEqualTo(67);
		assertThat(totals.unattributedSamples()).isEqualTo(1);
		assertThat(totals.unattributedBytes()).isEqualTo(7);
	}

	@Test
	void eachMinuteHasItsOwnBound() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 1,
				new FrameInterner(1024));
		aggregator.add(CACHE, 1);
		this.clock.advance(Duration.ofMinutes(1));
		aggregator.add(PARSE, 1);
		assertThat(aggregator.totals().stacks()).containsOnlyKeys(CACHE, PARSE);
		assertThat(aggregator.totals().unattributedSamples()).isZero();
	}

	@Test
	void whenAMinuteLeavesTheWindowTheInternerForgetsFramesNoStackUses() {
		FrameInterner interner = new FrameInterner(4);
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(1), 16, interner);
		Frame old = interner.frame("com.acme.Old", "run", 1);
		aggregator.add(new SampledStack("byte[]", List.of(old)), 1);
		for (int i = 0; i < 3; i++) {
			interner.frame("com.acme.Filler", "m" + i, 1);
		}
		assertThat(interner.frame("com.acme.New", "run", 1)).as("full").isNull();
		this.clock.advance(Duration.ofMinutes(2));
		Frame kept = interner.frame("com.acme.Filler", "m0", 1);
		aggregator.add(new SampledStack("char[]", List.of(kept)), 1);
		assertThat(interner.size()).isEqualTo(1);
		assertThat(interner.frame("com.acme.New", "run", 1)).isNotNull();
		assertThat(interner.frame("com.acme.Filler", "m0", 1)).isSameAs(kept);
	}

	@Test
	void negativeWeightsCountAsNone() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 4,
				new FrameInterner(1024));
		aggregator.add(CACHE, -5);
		assertThat(aggregator.totals().bytes()).isZero();
		assertThat(aggregator.totals().samples()).isEqualTo(1);
	}

	private static SampledStack stackCalledFrom(String caller) {
		return new SampledStack("byte[]", List.of(PUT, new Frame("com.acme.Web", caller, 1)));
	}

}
