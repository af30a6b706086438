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

package io.github.memoryactuator.liveset;

import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link LiveSetTracker}, {@link LiveSetHistory}, {@link CollectionScope},
 * {@link MarkingPhase} and {@link CycleAllocation}.
 */
class LiveSetTrackerTests {

	private static final long MB = 1024 * 1024;

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final String G1_YOUNG = "G1 Young Generation";

	private static final String G1_OLD = "G1 Old Generation";

	private static final String G1_CONCURRENT = "G1 Concurrent GC";

	private static LiveSetTracker tracker() {
		return new LiveSetTracker(Clock.systemUTC(), Set.of(), null, false, null,
				LiveSetHistory.forWindow(Duration.ofMinutes(1), 16, T0));
	}

	// as the tracker makes it from a notification: not yet marked as a reading
	private static LiveSet.Point point(int second, long mb, CollectionScope scope) {
		return new LiveSet.Point(T0.plusSeconds(second), mb * MB, 512 * MB, scope, false);
	}

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
	void aG1MarkingPhaseGivesOneReadingItsLowestPointOnceAYoungCollectionEndsIt() {
		LiveSetTracker tracker = tracker();
		tracker.collected(G1_OLD, point(-30, 10, CollectionScope.FULL), -1, 0);
		// Remark and Cleanup, then mixed collections that each take some candidates
		tracker.collected(G1_CONCURRENT, point(1, 120, CollectionScope.CONCURRENT), -1, 0);
		tracker.collected(G1_CONCURRENT, point(2, 118, CollectionScope.CONCURRENT), -1, 0);
		tracker.collected(G1_YOUNG, point(3, 110, CollectionScope.MIXED), -1, 0);
		tracker.collected(G1_YOUNG, point(4, 80, CollectionScope.MIXED), -1, 0);
		tracker.collected(G1_YOUNG, point(5, 85, CollectionScope.MIXED), -1, 0);
		LiveSet pending = tracker.liveSet();
		assertThat(pending.bytes()).as("the previous reading stands while the phase runs").hasValue(10 * MB);
		assertThat(pending.recent()).filteredOn(LiveSet.Point::isLiveSet).hasSize(1);
		tracker.collected(G1_YOUNG, point(6, 90, CollectionScope.YOUNG), -1, 0);
		LiveSet ended = tracker.liveSet();
		assertThat(ended.bytes()).hasValue(80 * MB);
		assertThat(ended.liveSet().time()).isEqualTo(T0.plusSeconds(4));
		assertThat(ended.liveSet().scope()).isEqualTo(CollectionScope.MIXED);
		assertThat(ended.recent()).extracting(LiveSet.Point::bytes, LiveSet.Point::isLiveSet)
			.containsExactly(tuple(10 * MB, true), tuple(120 * MB, false), tuple(118 * MB, false),
					tuple(110 * MB, false), tuple(80 * MB, true), tuple(85 * MB, false), tuple(90 * MB, false));
		assertThat(ended.collections()).isEqualTo(7);
		assertThat(ended.series()).filteredOn(LiveSet.Point::isLiveSet)
			.extracting(LiveSet.Point::bytes)
			.containsExactly(10 * MB, 80 * MB);
	}

	@Test
	void noReadingBeforeTheFirstG1MarkingPhaseHasEnded() {
		LiveSetTracker tracker = tracker();
		tracker.collected(G1_YOUNG, point(1, 200, CollectionScope.YOUNG), -1, 0);
		tracker.collected(G1_YOUNG, point(2, 150, CollectionScope.MIXED), -1, 0);
		assertThat(tracker.liveSet().bytes()).isEmpty();
		tracker.collected(G1_YOUNG, point(3, 160, CollectionScope.YOUNG), -1, 0);
		assertThat(tracker.liveSet().bytes()).hasValue(150 * MB);
		// a new phase keeps the reading until it ends
		tracker.collected(G1_YOUNG, point(4, 190, CollectionScope.MIXED), -1, 0);
		assertThat(tracker.liveSet().bytes()).hasValue(150 * MB);
	}

