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

package io.github.memoryactuator.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LiveSetTracker}.
 */
class LiveSetTrackerTests {

	@Test
	void keepsOnlyTheNewestPointsInOrder() {
		LiveSetTracker tracker = new LiveSetTracker(3, Clock.systemUTC(), Set.of());
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 5; i++) {
			tracker.record(start.plusSeconds(i), i * 100L, false);
		}
		assertThat(tracker.points()).extracting(LiveSetTracker.Point::bytes).containsExactly(200L, 300L, 400L);
		assertThat(tracker.latest()).hasValue(400L);
		assertThat(tracker.collections()).isEqualTo(5);
	}

	@Test
	void emptyBeforeTheFirstCollection() {
		LiveSetTracker tracker = new LiveSetTracker(3, Clock.systemUTC(), Set.of());
		assertThat(tracker.latest()).isEmpty();
		assertThat(tracker.points()).isEmpty();
	}

	@Test
	void capacityBelowTwoIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LiveSetTracker(1, Clock.systemUTC(), Set.of()))
			.withMessage("'capacity' must be at least 2");
	}

	@Test
	void pauseNotificationsAndConcurrentPhasesAreNotCollections() {
		assertThat(LiveSetTracker.isCollection("ZGC Pauses", "Proactive")).isFalse();
		assertThat(LiveSetTracker.isCollection("Shenandoah Pauses", "Allocation Failure")).isFalse();
		assertThat(LiveSetTracker.isCollection("G1 Concurrent GC", "No GC")).isFalse();
		assertThat(LiveSetTracker.isCollection("ZGC Cycles", "Proactive")).isTrue();
		assertThat(LiveSetTracker.isCollection("G1 Young Generation", "G1 Evacuation Pause")).isTrue();
	}

	@Test
	void recordsARealCollectionOfThisJvm() throws Exception {
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		try (LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), heapPools)) {
			assertThat(tracker.listenTo(ManagementFactory.getGarbageCollectorMXBeans())).isPositive();
			System.gc();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (tracker.latest().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(tracker.latest()).isPresent();
			assertThat(tracker.latest().getAsLong()).isPositive()
				.isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
		}
	}

	@Test
	void startsWithTheCollectionThatEndedBeforeItStarted() {
		System.gc();
		Instant afterGc = Instant.now();
		try (LiveSetTracker tracker = LiveSetTracker.startPlatform(8)) {
			assertThat(tracker.latest()).isPresent();
			assertThat(tracker.latest().getAsLong()).isPositive()
				.isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
			// Timed by the JVM's own clock: within a few seconds of when it ended here.
			assertThat(tracker.points().get(0).time()).isBetween(afterGc.minusSeconds(5), afterGc.plusSeconds(1));
			assertThat(tracker.collections()).isZero();
		}
	}

	@Test
	void startsEmptyWhenNoCollectorHasRun() {
		LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), Set.of("heap"));
		tracker.seed(java.util.List.of(), 0);
		assertThat(tracker.points()).isEmpty();
	}

}
