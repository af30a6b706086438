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

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.LiveSetTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link MemorySnapshot}.
 */
class MemorySnapshotTests {

	@Test
	void headroomIsNaNBeforeTheFirstCollectionAndSaysWhy() {
		MemorySnapshot snapshot = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();
		assertThat(snapshot.headroomRatio()).isNaN();
		assertThat(snapshot.live()).isEmpty();
		assertThat(snapshot.unavailable()).containsKey("live");
	}

	@Test
	void headroomIsCommittedAboveLiveAsAMultipleOfLive() {
		LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());
		MemorySnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-limited"), tracker);
		long committed = snapshotter.capture().jvm().heapCommitted();
		tracker.record(Instant.now(), committed / 2, true);
		MemorySnapshot snapshot = snapshotter.capture();
		assertThat(snapshot.live()).hasValue(committed / 2);
		// the heap can move between the two captures; GOGC=100 is a ratio of about 1.0
		assertThat(snapshot.headroomRatio())
			.isCloseTo((double) (snapshot.jvm().heapCommitted() - committed / 2) / (committed / 2), within(1e-9));
	}

	@Test
	void committedTotalAddsHeapNonHeapAndDirectBuffers() {
		MemorySnapshot snapshot = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();
		assertThat(snapshot.committedTotal()).isEqualTo(
				snapshot.jvm().heapCommitted() + snapshot.jvm().nonHeapCommitted() + snapshot.jvm().directBufferUsed());
	}

	@Test
	void unavailablePartsAreNamedWithTheirReasons() {
		MemorySnapshot snapshot = TestSnapshots.snapshotter("garbled").capture();
		assertThat(snapshot.unavailable()).containsKeys("process", "container");
		assertThat(snapshot.unavailable().get("process")).contains("VmRSS");
	}

}