	@Test
	void aNewMarkingEndsAPendingMixedPhase() {
		LiveSetTracker tracker = tracker();
		tracker.collected(G1_YOUNG, point(1, 100, CollectionScope.MIXED), -1, 0);
		tracker.collected(G1_YOUNG, point(2, 70, CollectionScope.MIXED), -1, 0);
		tracker.collected(G1_CONCURRENT, point(3, 60, CollectionScope.CONCURRENT), -1, 0);
		assertThat(tracker.liveSet().bytes()).hasValue(70 * MB);
		// a full collection ends the new phase too, and is a reading of its own
		tracker.collected(G1_OLD, point(4, 50, CollectionScope.FULL), -1, 0);
		assertThat(tracker.liveSet().recent()).filteredOn(LiveSet.Point::isLiveSet)
			.extracting(LiveSet.Point::bytes)
			.containsExactly(70 * MB, 60 * MB, 50 * MB);
		assertThat(tracker.liveSet().bytes()).hasValue(50 * MB);
	}

	@Test
	void aMarkingThatFindsNothingToCollectIsReadFromItsPauses() {
		LiveSetTracker tracker = tracker();
		tracker.collected(G1_CONCURRENT, point(1, 64, CollectionScope.CONCURRENT), -1, 0);
		tracker.collected(G1_CONCURRENT, point(2, 63, CollectionScope.CONCURRENT), -1, 0);
		tracker.collected(G1_YOUNG, point(3, 70, CollectionScope.YOUNG), -1, 0);
		assertThat(tracker.liveSet().bytes()).hasValue(63 * MB);
	}

	@Test
	void aPhaseOfYoungCollectionsThatLookMixedIsCutAtSixteen() {
		LiveSetTracker tracker = tracker();
		for (int i = 0; i < MarkingPhase.MAX_COLLECTIONS; i++) {
			tracker.collected(G1_YOUNG, point(i, 100 + i, CollectionScope.MIXED), -1, 0);
		}
		assertThat(tracker.liveSet().bytes()).isEmpty();
		tracker.collected(G1_YOUNG, point(16, 90, CollectionScope.MIXED), -1, 0);
		assertThat(tracker.liveSet().bytes()).hasValue(100 * MB);
	}

	@Test
	void aG1CollectionIsMixedWhenItCollectedOldRegionsNotWhenItLeftTheOldGenerationAsItWas() {
		MemoryUsage lastMixed = new MemoryUsage(0, 80 * MB, 128 * MB, 256 * MB);
		// a mixed collection: old regions went, the collection usage was set to the
		// result
		assertThat(LiveSetTracker.collectedOld(new MemoryUsage(0, 100 * MB, 128 * MB, 256 * MB), lastMixed, lastMixed))
			.isTrue();
		// nothing promoted since the last mixed collection: equal to it, yet no old
		// region
		// was collected, and what died in the old generation since is still there
		assertThat(LiveSetTracker.collectedOld(lastMixed, lastMixed, lastMixed)).isFalse();
		// something promoted: not what the last mixed collection left
		assertThat(LiveSetTracker.collectedOld(lastMixed, new MemoryUsage(0, 84 * MB, 128 * MB, 256 * MB), lastMixed))
			.isFalse();
		assertThat(LiveSetTracker.collectedOld(null, lastMixed, null)).isFalse();
	}

	@Test
	void aZgcCycleIsReadLessWhatWasAllocatedWhileItRan() {
		LiveSetTracker tracker = tracker();
		tracker.collected("ZGC Cycles", point(1, 100, CollectionScope.CONCURRENT), 30 * MB, 0);
		assertThat(tracker.liveSet().bytes()).hasValue(70 * MB);
		assertThat(tracker.liveSet().liveSet().committed()).isEqualTo(512 * MB);
		// generational: never below what the old generation holds after it
		tracker.collected("ZGC Major Cycles", point(2, 100, CollectionScope.CONCURRENT), 90 * MB, 40 * MB);
		assertThat(tracker.liveSet().bytes()).hasValue(40 * MB);
	}

