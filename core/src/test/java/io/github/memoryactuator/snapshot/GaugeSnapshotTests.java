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

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.jvm.JvmMemory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GaugeSnapshot}.
 */
class GaugeSnapshotTests {

	private static final long MB = 1024 * 1024;

	@Test
	void headroomIsNaNBeforeTheFirstCollectionAndSaysWhy() {
		GaugeSnapshot snapshot = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();
		assertThat(snapshot.headroomRatio()).isNaN();
		assertThat(snapshot.live()).isEmpty();
		assertThat(snapshot.unavailable()).containsKey("live");
	}

	@Test
	void headroomIsCommittedAboveLiveBothRightAfterTheLiveSetReading() {
		LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());
		GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-limited"), tracker);
		tracker.record(Instant.now(), 100 * MB, 250 * MB, CollectionScope.FULL);
		GaugeSnapshot snapshot = snapshotter.capture();
		assertThat(snapshot.live()).hasValue(100 * MB);
		assertThat(snapshot.headroomRatio()).isEqualTo(1.5);
	}

	@Test
	void youngCollectionsGiveNoLiveSetAndLeaveTheHeadroomUnknown() {
		LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());
		GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-limited"), tracker);
		tracker.record(Instant.now(), 205 * MB, 512 * MB, CollectionScope.YOUNG);
		GaugeSnapshot snapshot = snapshotter.capture();
		assertThat(snapshot.live()).isEmpty();
		assertThat(snapshot.headroomRatio()).isNaN();
		assertThat(snapshot.unavailable().get("live"))
			.contains("young collections and Shenandoah's cycles give only an upper bound");
		assertThat(snapshot.gc().liveSet().latest().bytes()).isEqualTo(205 * MB);
	}

	@Test
	void theLiveSetIsTheLatestReadingThatMarkedTheOldGenerationNotTheLatestCollection() {
		LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());
		GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-limited"), tracker);
		Instant now = Instant.now();
		tracker.record(now.minusSeconds(2), 1 * MB, 64 * MB, CollectionScope.MIXED);
		tracker.record(now.minusSeconds(1), 205 * MB, 512 * MB, CollectionScope.YOUNG);
		assertThat(snapshotter.capture().live()).hasValue(1 * MB);
	}

	@Test
	void committedTotalCountsTheClassSpaceOnce() {
		GaugeSnapshot snapshot = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();
		long metaspace = snapshot.jvm().committed(JvmMemory.METASPACE);
		long classSpace = snapshot.jvm().committed(JvmMemory.CLASS_SPACE);
		long codeCache = snapshot.jvm()
			.nonHeapPools()
			.stream()
			.filter((pool) -> pool.name().startsWith("CodeHeap") || pool.name().equals("Code Cache"))
			.mapToLong(JvmMemory.Pool::committed)
			.sum();
		assertThat(classSpace).as("this JVM has a compressed class space").isPositive();
		assertThat(snapshot.committedTotal())
			.isEqualTo(snapshot.jvm().heapCommitted() + metaspace + codeCache + snapshot.jvm().directBufferUsed());
	}

	@Test
	void unavailablePartsAreNamedWithTheirReasons() {
		GaugeSnapshot snapshot = TestSnapshots.snapshotter("garbled").capture();
		assertThat(snapshot.unavailable()).containsKeys("process", "container");
		assertThat(snapshot.unavailable().get("process")).contains("VmRSS");
	}

}
