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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeakVerdict}.
 */
class LeakVerdictTests {

	private static final long MB = 1024 * 1024;

	private final LiveSetTracker tracker = new LiveSetTracker(256, Clock.systemUTC(), Set.of());

	private final GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-unlimited"),
			this.tracker);

	private final LeakVerdict verdict = new LeakVerdict(new EvidenceGatherer(Duration.ofMinutes(10), 16 * MB, 0.1)
		.withHistory(new MemoryHistory(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1),
				Instant.now().minus(Duration.ofMinutes(20)))));

	@Test
	void beforeTheFirstSampleThereIsNoVerdictAndSaysWhy() {
		assertThat(this.verdict.heapLeakSuspected()).isInstanceOf(Reading.Unavailable.class);
		assertThat(this.verdict.heapLeakSuspected().reason()).isEqualTo(LeakVerdict.NOT_YET);
		assertThat(this.verdict.nativeLeakSuspected().orNull()).isNull();
	}

	@Test
	void aGrowingLiveSetIsASuspectedHeapLeakFromTheSampleOnNotBefore() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (60 - i) * 2 * MB, 400 * MB, CollectionScope.FULL);
		}
		assertThat(this.verdict.heapLeakSuspected().orNull()).as("nothing evaluated on a read").isNull();
		this.verdict.accept(this.snapshotter.capture());
		assertThat(this.verdict.heapLeakSuspected().orNull()).isTrue();
		assertThat(this.verdict.nativeLeakSuspected().orNull()).as("no breakdown points, no native trend").isFalse();
	}

	@Test
	void aFlatLiveSetIsNoLeak() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (i % 2) * MB, 400 * MB, CollectionScope.FULL);
		}
		this.verdict.accept(this.snapshotter.capture());
		assertThat(this.verdict.heapLeakSuspected().orNull()).isFalse();
	}

	@Test
	void aReadDoesNotEvaluateAgain() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB, 400 * MB, CollectionScope.FULL);
		}
		this.verdict.accept(this.snapshotter.capture());
		// the live set now grows, but no sample has been handed over since
		for (int i = 1; i <= 60; i++) {
			this.tracker.record(now.plusSeconds(i), 100 * MB + i * 4 * MB, 600 * MB, CollectionScope.FULL);
		}
		assertThat(this.verdict.heapLeakSuspected().orNull()).isFalse();
	}

}
