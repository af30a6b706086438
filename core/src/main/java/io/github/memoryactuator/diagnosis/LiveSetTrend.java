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
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.snapshot.ByteSizes;

/**
 * Whether the live set is rising steadily over a window: the one sign of a heap leak.
 * Every point it reads is the live set plus some garbage, so it decides on the lowest
 * point of each third of the window ({@link WindowLows}): a steady rise of live-set
 * readings past the thresholds is a {@link Outcome#SUSPECTED_LEAK suspected leak}; a rise
 * that readings do not confirm (young collections alone cannot tell a leak from promoted
 * garbage) is said as {@link Outcome#UNCONFIRMED_GROWTH unconfirmed growth}, and growth
 * before half a window is tracked as {@link Outcome#EARLY_GROWTH early growth}, so that
 * what was measured is never silence.
 *
 * @param outcome what the trend says
 * @param at the end of the window
 * @param window the window looked at
 * @param covered how much of the window the history covers
 * @param startBytes the live set (or its upper bound) where the growth is measured from
 * @param endBytes the live set (or its upper bound) where it is measured to
 * @param bytesPerMinute the growth rate between the two
 * @param over the time between the two
 * @param liveSetReadings how many parts of the window hold a live-set reading
 * @param lastLiveSet when the most recent live-set reading in the history was taken, or
 * {@code null} if there is none
 * @param unreadMarkings whether collections in the window marked the old generation but
 * measured only an upper bound of the live set (Shenandoah's cycles count what was
 * allocated while they ran)
 * @since 0.1.0
 */
