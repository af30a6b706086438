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

package io.github.memoryactuator.profiling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.liveset.LiveSet;

/**
 * Which surviving group grew over a window: the one a leak verdict may name.
 * <p>
 * The JVM keeps a few hundred sampled objects and drops each one when it dies, so a
 * group's share of them, applied to the heap after collections at the time, estimates the
 * bytes it holds. Counts alone mislead: the set is bounded, and once it is full a group
 * that keeps growing keeps its count while the heap grows under it. A group grew between
 * an emission at the start of the window (the base) and the latest when all of these
 * hold:
 * <ul>
 * <li>it kept objects from before the base: what a collection frees in the meantime
 * (short-lived data, garbage promoted and marked since) is not growth;</li>
 * <li>it added objects after the base: a cache filled once and held adds none, however
 * large;</li>
 * <li>its estimated bytes rose by at least {@value #MIN_RISE_SAMPLES} samples' worth and
 * {@value #MIN_RISE_FRACTION} of what it held at the base (its sample count, when the
 * heap at either emission is not known).</li>
 * </ul>
 * Of the groups that grew, the one that grew the most is named.
 */
final class SurvivorGrowth {

	static final int MIN_RISE_SAMPLES = 3;

	static final double MIN_RISE_FRACTION = 0.1;

	private SurvivorGrowth() {
	}

	/**
	 * Find the group that grew.
	 * @param emissions the emissions, oldest first
	 * @param liveSet the heap after collections over time
	 * @param now the end of the window
	 * @param window how far back to look
	 * @return what grew, or why nothing is shown to
	 */
	static Result of(List<SurvivorHistory.Emission> emissions, LiveSet liveSet, Instant now, Duration window) {
		SurvivorHistory.Emission latest = null;
		SurvivorHistory.Emission base = null;
		Instant start = now.minus(window);
		for (SurvivorHistory.Emission emission : emissions) {
			if (emission.at().isAfter(now)) {
				continue;
			}
			if (!emission.at().isAfter(start) || base == null) {
				base = emission;
			}
			latest = emission;
		}
		if (latest == null || latest.groups().isEmpty()) {
			return new Result(null, null, latest, null);
		}
		SurvivorHistory.Count largest = latest.groups().get(0);
		if (base == null || base == latest) {
			return new Result(null, largest, latest, null);
		}
		OptionalLong heapAtBase = heapAt(liveSet, base.at());
		OptionalLong heapAtLatest = heapAt(liveSet, latest.at());
		boolean weighed = heapAtBase.isPresent() && heapAtLatest.isPresent();
		Growth grown = null;
		for (SurvivorHistory.Count count : latest.groups()) {
			if (!count.keptSince(latest.at(), base.at()) || !count.addedSince(latest.at(), base.at())) {
				continue;
			}
			SurvivorHistory.Count before = base.count(count.group());
			int startSamples = (before != null) ? before.samples() : base.floor();
			Growth growth = weighed
					? new Growth(count, Duration.between(base.at(), latest.at()), startSamples,
							OptionalLong.of(estimate(startSamples, base.samples(), heapAtBase.getAsLong())),
							OptionalLong.of(estimate(count.samples(), latest.samples(), heapAtLatest.getAsLong())))
					: new Growth(count, Duration.between(base.at(), latest.at()), startSamples, OptionalLong.empty(),
							OptionalLong.empty());
			if (growth.rise() >= threshold(growth, latest, heapAtLatest)
					&& (grown == null || growth.rise() > grown.rise())) {
				grown = growth;
			}
		}
		return new Result(grown, largest, latest, base);
	}

	private static double threshold(Growth growth, SurvivorHistory.Emission latest, OptionalLong heap) {
		if (growth.startBytes().isPresent() && heap.isPresent()) {
			return Math.max(growth.startBytes().getAsLong() * MIN_RISE_FRACTION,
					estimate(MIN_RISE_SAMPLES, latest.samples(), heap.getAsLong()));
		}
		return Math.max(growth.startSamples() * MIN_RISE_FRACTION, MIN_RISE_SAMPLES);
	}

	private static long estimate(int samples, int of, long heap) {
		return (of <= 0) ? 0 : Math.round((double) samples / of * heap);
	}

	// The heap after the last collection at or before the time: what the emission's
	// samples were a part of. A sampled object that died since that collection still
	// counts as alive until the next one.
	private static OptionalLong heapAt(LiveSet liveSet, Instant at) {
		LiveSet.Point found = null;
		for (LiveSet.Point point : liveSet.series()) {
			if (!point.time().isAfter(at) && (found == null || point.time().isAfter(found.time()))) {
				found = point;
			}
		}
		LiveSet.Point latest = liveSet.latest();
		if (latest != null && !latest.time().isAfter(at) && (found == null || latest.time().isAfter(found.time()))) {
			found = latest;
		}
		return (found != null) ? OptionalLong.of(found.bytes()) : OptionalLong.empty();
	}

	/**
	 * What the emissions say.
	 *
	 * @param grown the group that grew most, or {@code null} when none did
	 * @param largest the largest group of the latest emission, or {@code null} when
	 * nothing survived
	 * @param latest the latest emission, or {@code null} before the first
	 * @param base the emission the growth is measured from, or {@code null} when there is
	 * only one
	 */
	record Result(@Nullable Growth grown, SurvivorHistory.@Nullable Count largest,
			SurvivorHistory.@Nullable Emission latest, SurvivorHistory.@Nullable Emission base) {
	}

	/**
	 * How one group grew.
	 *
	 * @param count the group in the latest emission
	 * @param over the time between the base and the latest emission
	 * @param startSamples its samples at the base
	 * @param startBytes its estimated bytes at the base, when the heap then is known
	 * @param endBytes its estimated bytes in the latest emission, when the heap then is
	 * known
	 */
	record Growth(SurvivorHistory.Count count, Duration over, int startSamples, OptionalLong startBytes,
			OptionalLong endBytes) {

		double rise() {
			if (this.startBytes.isPresent() && this.endBytes.isPresent()) {
				return this.endBytes.getAsLong() - this.startBytes.getAsLong();
			}
			return this.count.samples() - this.startSamples;
		}

	}

}
