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

import io.github.memoryactuator.probe.LiveSetTracker;
import io.github.memoryactuator.snapshot.ByteSizes;

/**
 * Whether the post-GC live set is rising steadily over a window: the one sign of a heap
 * leak. Young collections leave old-generation garbage behind, so single points are
 * noisy; the trend is taken over the lowest point of each of five time buckets, which
 * only rises when memory that survives full and mixed collections rises.
 *
 * @param window the window looked at
 * @param covered how much of the window the points span
 * @param startBytes the lower envelope at the start of the window
 * @param endBytes the lower envelope at the end
 * @param bytesPerMinute the growth rate of the lower envelope
 * @param suspected whether this is a suspected leak
 * @param reason why it is or is not suspected
 * @since 0.1.0
 */
public record LiveSetTrend(Duration window, Duration covered, long startBytes, long endBytes, double bytesPerMinute,
		boolean suspected, String reason) {

	static final int BUCKETS = 5;

	// A bucket may dip this much below the previous one and still count as rising:
	// collections at different moments of the allocation cycle leave slightly different
	// floors.
	private static final double DIP_TOLERANCE = 0.02;

	/**
	 * Analyse the points in {@code [now - window, now]}.
	 * @param points the recorded points, oldest first
	 * @param now the end of the window
	 * @param window how far back to look
	 * @param minGrowthBytes the smallest rise that counts as a leak
	 * @param minGrowthFraction the smallest rise, as a fraction of the start, that counts
	 * @return the trend
	 */
	public static LiveSetTrend analyze(List<LiveSetTracker.Point> points, Instant now, Duration window,
			long minGrowthBytes, double minGrowthFraction) {
		Instant from = now.minus(window);
		List<LiveSetTracker.Point> inWindow = new ArrayList<>();
		for (LiveSetTracker.Point point : points) {
			if (!point.time().isBefore(from) && !point.time().isAfter(now)) {
				inWindow.add(point);
			}
		}
		if (inWindow.size() < BUCKETS) {
			return insufficient(window, inWindow,
					"only " + inWindow.size() + ((inWindow.size() == 1) ? " collection" : " collections")
							+ " in the last " + describe(window) + "; a trend needs at least " + BUCKETS);
		}
		Instant first = inWindow.get(0).time();
		Instant last = inWindow.get(inWindow.size() - 1).time();
		Duration covered = Duration.between(first, last);
		if (covered.compareTo(window.dividedBy(2)) < 0) {
			return insufficient(window, inWindow, "the live set has been tracked for " + describe(covered)
					+ "; a trend needs at least half of " + describe(window));
		}
		long span = Math.max(1, covered.toMillis());
		long[] minima = new long[BUCKETS];
		double[] midpoints = new double[BUCKETS];
		java.util.Arrays.fill(minima, Long.MAX_VALUE);
		for (LiveSetTracker.Point point : inWindow) {
			long offset = Duration.between(first, point.time()).toMillis();
			int bucket = (int) Math.min(BUCKETS - 1, offset * BUCKETS / span);
			minima[bucket] = Math.min(minima[bucket], point.bytes());
		}
		List<double[]> envelope = new ArrayList<>();
		for (int i = 0; i < BUCKETS; i++) {
			midpoints[i] = (i + 0.5) * span / BUCKETS;
			if (minima[i] != Long.MAX_VALUE) {
				envelope.add(new double[] { midpoints[i], minima[i] });
			}
		}
		long start = (long) envelope.get(0)[1];
		long end = (long) envelope.get(envelope.size() - 1)[1];
		double perMinute = slope(envelope) * 60_000;
		boolean rising = true;
		for (int i = 1; i < envelope.size(); i++) {
			if (envelope.get(i)[1] < envelope.get(i - 1)[1] * (1 - DIP_TOLERANCE)) {
				rising = false;
				break;
			}
		}
		long growth = end - start;
		boolean large = growth >= minGrowthBytes && growth >= start * minGrowthFraction;
		boolean suspected = rising && large && envelope.size() >= BUCKETS - 1;
		String reason;
		if (suspected) {
			reason = "the live set after GC rose from " + ByteSizes.format(start) + " to " + ByteSizes.format(end)
					+ " over " + describe(covered) + " and never fell back";
		}
		else if (!rising) {
			reason = "the live set after GC fell back during the last " + describe(covered);
		}
		else {
			reason = "the live set after GC changed by " + ByteSizes.format(growth) + " over " + describe(covered)
					+ ", below the leak threshold";
		}
		return new LiveSetTrend(window, covered, start, end, perMinute, suspected, reason);
	}

	private static LiveSetTrend insufficient(Duration window, List<LiveSetTracker.Point> points, String reason) {
		long start = points.isEmpty() ? 0 : points.get(0).bytes();
		long end = points.isEmpty() ? 0 : points.get(points.size() - 1).bytes();
		Duration covered = (points.size() < 2) ? Duration.ZERO
				: Duration.between(points.get(0).time(), points.get(points.size() - 1).time());
		return new LiveSetTrend(window, covered, start, end, 0, false, reason);
	}

	private static double slope(List<double[]> points) {
		if (points.size() < 2) {
			return 0;
		}
		double meanX = 0;
		double meanY = 0;
		for (double[] p : points) {
			meanX += p[0];
			meanY += p[1];
		}
		meanX /= points.size();
		meanY /= points.size();
		double numerator = 0;
		double denominator = 0;
		for (double[] p : points) {
			numerator += (p[0] - meanX) * (p[1] - meanY);
			denominator += (p[0] - meanX) * (p[0] - meanX);
		}
		return (denominator == 0) ? 0 : numerator / denominator;
	}

	static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 2 * 3600) {
			return (seconds + 30) / 60 + " min";
		}
		return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
	}

}