public record LiveSetTrend(Outcome outcome, Instant at, Duration window, Duration covered, long startBytes,
		long endBytes, double bytesPerMinute, Duration over, int liveSetReadings, @Nullable Instant lastLiveSet,
		boolean unreadMarkings) {

	static final int SEGMENTS = WindowLows.SEGMENTS;

	/**
	 * Analyse the points in {@code [now - window, now]}.
	 * @param points the points, any order; those outside the window are ignored
	 * @param trackedSince since when every collection is in {@code points}
	 * @param now the end of the window
	 * @param window how far back to look
	 * @param minGrowthBytes the smallest rise that counts
	 * @param minGrowthFraction the smallest rise, as a fraction of the start, that counts
	 * @return the trend
	 */
	public static LiveSetTrend analyze(List<LiveSet.Point> points, Instant trackedSince, Instant now, Duration window,
			long minGrowthBytes, double minGrowthFraction) {
		Instant start = now.minus(window);
		if (trackedSince.isAfter(start)) {
			start = trackedSince;
		}
		Duration covered = (start.isAfter(now)) ? Duration.ZERO : Duration.between(start, now);
		Instant lastLiveSet = null;
		for (LiveSet.Point point : points) {
			if (point.isLiveSet() && !point.time().isAfter(now)
					&& (lastLiveSet == null || point.time().isAfter(lastLiveSet))) {
				lastLiveSet = point.time();
			}
		}
		List<LiveSet.Point> inWindow = new ArrayList<>();
		for (LiveSet.Point point : points) {
			if (!point.time().isBefore(start) && !point.time().isAfter(now)) {
				inWindow.add(point);
			}
		}
		boolean unread = inWindow.stream()
			.anyMatch((point) -> point.scope() != CollectionScope.YOUNG && !point.isLiveSet());
		if (covered.compareTo(window.dividedBy(2)) < 0) {
			// Too early for a trend; growth in what is tracked is still said.
			List<LiveSet.Point> lows = lowest(inWindow, start, now, false);
			if (rising(lows, minGrowthBytes, minGrowthFraction)) {
				return growth(Outcome.EARLY_GROWTH, now, window, covered, lows, 0, lastLiveSet, unread);
			}
			return new LiveSetTrend(Outcome.TOO_SHORT, now, window, covered, 0, 0, 0, Duration.ZERO, 0, lastLiveSet,
					unread);
		}
		if (inWindow.isEmpty()) {
			return new LiveSetTrend(Outcome.NO_COLLECTIONS, now, window, covered, 0, 0, 0, Duration.ZERO, 0,
					lastLiveSet, unread);
		}
		List<LiveSet.Point> readings = lowest(inWindow, start, now, true);
		if (readings.size() == SEGMENTS) {
			LiveSet.Point first = readings.get(0);
			LiveSet.Point last = readings.get(SEGMENTS - 1);
			if (rising(readings, minGrowthBytes, minGrowthFraction)) {
				return new LiveSetTrend(Outcome.SUSPECTED_LEAK, now, window, covered, first.bytes(), last.bytes(),
						WindowLows.perMinute(readings, LiveSetTrend::millis, LiveSet.Point::bytes),
						Duration.between(first.time(), last.time()), readings.size(), lastLiveSet, unread);
			}
			// Not a steady rise, but higher at the end than at the start: a marking while
			// a batch of requests held memory reads high, and the young collections
			// around it bound the live set lower.
			List<LiveSet.Point> lows = lowest(inWindow, start, now, false);
			if (grew(lows, minGrowthBytes, minGrowthFraction)) {
				return growth(Outcome.UNCONFIRMED_GROWTH, now, window, covered, lows, readings.size(), lastLiveSet,
						unread);
			}
			return growth(fellBack(readings) ? Outcome.FELL_BACK : Outcome.NOT_GROWING, now, window, covered, readings,
					readings.size(), lastLiveSet, unread);
		}
		// Too few readings to judge the live set: what the heap after collections did
		// since the last reading (or over the window, without one) is all there is.
		LiveSet.Point base = null;
		for (LiveSet.Point point : inWindow) {
			if (point.isLiveSet() && (base == null || point.time().isAfter(base.time()))) {
				base = point;
			}
		}
		List<LiveSet.Point> bounds = lowest(inWindow, (base != null) ? base.time() : start, now, false);
		if (base != null) {
			bounds.set(0, base);
		}
		if (rising(bounds, minGrowthBytes, minGrowthFraction)) {
			return growth(Outcome.UNCONFIRMED_GROWTH, now, window, covered, bounds, readings.size(), lastLiveSet,
					unread);
		}
		if (base != null) {
			// The last reading may sit high (a marking while a burst of requests held
			// memory) while the lowest points of the window rise beneath it, and a
			// marking
			// may have freed garbage that sat in the middle third: higher at the end than
			// at the start is growth measured, too.
			List<LiveSet.Point> lows = lowest(inWindow, start, now, false);
			if (grew(lows, minGrowthBytes, minGrowthFraction)) {
				return growth(Outcome.UNCONFIRMED_GROWTH, now, window, covered, lows, readings.size(), lastLiveSet,
						unread);
			}
			// A marking in the window may have freed what a leak then took up again.
			return growth(Outcome.FEW_READINGS, now, window, covered, lows, readings.size(), lastLiveSet, unread);
		}
		// Nothing marked the old generation, so nothing left it: a flat upper bound means
		// the old generation did not grow.
		return growth(fellBack(bounds) ? Outcome.FELL_BACK : Outcome.NOT_GROWING, now, window, covered, bounds, 0,
				lastLiveSet, unread);
	}

	// A trend measured from the first to the last of the given points.
	private static LiveSetTrend growth(Outcome outcome, Instant now, Duration window, Duration covered,
			List<LiveSet.Point> points, int readings, @Nullable Instant lastLiveSet, boolean unread) {
		LiveSet.Point first = points.get(0);
		LiveSet.Point last = points.get(points.size() - 1);
		Duration over = Duration.between(first.time(), last.time());
		double perMinute = (over.toMillis() > 0) ? (last.bytes() - first.bytes()) * 60_000.0 / over.toMillis() : 0;
		return new LiveSetTrend(outcome, now, window, covered, first.bytes(), last.bytes(), perMinute, over, readings,
				lastLiveSet, unread);
	}

	// The lowest point of each third of [from, to]; with liveSet, of live-set readings
	// only, and only the thirds that hold one.
	private static List<LiveSet.Point> lowest(List<LiveSet.Point> points, Instant from, Instant to, boolean liveSet) {
		List<LiveSet.Point> candidates = liveSet ? points.stream().filter(LiveSet.Point::isLiveSet).toList() : points;
		return new ArrayList<>(WindowLows.lowest(candidates, LiveSetTrend::millis, LiveSet.Point::bytes,
				from.toEpochMilli(), to.toEpochMilli()));
	}

	private static long millis(LiveSet.Point point) {
		return point.time().toEpochMilli();
	}

	private static boolean rising(List<LiveSet.Point> points, long minGrowthBytes, double minGrowthFraction) {
		return WindowLows.rising(points, LiveSet.Point::bytes, minGrowthBytes, minGrowthFraction);
	}

	private static boolean grew(List<LiveSet.Point> points, long minGrowthBytes, double minGrowthFraction) {
		return WindowLows.grew(points, LiveSet.Point::bytes, minGrowthBytes, minGrowthFraction);
	}

	private static boolean fellBack(List<LiveSet.Point> points) {
		return WindowLows.fellBack(points, LiveSet.Point::bytes);
	}

	/**
	 * Return whether this is a suspected leak.
	 * @return whether the outcome is {@link Outcome#SUSPECTED_LEAK}
	 */
	public boolean suspected() {
		return this.outcome == Outcome.SUSPECTED_LEAK;
	}

	/**
	 * Return whether the heap after collections grew past the thresholds, confirmed by
	 * live-set readings or not.
	 * @return whether the outcome is {@link Outcome#isGrowth() growth}
	 */
	public boolean growing() {
		return this.outcome.isGrowth();
	}

	/**
	 * Return why the trend says what it says, in one clause for an operator: what was
	 * measured first, then what it does not show.
	 * @return the reason
	 */
	public String reason() {
		return switch (this.outcome) {
			case TOO_SHORT -> "the live set has been tracked for " + describe(this.covered)
					+ "; a trend needs at least half of " + describe(this.window);
			case EARLY_GROWTH -> "the heap after collections grew from " + ByteSizes.format(this.startBytes) + " to "
					+ ByteSizes.format(this.endBytes) + " in the " + describe(this.covered)
					+ " the live set has been tracked, too early for a trend (it needs half of " + describe(this.window)
					+ ") and not confirmed: " + unmarked();
			case NO_COLLECTIONS -> "no garbage collection ran in the last " + describe(this.covered);
			case SUSPECTED_LEAK -> "the live set rose " + ByteSizes.format((long) this.bytesPerMinute)
					+ "/min over the last " + describe(this.covered) + " and never fell back: from "
					+ ByteSizes.format(this.startBytes) + " to " + ByteSizes.format(this.endBytes)
					+ ", the lowest readings of its first and last thirds by collections that marked the old "
					+ "generation";
			case UNCONFIRMED_GROWTH -> "the old generation grew " + ByteSizes.format((long) this.bytesPerMinute)
					+ "/min over " + describe(this.over) + " (" + ByteSizes.format(this.startBytes) + " to "
					+ ByteSizes.format(this.endBytes) + " after collections), not yet confirmed: " + unmarked()
					+ ((this.liveSetReadings == SEGMENTS)
							? ", so it may be data held for a while rather than a leak; a steady rise of the readings "
									+ "would confirm it"
							: (this.unreadMarkings && this.liveSetReadings == 0)
									? ", so it may be garbage allocated during the cycles; a full collection (POST "
											+ "/actuator/memory runs one) gives a reading"
									: ", so it may be garbage promoted there; markings in each third of the window would "
											+ "confirm it (the collector's next old-generation or concurrent collections; "
											+ "POST /actuator/memory runs a full collection, one reading at once)");
			case FEW_READINGS ->
				"the heap after collections changed by " + ByteSizes.format(this.endBytes - this.startBytes) + " over "
						+ describe(this.over) + ", below the leak threshold, but only " + this.liveSetReadings
						+ " of the three thirds of the last " + describe(this.covered)
						+ " had a collection that marked the old generation, and a trend of the "
						+ "live set needs one in each";
			case FELL_BACK -> "the live set fell back within the last " + describe(this.covered);
			case NOT_GROWING -> "the live set changed by " + ByteSizes.format(this.endBytes - this.startBytes)
					+ " over " + describe(this.covered) + ", below the leak threshold";
		};
	}

	// Why growth is not confirmed: when the old generation was last marked.
	private String unmarked() {
		if (this.lastLiveSet == null && this.unreadMarkings) {
			return "no collection in the last " + describe(this.covered) + " measured the live set: this collector's "
					+ "cycles mark the old generation but count what was allocated while they ran, an upper bound";
		}
		if (this.lastLiveSet == null) {
			return "no collection has marked the old generation in the last " + describe(this.covered);
		}
		Duration since = Duration.between(this.lastLiveSet, this.at);
		if (this.liveSetReadings == SEGMENTS) {
			return "each third of the last " + describe(this.covered)
					+ " had a collection that marked the old generation, but the lowest readings did not rise steadily "
					+ "from third to third";
		}
		if (this.liveSetReadings > 0) {
			return "only " + this.liveSetReadings + " of the three thirds of the last " + describe(this.covered)
					+ " had a collection that marked the old generation, the last " + describe(since) + " ago";
		}
		return "no collection has marked the old generation for " + describe(since);
	}

	static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 2 * 3600) {
			return (seconds + 30) / 60 + " min";
		}
		return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
	}

	/**
	 * What a live-set trend says.
	 *
	 * @since 0.1.0
	 */
	public enum Outcome {

		/**
		 * The history covers less than half the window: too early to say.
		 */
		TOO_SHORT,

		/**
		 * No collection ran in the window: nothing to judge.
		 */
		NO_COLLECTIONS,

		/**
		 * Live-set readings across the window rose steadily past the thresholds.
		 */
		SUSPECTED_LEAK,

		/**
		 * The heap after collections rose past the thresholds (since the last live-set
		 * reading, or over the window), but too few collections marked the old generation
		 * to say whether it is live data or promoted garbage.
		 */
		UNCONFIRMED_GROWTH,

		/**
		 * Collections marked the old generation in the window, but not in each third of
		 * it: too few readings to tell the live set's trend, and the heap after
		 * collections grew neither since the last reading nor over the window.
		 */
		FEW_READINGS,

		/**
		 * The live set (or its upper bound) fell back from a peak.
		 */
		FELL_BACK,

		/**
		 * The live set (or its upper bound) changed less than the thresholds.
		 */
		NOT_GROWING,

		/**
		 * The history covers less than half the window, but in it the heap after
		 * collections already rose past the thresholds: too early for a trend, and not
		 * confirmed by live-set readings.
		 */
		EARLY_GROWTH;

		/**
		 * Return whether this outcome says there is no leak.
		 * @return whether the history was long enough and showed no growth
		 */
		public boolean isNoLeak() {
			return this == FELL_BACK || this == NOT_GROWING;
		}

		/**
		 * Return whether this outcome says the heap after collections grew past the
		 * thresholds: a suspected leak, or growth not (yet) confirmed by live-set
		 * readings.
		 * @return whether something measured grew
		 */
		public boolean isGrowth() {
			return this == SUSPECTED_LEAK || this == UNCONFIRMED_GROWTH || this == EARLY_GROWTH;
		}

	}

}