	@Test
	void aZgcCycleWhoseAllocationIsUnknownIsAnUpperBound() {
		LiveSetTracker tracker = tracker();
		tracker.collected("ZGC Cycles", point(1, 100, CollectionScope.CONCURRENT), -1, 0);
		tracker.collected("ZGC Cycles", point(2, 100, CollectionScope.CONCURRENT), 100 * MB, 0);
		assertThat(tracker.liveSet().bytes()).isEmpty();
		assertThat(tracker.liveSet().latest().bytes()).isEqualTo(100 * MB);
	}

	@Test
	void shenandoahCyclesAreUpperBounds() {
		LiveSetTracker tracker = tracker();
		tracker.collected("Shenandoah Cycles", point(1, 100, CollectionScope.CONCURRENT), -1, 0);
		assertThat(tracker.liveSet().bytes()).isEmpty();
		assertThat(tracker.liveSet().latest().scope()).isEqualTo(CollectionScope.CONCURRENT);
		assertThat(tracker.liveSet().latest().isLiveSet()).isFalse();
	}

	@Test
	void aCycleIsTheAllocationBetweenItsFirstPauseAndItsEnd() {
		AtomicLong allocated = new AtomicLong(1000);
		CycleAllocation cycles = new CycleAllocation(allocated::get);
		cycles.paused("ZGC Pauses", 5_000);
		allocated.addAndGet(300);
		cycles.paused("ZGC Pauses", 5_010);
		allocated.addAndGet(200);
		assertThat(cycles.ended("ZGC Cycles", 4_999)).isEqualTo(500);
		// the next cycle's first pause was not seen
		assertThat(cycles.ended("ZGC Cycles", 6_000)).isNegative();
		// a pause left open by a cycle whose end was missed belongs to an earlier cycle
		cycles.paused("ZGC Pauses", 7_000);
		assertThat(cycles.ended("ZGC Cycles", 8_000)).isNegative();
	}

	@Test
	void aMinorCycleThatEndsDuringAMajorOneMovesTheMajorsStart() {
		AtomicLong allocated = new AtomicLong(0);
		CycleAllocation cycles = new CycleAllocation(allocated::get);
		cycles.paused("ZGC Major Pauses", 1_000);
		allocated.addAndGet(100);
		cycles.paused("ZGC Minor Pauses", 1_100);
		allocated.addAndGet(40);
		assertThat(cycles.ended("ZGC Minor Cycles", 1_100)).isEqualTo(40);
		allocated.addAndGet(10);
		assertThat(cycles.ended("ZGC Major Cycles", 1_000)).isEqualTo(50);
	}

	@Test
	void noAllocationCountNoCycleAllocation() {
		CycleAllocation cycles = new CycleAllocation(() -> -1);
		cycles.paused("ZGC Pauses", 1);
		assertThat(cycles.ended("ZGC Cycles", 1)).isNegative();
	}

	@Test
	void thisJvmCountsWhatItsThreadsAllocate() {
		java.util.function.LongSupplier allocated = CycleAllocation.platformAllocatedBytes();
		long before = allocated.getAsLong();
		byte[][] arrays = new byte[64][];
		for (int i = 0; i < arrays.length; i++) {
			arrays[i] = new byte[256 * 1024];
		}
		assertThat(arrays[63]).hasSize(256 * 1024);
		assertThat(allocated.getAsLong() - before).isGreaterThanOrEqualTo(16 * MB);
	}

	@Test
	void startsEmptyWhenNoCollectorHasRun() {
		LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), Set.of("heap"));
		tracker.seed(java.util.List.of(), 0);
		assertThat(tracker.liveSet().latest()).isNull();
	}

}
