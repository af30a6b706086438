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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.liveset.LiveSetHistory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LiveSetTrend}, on synthetic timelines of collections fed through a
 * {@link LiveSetHistory} as the tracker feeds it: from 0.05 to 20 collections a second,
 * windows from 1 minute to 1 hour.
 */
class LiveSetTrendTests {

	private static final long MB = 1024 * 1024;

	private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

	private static final long LIVE = 200 * MB;

	@ParameterizedTest(name = "{0} collections/s, window {1}")
	@CsvSource({ "0.05, PT10M", "0.05, PT1H", "1, PT1M", "1, PT10M", "5, PT1M", "5, PT10M", "20, PT1M", "20, PT10M",
			"20, PT1H" })
	void busyLeakWithOccasionalMarkingIsFlaggedWithinTwoWindows(double rate, Duration window) {
		// 64 MB more live data per window, and promoted garbage marked every quarter
		// window.
		Timeline timeline = new Timeline(rate, window).leak(64 * MB)
			.promotedGarbage(48 * MB)
			.markingEvery(window.dividedBy(4));
		Duration flagged = timeline.firstTime(LiveSetTrend.Outcome.SUSPECTED_LEAK, window.multipliedBy(3));
		assertThat(flagged).as("time to a suspected leak").isNotNull().isLessThanOrEqualTo(window.multipliedBy(2));
		assertThat(timeline.history.view().series().size()).as("history points").isLessThanOrEqualTo(50);
	}

	@ParameterizedTest(name = "{0} collections/s, window {1}")
	@CsvSource({ "0.05, PT10M", "1, PT1M", "5, PT1M", "5, PT10M", "20, PT1M", "20, PT1H" })
	void promotedGarbageMarkedLessOftenThanTheWindowIsNeverFlagged(double rate, Duration window) {
		Timeline timeline = new Timeline(rate, window).promotedGarbage(120 * MB)
			.markingEvery(window.multipliedBy(3).dividedBy(2));
		List<LiveSetTrend.Outcome> outcomes = timeline.outcomes(window.multipliedBy(4));
		assertThat(outcomes).doesNotContain(LiveSetTrend.Outcome.SUSPECTED_LEAK)
			.contains(LiveSetTrend.Outcome.UNCONFIRMED_GROWTH);
	}

	@ParameterizedTest(name = "{0} collections/s, window {1}")
	@CsvSource({ "1, PT1M", "5, PT10M", "20, PT1H" })
	void promotedGarbageMarkedOftenIsNoLeak(double rate, Duration window) {
		Timeline timeline = new Timeline(rate, window).promotedGarbage(48 * MB).markingEvery(window.dividedBy(5));
		assertThat(timeline.outcomes(window.multipliedBy(3)).subList(10, 30)).allMatch(LiveSetTrend.Outcome::isNoLeak);
	}

