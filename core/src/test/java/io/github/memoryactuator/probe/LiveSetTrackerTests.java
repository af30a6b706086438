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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LiveSetTracker}, {@link LiveSetHistory} and {@link CollectionScope}.
 */
class LiveSetTrackerTests {

	private static final long MB = 1024 * 1024;

	@Test
	void keepsTheNewestPointsForDisplayInOrder() {
		LiveSetTracker tracker = new LiveSetTracker(3, Clock.systemUTC(), Set.of());
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 5; i++) {
			tracker.record(start.plusSeconds(i), i * 100L, 1000, CollectionScope.YOUNG);
		}
		assertThat(tracker.liveSet().recent()).extracting(LiveSet.Point::bytes).containsExactly(200L, 300L, 400L);
		assertThat(tracker.liveSet().latest().bytes()).isEqualTo(400L);
		assertThat(tracker.liveSet().collections()).isEqualTo(5);
	}

	@Test
	void theLiveSetIsOnlyEverAReadingThatMarkedTheOldGeneration() {
		LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), Set.of());
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		tracker.record(start, 1 * MB, 64 * MB, CollectionScope.FULL);
		for (int i = 1; i <= 100; i++) {
			tracker.record(start.plusSeconds(i), 205 * MB, 512 * MB, CollectionScope.YOUNG);
		}
		LiveSet liveSet = tracker.liveSet();
		assertThat(liveSet.bytes()).hasValue(1 * MB);
		assertThat(liveSet.liveSet().scope()).isEqualTo(CollectionScope.FULL);
		assertThat(liveSet.latest().isLiveSet()).isFalse();
	}

	@Test
	void historyIsBoundedByTimeWhateverTheCollectionRate() {
		LiveSetHistory history = LiveSetHistory.forWindow(Duration.ofMinutes(1), 8, Instant.EPOCH);
		// an hour at 50 collections a second
		for (int i = 0; i < 180_000; i++) {
			CollectionScope scope = (i % 100 == 0) ? CollectionScope.MIXED : CollectionScope.YOUNG;
			history.add(new LiveSet.Point(Instant.EPOCH.plusMillis(i * 20L), (i % 50) * MB, 512 * MB, scope));
		}
		LiveSet view = history.view();
		// 25 buckets of 6 s, each with its lowest reading and its lowest upper bound
		assertThat(view.series()).hasSize(50);
		assertThat(view.series()).filteredOn(LiveSet.Point::isLiveSet).allMatch((point) -> point.bytes() == 0);
		assertThat(view.series().get(0).time()).isAfter(Instant.EPOCH.plus(Duration.ofMinutes(57)));
		assertThat(view.recent()).hasSize(8);
		assertThat(view.collections()).isEqualTo(180_000);
	}

	@Test
	void oneViewIsSharedUntilTheNextCollection() {
		LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), Set.of());
		tracker.record(Instant.now(), MB, MB, CollectionScope.FULL);
		LiveSet view = tracker.liveSet();
		assertThat(tracker.liveSet()).isSameAs(view);
		tracker.record(Instant.now(), MB, MB, CollectionScope.YOUNG);
		assertThat(tracker.liveSet()).isNotSameAs(view);
	}

	@Test
	void emptyBeforeTheFirstCollection() {
		LiveSetTracker tracker = new LiveSetTracker(3, Clock.systemUTC(), Set.of());
		assertThat(tracker.liveSet().bytes()).isEmpty();
		assertThat(tracker.liveSet().latest()).isNull();
		assertThat(tracker.liveSet().series()).isEmpty();
	}

	@Test
	void sizesBelowOneAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LiveSetHistory(Duration.ofSeconds(1), 1, 8, Instant.EPOCH))
			.withMessage("'buckets' must be at least 2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LiveSetHistory(Duration.ofSeconds(1), 10, 0, Instant.EPOCH))
			.withMessage("'recentCapacity' must be at least 1");
	}

	@Test
	void everyCollectorsBeansAreClassifiedByWhatTheyCollect() {
		// Names and actions as JDK 17.0.15 and 25.0.3 report them.
		assertThat(CollectionScope.classify("Copy", "end of minor GC", false, false)).isEqualTo(CollectionScope.YOUNG);
		assertThat(CollectionScope.classify("MarkSweepCompact", "end of major GC", false, false))
			.isEqualTo(CollectionScope.FULL);
		assertThat(CollectionScope.classify("PS Scavenge", "end of minor GC", false, false))
			.isEqualTo(CollectionScope.YOUNG);
		assertThat(CollectionScope.classify("PS MarkSweep", "end of major GC", false, false))
			.isEqualTo(CollectionScope.FULL);
		assertThat(CollectionScope.classify("G1 Young Generation", "end of minor GC", false, false))
			.isEqualTo(CollectionScope.YOUNG);
		assertThat(CollectionScope.classify("G1 Young Generation", "end of minor GC", true, false))
			.isEqualTo(CollectionScope.MIXED);
		assertThat(CollectionScope.classify("G1 Old Generation", "end of major GC", false, false))
			.isEqualTo(CollectionScope.FULL);
		assertThat(CollectionScope.classify("G1 Concurrent GC", "end of concurrent GC pause", false, false))
			.isEqualTo(CollectionScope.CONCURRENT);
		assertThat(CollectionScope.classify("ZGC Cycles", "end of GC cycle", false, false))
			.isEqualTo(CollectionScope.CONCURRENT);
		assertThat(CollectionScope.classify("ZGC Pauses", "end of GC pause", false, false)).isNull();
		assertThat(CollectionScope.classify("ZGC Major Cycles", "end of GC cycle", false, false))
			.isEqualTo(CollectionScope.CONCURRENT);
		assertThat(CollectionScope.classify("ZGC Minor Cycles", "end of GC cycle", false, false))
			.isEqualTo(CollectionScope.YOUNG);
		assertThat(CollectionScope.classify("ZGC Major Pauses", "end of GC pause", false, false)).isNull();
		assertThat(CollectionScope.classify("Shenandoah Cycles", "end of GC cycle", false, false))
			.isEqualTo(CollectionScope.CONCURRENT);
		assertThat(CollectionScope.classify("Shenandoah Cycles", "end of GC cycle", false, true))
			.isEqualTo(CollectionScope.YOUNG);
		assertThat(CollectionScope.classify("Shenandoah Pauses", "Final Mark", false, false)).isNull();
		assertThat(CollectionScope.classify("global", "end of major GC", false, false)).isEqualTo(CollectionScope.FULL);
		assertThat(CollectionScope.classify("scavenge", "end of minor GC", false, false))
			.isEqualTo(CollectionScope.YOUNG);
	}

	@Test
	void aFullCollectionOfThisJvmIsALiveSetReading() throws Exception {
		try (LiveSetTracker tracker = LiveSetTracker.startPlatform(8)) {
			long before = tracker.liveSet().collections();
			System.gc();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (tracker.liveSet().collections() == before && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			LiveSet.Point point = tracker.liveSet().liveSet();
			assertThat(point).isNotNull();
			assertThat(point.scope()).isIn(CollectionScope.FULL, CollectionScope.CONCURRENT);
			assertThat(point.bytes()).isPositive().isLessThanOrEqualTo(point.committed());
		}
	}

	@Test
	void startsWithTheCollectionThatEndedBeforeItStarted() {
		System.gc();
		Instant afterGc = Instant.now();
		try (LiveSetTracker tracker = LiveSetTracker.startPlatform(8)) {
			LiveSet liveSet = tracker.liveSet();
			assertThat(liveSet.bytes()).isPresent();
			assertThat(liveSet.bytes().getAsLong()).isPositive()
				.isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
			// Timed by the JVM's own clock: within a few seconds of when it ended here.
			assertThat(liveSet.liveSet().time()).isBetween(afterGc.minusSeconds(5), afterGc.plusSeconds(1));
			assertThat(liveSet.collections()).isZero();
		}
	}

	@Test
	void startsEmptyWhenNoCollectorHasRun() {
		LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), Set.of("heap"));
		tracker.seed(java.util.List.of(), 0);
		assertThat(tracker.liveSet().latest()).isNull();
	}

}
