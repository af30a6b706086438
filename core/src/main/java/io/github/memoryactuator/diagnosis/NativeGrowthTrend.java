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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.snapshot.ByteSizes;

/**
 * Whether native memory (outside the Java heap) is rising steadily over a window: the
 * sign of a native leak, read from the memory history's breakdown points. The figure is
 * glibc's {@code malloc} in use where glibc says it, so that memory glibc keeps after a
 * {@code free} (retention, not a leak) does not count; elsewhere the resident memory
 * outside the heap and mapped files. As for the live set, the lowest point of each third
 * of the window decides ({@link WindowLows}), and with Native Memory Tracking on, the NMT
 * categories that grew are quoted to tell the JVM's own growth from native code's.
 *
 * @param outcome what the trend says
 * @param at the end of the window
 * @param window the window looked at
 * @param covered how much of the window the history covers
 * @param figure what was measured
 * @param startBytes the lowest reading of the first third
 * @param endBytes the lowest reading of the last third
 * @param bytesPerMinute the least-squares growth rate through the three lows
 * @param points how many breakdown points lay in the window
 * @param nmtPerMinute the NMT categories that grew between the first and the last low, in
 * bytes per minute, largest first; empty with NMT off or when nothing grew
 * @since 0.1.0
 */
public record NativeGrowthTrend(Outcome outcome, Instant at, Duration window, Duration covered, Figure figure,
		long startBytes, long endBytes, double bytesPerMinute, int points, Map<String, Long> nmtPerMinute) {

	// NMT categories that grew less than this per minute are not worth quoting.
	private static final long NMT_QUOTE = 256 * 1024;

	/**
	 * Create an instance.
	 * @param outcome what the trend says
	 * @param at the end of the window
	 * @param window the window looked at
	 * @param covered how much of the window the history covers
	 * @param figure what was measured
	 * @param startBytes the lowest reading of the first third
	 * @param endBytes the lowest reading of the last third
	 * @param bytesPerMinute the growth rate
	 * @param points how many breakdown points lay in the window
	 * @param nmtPerMinute the NMT categories that grew, bytes per minute
	 */
	public NativeGrowthTrend {
		nmtPerMinute = Collections.unmodifiableMap(new LinkedHashMap<>(nmtPerMinute));
	}

	/**
	 * Return the trend of a process without a memory history.
	 * @param at when the question was asked
	 * @return a trend that says the history is off
	 */
	public static NativeGrowthTrend untracked(Instant at) {
		return new NativeGrowthTrend(Outcome.NO_HISTORY, at, Duration.ZERO, Duration.ZERO, Figure.MALLOC_IN_USE, 0, 0,
				0, 0, Map.of());
	}

	/**
	 * Analyse the breakdown points in {@code [now - window, now]}.
	 * @param points the points, oldest first; those outside the window are ignored
	 * @param since since when the history records points
	 * @param now the end of the window
	 * @param window how far back to look
	 * @param minGrowthBytes the smallest rise that counts
	 * @param minGrowthFraction the smallest rise, as a fraction of the start, that counts
	 * @return the trend
	 */
	public static NativeGrowthTrend analyze(List<BreakdownPoint> points, Instant since, Instant now, Duration window,
			long minGrowthBytes, double minGrowthFraction) {
		Instant start = now.minus(window);
		if (since.isAfter(start)) {
			start = since;
		}
		Duration covered = (start.isAfter(now)) ? Duration.ZERO : Duration.between(start, now);
		List<BreakdownPoint> inWindow = new ArrayList<>();
		for (BreakdownPoint point : points) {
			if (!point.time().isBefore(start) && !point.time().isAfter(now)) {
				inWindow.add(point);
			}
		}
		// glibc's figure only when every point has it: a series that switches figures
		// would show their difference as growth.
		Figure figure = (!inWindow.isEmpty() && inWindow.stream().allMatch((point) -> point.mallocInUse().isPresent()))
				? Figure.MALLOC_IN_USE : Figure.NATIVE_RESIDENT;
		if (covered.compareTo(window.dividedBy(2)) < 0) {
			return new NativeGrowthTrend(Outcome.TOO_SHORT, now, window, covered, figure, 0, 0, 0, inWindow.size(),
					Map.of());
		}
		List<BreakdownPoint> lows = WindowLows.lowest(inWindow, NativeGrowthTrend::millis, figure::bytes,
				start.toEpochMilli(), now.toEpochMilli());
		if (lows.size() < WindowLows.SEGMENTS) {
			return new NativeGrowthTrend(Outcome.FEW_POINTS, now, window, covered, figure, 0, 0, 0, inWindow.size(),
					Map.of());
		}
		BreakdownPoint first = lows.get(0);
		BreakdownPoint last = lows.get(lows.size() - 1);
		Outcome outcome = WindowLows.rising(lows, figure::bytes, minGrowthBytes, minGrowthFraction)
				? Outcome.SUSPECTED_GROWTH
				: WindowLows.fellBack(lows, figure::bytes) ? Outcome.FELL_BACK : Outcome.NOT_GROWING;
		return new NativeGrowthTrend(outcome, now, window, covered, figure, figure.bytes(first), figure.bytes(last),
				WindowLows.perMinute(lows, NativeGrowthTrend::millis, figure::bytes), inWindow.size(),
				nmtGrowth(first, last));
	}

	private static Map<String, Long> nmtGrowth(BreakdownPoint first, BreakdownPoint last) {
		long millis = Duration.between(first.time(), last.time()).toMillis();
		Map<String, Long> growth = new LinkedHashMap<>();
		if (millis <= 0) {
			return growth;
		}
		last.nmtCommitted()
			.entrySet()
			.stream()
			.filter((entry) -> first.nmtCommitted().containsKey(entry.getKey()))
			.map((entry) -> Map.entry(entry.getKey(),
					(entry.getValue() - first.nmtCommitted().get(entry.getKey())) * 60_000 / millis))
			.filter((entry) -> entry.getValue() >= NMT_QUOTE)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> growth.put(entry.getKey(), entry.getValue()));
		return growth;
	}

	private static long millis(BreakdownPoint point) {
		return point.time().toEpochMilli();
	}

	/**
	 * Return whether this is a suspected native leak.
	 * @return whether the outcome is {@link Outcome#SUSPECTED_GROWTH}
	 */
	public boolean suspected() {
		return this.outcome == Outcome.SUSPECTED_GROWTH;
	}

	/**
	 * Return why the trend says what it says, in one clause for an operator.
	 * @return the reason
	 */
	public String reason() {
		String what = this.figure.description;
		return switch (this.outcome) {
			case NO_HISTORY -> "the memory history is off, so native growth is not tracked";
			case TOO_SHORT -> "the memory history covers " + LiveSetTrend.describe(this.covered)
					+ "; a native trend needs at least half of " + LiveSetTrend.describe(this.window);
			case FEW_POINTS -> "the memory history holds " + this.points + " breakdown point"
					+ ((this.points != 1) ? "s" : "") + " in the last " + LiveSetTrend.describe(this.covered)
					+ "; the native trend needs one in each third (a shorter breakdown interval)";
			case SUSPECTED_GROWTH -> what + " grew " + ByteSizes.format((long) this.bytesPerMinute)
					+ "/min over the last " + LiveSetTrend.describe(this.covered) + " and never fell back: from "
					+ ByteSizes.format(this.startBytes) + " to " + ByteSizes.format(this.endBytes)
					+ ", the lowest readings of its first and last thirds" + nmt();
			case FELL_BACK -> what + " fell back within the last " + LiveSetTrend.describe(this.covered);
			case NOT_GROWING ->
				"no native growth: " + what + " changed by " + ByteSizes.format(this.endBytes - this.startBytes)
						+ " over " + LiveSetTrend.describe(this.covered) + ", below the leak threshold";
		};
	}

	private String nmt() {
		if (this.nmtPerMinute.isEmpty()) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		this.nmtPerMinute.entrySet()
			.stream()
			.limit(3)
			.forEach((entry) -> parts.add(entry.getKey() + " +" + ByteSizes.format(entry.getValue()) + "/min"));
		return " (NMT: " + String.join(", ", parts) + ")";
	}

	/**
	 * What the native trend measures.
	 *
	 * @since 0.1.0
	 */
	public enum Figure {

		/**
		 * glibc's bytes allocated and not freed.
		 */
		MALLOC_IN_USE("malloc in use"),

		/**
		 * Resident memory outside the Java heap and mapped files: RSS less the heap's
		 * resident pages, mapped files and shared memory.
		 */
		NATIVE_RESIDENT("resident memory outside the heap and files");

		private final String description;

		Figure(String description) {
			this.description = description;
		}

		long bytes(BreakdownPoint point) {
			if (this == MALLOC_IN_USE && point.mallocInUse().isPresent()) {
				return point.mallocInUse().getAsLong();
			}
			return point.rss() - point.bytes(Category.JAVA_HEAP) - point.bytes(Category.MAPPED_FILES)
					- point.bytes(Category.SHARED_MEMORY);
		}

	}

	/**
	 * What a native growth trend says.
	 *
	 * @since 0.1.0
	 */
	public enum Outcome {

		/**
		 * No memory history is kept.
		 */
		NO_HISTORY,

		/**
		 * The history covers less than half the window: too early to say.
		 */
		TOO_SHORT,

		/**
		 * Some third of the window holds no breakdown point.
		 */
		FEW_POINTS,

		/**
		 * The lows rose steadily past the thresholds.
		 */
		SUSPECTED_GROWTH,

		/**
		 * The figure fell back from a peak.
		 */
		FELL_BACK,

		/**
		 * The figure changed less than the thresholds.
		 */
		NOT_GROWING

	}

}