	@Test
	void growthThatNothingHasMarkedIsUnconfirmedAndSaysWhatWouldConfirmIt() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(5, window).leak(64 * MB).markingEvery(Duration.ofDays(1));
		timeline.run(window.multipliedBy(2));
		LiveSetTrend trend = timeline.trend();
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.UNCONFIRMED_GROWTH);
		assertThat(trend.suspected()).isFalse();
		assertThat(trend.outcome().isNoLeak()).isFalse();
		assertThat(trend.bytesPerMinute()).isCloseTo(6.4 * MB, org.assertj.core.data.Percentage.withPercentage(15));
		assertThat(trend.reason()).startsWith("the old generation grew 6.")
			.contains("after collections), not yet confirmed: no collection has marked the old generation in the "
					+ "last 10 min, so it may be garbage promoted there")
			.endsWith("; markings in each third of the window would confirm it (the collector's next old-generation "
					+ "or concurrent collections; POST /actuator/memory runs a full collection, one reading at once)");
	}

	@Test
	void growthUnderCyclesThatMarkButOnlyBoundTheLiveSetNeverSaysNothingMarked() {
		// Shenandoah: every cycle marks the old generation, but its figure counts what
		// was
		// allocated while it ran, so it is an upper bound and never a reading.
		List<LiveSet.Point> points = new ArrayList<>();
		for (int second = 0; second <= 600; second += 10) {
			points.add(new LiveSet.Point(START.plusSeconds(second), LIVE + second * MB / 10, 1024 * MB,
					CollectionScope.CONCURRENT, false));
		}
		LiveSetTrend trend = LiveSetTrend.analyze(points, START, START.plusSeconds(600), Duration.ofMinutes(10),
				32 * MB, 0.1);
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.UNCONFIRMED_GROWTH);
		assertThat(trend.unreadMarkings()).isTrue();
		assertThat(trend.reason()).doesNotContain("no collection has marked")
			.contains("not yet confirmed: no collection in the last 10 min measured the live set: this collector's "
					+ "cycles mark the old generation but count what was allocated while they ran, an upper bound")
			.endsWith("so it may be garbage allocated during the cycles; a full collection (POST /actuator/memory "
					+ "runs one) gives a reading");
	}

	@Test
	void growthBeneathAReadingTakenWhileABurstWasLiveIsUnconfirmedGrowthNotFewReadings() {
		// The one marking of the window fell while a burst of requests held 100 MB: its
		// reading sits above everything after it, but the lowest point of each third
		// rises 20 MB.
		Duration window = Duration.ofMinutes(1);
		Instant now = START.plus(window.multipliedBy(2));
		List<LiveSet.Point> points = new ArrayList<>();
		for (int s = 120; s >= 0; s -= 2) {
			long bytes = 100 * MB + (120 - s) * MB / 2;
			points.add(new LiveSet.Point(now.minusSeconds(s), bytes, 400 * MB, CollectionScope.YOUNG));
		}
		points.add(new LiveSet.Point(now.minusSeconds(30), 220 * MB, 400 * MB, CollectionScope.CONCURRENT));
		LiveSetTrend trend = LiveSetTrend.analyze(points, START, now, window, 16 * MB, 0.1);
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.UNCONFIRMED_GROWTH);
		assertThat(trend.liveSetReadings()).isEqualTo(1);
		assertThat(trend.growing()).isTrue();
		assertThat(trend.reason())
			.startsWith("the old generation grew 30.0 MB/min over 40 s (130 MB to 150 MB after collections)")
			.contains("not yet confirmed: only 1 of the three thirds of the last 60 s had a collection that marked "
					+ "the old generation, the last 30 s ago");
	}

	@Test
	void readingsThatRoseWithAHigherOneBetweenAreUnconfirmedGrowthNotNoLeak() {
		// A marking in each third; the middle one's lowest fell while a batch of 60 MB
		// was held. The live set rose 40 MB from the first third to the last.
		Duration window = Duration.ofMinutes(1);
		Instant now = START.plus(window.multipliedBy(2));
		List<LiveSet.Point> points = List.of(
				new LiveSet.Point(now.minusSeconds(50), 100 * MB, 400 * MB, CollectionScope.CONCURRENT),
				new LiveSet.Point(now.minusSeconds(30), 180 * MB, 400 * MB, CollectionScope.CONCURRENT),
				new LiveSet.Point(now.minusSeconds(10), 140 * MB, 400 * MB, CollectionScope.CONCURRENT));
		LiveSetTrend trend = LiveSetTrend.analyze(points, START, now, window, 16 * MB, 0.1);
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.UNCONFIRMED_GROWTH);
		assertThat(trend.outcome().isNoLeak()).isFalse();
		assertThat(trend.reason()).isEqualTo("the old generation grew 60.0 MB/min over 40 s (100 MB to 140 MB after "
				+ "collections), not yet confirmed: each third of the last 60 s had a collection that marked the old "
				+ "generation, but the lowest readings did not rise steadily from third to third, so it may be data "
				+ "held for a while rather than a leak; a steady rise of the readings would confirm it");
	}

	@Test
	void aMarkingThatFreedGarbageMidWindowDoesNotHideGrowthFromTheFirstThirdToTheLast() {
		// Promoted garbage fills the middle third, a marking at the start of the last
		// frees it, and the lowest point of the last third still sits 21 MB above the
		// first's.
		Duration window = Duration.ofMinutes(1);
		Instant now = START.plus(window.multipliedBy(2));
		List<LiveSet.Point> points = new ArrayList<>();
		for (int s = 60; s >= 0; s -= 2) {
			long live = 100 * MB + (60 - s) * MB / 2;
			long garbage = (s >= 20 && s <= 40) ? 60 * MB : 0;
			points.add(new LiveSet.Point(now.minusSeconds(s), live + garbage, 400 * MB, CollectionScope.YOUNG));
		}
		points.add(new LiveSet.Point(now.minusSeconds(19), 121 * MB, 400 * MB, CollectionScope.CONCURRENT));
		LiveSetTrend trend = LiveSetTrend.analyze(points, START, now, window, 16 * MB, 0.1);
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.UNCONFIRMED_GROWTH);
		assertThat(trend.reason()).startsWith("the old generation grew ")
			.contains("(100 MB to 121 MB after collections), not yet confirmed: only 1 of the three thirds");
	}

	@Test
	void aMarkingInSomeThirdsWithNothingGrowingIsFewReadingsAndSaysWhatChanged() {
		Duration window = Duration.ofMinutes(1);
		Instant now = START.plus(window.multipliedBy(2));
		List<LiveSet.Point> points = new ArrayList<>();
		for (int s = 120; s >= 0; s -= 2) {
			points
				.add(new LiveSet.Point(now.minusSeconds(s), 100 * MB + (s % 3) * MB, 400 * MB, CollectionScope.YOUNG));
		}
		points.add(new LiveSet.Point(now.minusSeconds(30), 98 * MB, 400 * MB, CollectionScope.CONCURRENT));
		LiveSetTrend trend = LiveSetTrend.analyze(points, START, now, window, 16 * MB, 0.1);
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.FEW_READINGS);
		assertThat(trend.growing()).isFalse();
		assertThat(trend.reason()).startsWith("the heap after collections changed by ")
			.contains("below the leak threshold, but only 1 of the three thirds of the last 60 s had a collection "
					+ "that marked the old generation");
	}

	@Test
	void aLeakThatStoppedAndWasCollectedFellBack() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(5, window).leak(64 * MB).markingEvery(Duration.ofMinutes(1));
		timeline.run(window.multipliedBy(2));
		timeline.leak(0).dropLive(100 * MB);
		timeline.run(window.dividedBy(2));
		LiveSetTrend trend = timeline.trend();
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.FELL_BACK);
		assertThat(trend.reason()).startsWith("the live set fell back");
	}

	@Test
	void youngCollectionsOverAFlatOldGenerationAreNoLeak() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(5, window).markingEvery(Duration.ofDays(1));
		timeline.run(window.multipliedBy(2));
		assertThat(timeline.trend().outcome()).isEqualTo(LiveSetTrend.Outcome.NOT_GROWING);
	}

	@Test
	void historyShorterThanHalfTheWindowIsTooShort() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(5, window).leak(64 * MB).markingEvery(Duration.ofSeconds(10));
		timeline.run(Duration.ofSeconds(95));
		LiveSetTrend trend = timeline.trend();
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.TOO_SHORT);
		assertThat(trend.growing()).isFalse();
		assertThat(trend.reason())
			.isEqualTo("the live set has been tracked for 95 s; a trend needs at least half of " + "10 min");
	}

	@Test
	void growthPastTheThresholdsBeforeHalfTheWindowIsEarlyGrowthNotSilence() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(5, window).leak(640 * MB).markingEvery(Duration.ofDays(1));
		timeline.run(Duration.ofSeconds(95));
		LiveSetTrend trend = timeline.trend();
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.EARLY_GROWTH);
		assertThat(trend.growing()).isTrue();
		assertThat(trend.suspected()).isFalse();
		assertThat(trend.outcome().isNoLeak()).isFalse();
		assertThat(trend.reason()).startsWith("the heap after collections grew from 2")
			.contains(" in the 95 s the live set has been tracked, too early for a trend (it needs half of 10 min) "
					+ "and not confirmed: no collection has marked the old generation in the last 95 s");
	}

	@Test
	void smallGrowthIsBelowTheThreshold() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(1, window).leak(4 * MB).markingEvery(Duration.ofMinutes(1));
		timeline.run(window.multipliedBy(2));
		LiveSetTrend trend = timeline.trend();
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.NOT_GROWING);
		assertThat(trend.reason()).contains("below the leak threshold");
	}

	@Test
	void aWindowWithoutCollectionsSaysSo() {
		List<LiveSet.Point> points = List.of(new LiveSet.Point(START, LIVE, 2 * LIVE, CollectionScope.FULL));
		LiveSetTrend trend = LiveSetTrend.analyze(points, START, START.plus(Duration.ofHours(1)),
				Duration.ofMinutes(10), 16 * MB, 0.1);
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.NO_COLLECTIONS);
	}

	@Test
	void theRateOfASuspectedLeakIsTheLiveSetsRate() {
		Duration window = Duration.ofMinutes(10);
		Timeline timeline = new Timeline(5, window).leak(64 * MB)
			.promotedGarbage(48 * MB)
			.markingEvery(Duration.ofMinutes(1));
		timeline.run(window.multipliedBy(2));
		LiveSetTrend trend = timeline.trend();
		assertThat(trend.outcome()).isEqualTo(LiveSetTrend.Outcome.SUSPECTED_LEAK);
		assertThat(trend.bytesPerMinute()).isCloseTo(6.4 * MB, org.assertj.core.data.Percentage.withPercentage(15));
		assertThat(trend.reason()).startsWith("the live set rose 6.")
			.contains("never fell back")
			.contains("collections that marked the old generation");
	}

	/**
	 * A simulated service: young collections at a fixed rate, whose heap-after is the
	 * live set plus the garbage promoted since the last marking plus survivors; markings
	 * at a fixed interval, whose heap-after is the live set plus some floating garbage.
	 */
	private static final class Timeline {

		private final Random random = new Random(42);

		private final long periodMillis;

		private final Duration window;

		private final LiveSetHistory history;

		private Instant now = START;

		private double live = LIVE;

		private double leakPerWindow;

		private double garbagePerWindow;

		private double garbage;

		private Duration markingEvery = Duration.ofDays(365);

		private Instant nextMarking;

		Timeline(double rate, Duration window) {
			this.periodMillis = Math.round(1000 / rate);
			this.window = window;
			this.history = LiveSetHistory.forWindow(window, 16, START);
		}

		Timeline leak(long bytesPerWindow) {
			this.leakPerWindow = bytesPerWindow;
			return this;
		}

		Timeline promotedGarbage(long bytesPerWindow) {
			this.garbagePerWindow = bytesPerWindow;
			return this;
		}

		Timeline markingEvery(Duration interval) {
			this.markingEvery = interval;
			this.nextMarking = this.now.plus(interval);
			return this;
		}

		Timeline dropLive(long bytes) {
			this.live -= bytes;
			return this;
		}

		void run(Duration duration) {
			Instant end = this.now.plus(duration);
			while (this.now.isBefore(end)) {
				step();
			}
		}

		private void step() {
			this.now = this.now.plusMillis(this.periodMillis);
			double perMilli = 1.0 / this.window.toMillis();
			this.live += this.leakPerWindow * perMilli * this.periodMillis;
			this.garbage += this.garbagePerWindow * perMilli * this.periodMillis;
			if (!this.now.isBefore(this.nextMarking)) {
				this.garbage = 0;
				this.nextMarking = this.now.plus(this.markingEvery);
				double floating = this.live * 0.04 * this.random.nextDouble();
				add(this.live + floating, CollectionScope.CONCURRENT);
			}
			else {
				double survivors = 4 * MB * this.random.nextDouble();
				add(this.live + this.garbage + survivors, CollectionScope.YOUNG);
			}
		}

		private void add(double bytes, CollectionScope scope) {
			this.history.add(new LiveSet.Point(this.now, (long) bytes, (long) (bytes * 2), scope));
		}

		LiveSetTrend trend() {
			LiveSet view = this.history.view();
			return LiveSetTrend.analyze(view.series(), view.trackedSince(), this.now, this.window, 16 * MB, 0.1);
		}

		// Evaluated every tenth of a window, as a scrape or a GET would.
		List<LiveSetTrend.Outcome> outcomes(Duration duration) {
			List<LiveSetTrend.Outcome> outcomes = new ArrayList<>();
			Duration step = this.window.dividedBy(10);
			for (Duration elapsed = Duration.ZERO; elapsed.compareTo(duration) < 0; elapsed = elapsed.plus(step)) {
				run(step);
				outcomes.add(trend().outcome());
			}
			return outcomes;
		}

		Duration firstTime(LiveSetTrend.Outcome outcome, Duration limit) {
			Duration step = this.window.dividedBy(20);
			for (Duration elapsed = Duration.ZERO; elapsed.compareTo(limit) < 0;) {
				run(step);
				elapsed = elapsed.plus(step);
				if (trend().outcome() == outcome) {
					return elapsed;
				}
			}
			return null;
		}

	}

}
