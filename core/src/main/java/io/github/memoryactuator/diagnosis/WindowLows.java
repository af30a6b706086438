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

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What the live-set and native trends share: a window cut into {@value #SEGMENTS} equal
 * parts, the lowest point of each, and whether those lows rise steadily. The lows are
 * what a trend decides on because every figure it reads is what must stay plus something
 * transient (garbage after a collection, memory a request holds for a moment).
 */
final class WindowLows {

	static final int SEGMENTS = 3;

	// A part may sit this much below the one before it and still count as rising:
	// concurrent cycles end with different amounts of floating garbage, and young
	// collections or samples at different moments of a workload leave different floors.
	static final double DIP_TOLERANCE = 0.05;

	private WindowLows() {
	}

	/**
	 * Return the lowest point of each third of {@code [from, to]} (milliseconds), in
	 * order, leaving out the thirds with no point.
	 * @param <P> the point type
	 * @param points the points, any order; those before {@code from} are ignored
	 * @param time a point's time in epoch milliseconds
	 * @param bytes a point's figure
	 * @param from the start of the window
	 * @param to its end
	 * @return up to three points
	 */
	static <P> List<P> lowest(List<P> points, ToLongFunction<P> time, ToLongFunction<P> bytes, long from, long to) {
		List<P> lowest = new ArrayList<>(SEGMENTS);
		for (int i = 0; i < SEGMENTS; i++) {
			lowest.add(null);
		}
		long span = Math.max(1, to - from);
		for (P point : points) {
			long at = time.applyAsLong(point);
			if (at < from) {
				continue;
			}
			int segment = (int) Math.min(SEGMENTS - 1, (at - from) * SEGMENTS / span);
			P current = lowest.get(segment);
			if (current == null || bytes.applyAsLong(point) < bytes.applyAsLong(current)) {
				lowest.set(segment, point);
			}
		}
		lowest.removeIf((point) -> point == null);
		return lowest;
	}

	/**
	 * Return whether the lows rose past the thresholds, and no part fell below the one
	 * before it by more than noise: the tolerance, or a quarter of the whole rise,
	 * whichever is larger.
	 * @param <P> the point type
	 * @param points the lows, oldest first
	 * @param bytes a point's figure
	 * @param minGrowthBytes the smallest rise that counts
	 * @param minGrowthFraction the smallest rise, as a fraction of the first low
	 * @return whether they rose
	 */
	static <P> boolean rising(List<P> points, ToLongFunction<P> bytes, long minGrowthBytes, double minGrowthFraction) {
		if (!grew(points, bytes, minGrowthBytes, minGrowthFraction)) {
			return false;
		}
		long growth = bytes.applyAsLong(points.get(points.size() - 1)) - bytes.applyAsLong(points.get(0));
		for (int i = 1; i < points.size(); i++) {
			long previous = bytes.applyAsLong(points.get(i - 1));
			if (bytes.applyAsLong(points.get(i)) < previous - Math.max(previous * DIP_TOLERANCE, growth / 4.0)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether the last low sits past the thresholds above the first, whatever lay
	 * between: growth, though not necessarily a steady one.
	 * @param <P> the point type
	 * @param points the lows, oldest first
	 * @param bytes a point's figure
	 * @param minGrowthBytes the smallest rise that counts
	 * @param minGrowthFraction the smallest rise, as a fraction of the first low
	 * @return whether the last is that much higher
	 */
	static <P> boolean grew(List<P> points, ToLongFunction<P> bytes, long minGrowthBytes, double minGrowthFraction) {
		if (points.size() < 2) {
			return false;
		}
		long start = bytes.applyAsLong(points.get(0));
		long growth = bytes.applyAsLong(points.get(points.size() - 1)) - start;
		return growth > 0 && growth >= minGrowthBytes && growth >= start * minGrowthFraction;
	}

	/**
	 * Return whether the last low sits clearly below the highest.
	 * @param <P> the point type
	 * @param points the lows, oldest first, at least one
	 * @param bytes a point's figure
	 * @return whether the figure fell back from a peak
	 */
	static <P> boolean fellBack(List<P> points, ToLongFunction<P> bytes) {
		long highest = 0;
		for (P point : points) {
			highest = Math.max(highest, bytes.applyAsLong(point));
		}
		return bytes.applyAsLong(points.get(points.size() - 1)) < highest * (1 - DIP_TOLERANCE);
	}

	/**
	 * Return the least-squares slope of the points over time.
	 * @param <P> the point type
	 * @param points the points
	 * @param time a point's time in epoch milliseconds
	 * @param bytes a point's figure
	 * @return the rate in bytes per minute, 0 for fewer than two points
	 */
	static <P> double perMinute(List<P> points, ToLongFunction<P> time, ToLongFunction<P> bytes) {
		if (points.size() < 2) {
			return 0;
		}
		long origin = time.applyAsLong(points.get(0));
		double meanX = 0;
		double meanY = 0;
		for (P point : points) {
			meanX += time.applyAsLong(point) - origin;
			meanY += bytes.applyAsLong(point);
		}
		meanX /= points.size();
		meanY /= points.size();
		double numerator = 0;
		double denominator = 0;
		for (P point : points) {
			double x = time.applyAsLong(point) - origin - meanX;
			numerator += x * (bytes.applyAsLong(point) - meanY);
			denominator += x * x;
		}
		return (denominator == 0) ? 0 : numerator / denominator * 60_000;
	}

}
