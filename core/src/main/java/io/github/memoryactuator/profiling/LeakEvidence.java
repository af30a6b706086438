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
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * What allocation profiling can say about heap growth, for the diagnosis: the type and
 * allocation site whose surviving samples grew over the leak window, or the largest
 * surviving group and that it did not grow, or why there is neither.
 *
 * @param state whether there is a suspect, and if not why
 * @param reason why there is no suspect, for an operator, or {@code null}
 * @param suspect the surviving group that grew most over the window, or {@code null}
 * @param largest the largest surviving group of the latest emission, or {@code null}
 * before any object survived
 * @param topAllocation where most bytes are allocated, for when survivors cannot be
 * sampled, or {@code null}
 * @since 0.1.0
 */
public record LeakEvidence(State state, @Nullable String reason, @Nullable Suspect suspect, @Nullable Suspect largest,
		@Nullable Suspect topAllocation) {

	/**
	 * Return the evidence of a JVM without profiling.
	 * @return the evidence
	 */
	public static LeakEvidence off() {
		return new LeakEvidence(State.OFF, "allocation profiling is off", null, null, null);
	}

	static LeakEvidence of(AllocationProfile profile, SurvivorGrowth.Result growth, OptionalLong liveSet) {
		AllocationProfile.Site allocated = profile.allocations().sites().isEmpty() ? null
				: profile.allocations().sites().get(0);
		Suspect topAllocation = (allocated != null) ? new Suspect(allocated.type(), site(allocated.site()),
				allocated.share(), allocated.samples(), OptionalLong.empty(), null, null) : null;
		AllocationProfile.Survivors survivors = profile.survivors();
		if (survivors.unavailable() != null) {
			return new LeakEvidence(State.NOT_SAMPLED, survivors.unavailable(), null, null, topAllocation);
		}
		SurvivorHistory.Emission latest = growth.latest();
		SurvivorHistory.Count largestCount = growth.largest();
		if (latest == null || largestCount == null) {
			return new LeakEvidence(State.NO_SURVIVORS_YET,
					(latest != null) ? "no sampled object survived at the latest reading"
							: "no sampled object has survived a collection yet",
					null, null, topAllocation);
		}
		Suspect largest = suspect(largestCount, latest, liveSet, null);
		SurvivorGrowth.Growth grown = growth.grown();
		if (grown != null) {
			return new LeakEvidence(State.NAMED, null, suspect(grown.count(), latest, liveSet, grown), largest,
					topAllocation);
		}
		SurvivorHistory.Emission base = growth.base();
		String reason = (base != null)
				? "no surviving group grew over the last " + seconds(Duration.between(base.at(), latest.at()))
				: "surviving samples have been read once so far; the group that grows is named from the second reading";
		return new LeakEvidence(State.NOT_GROWING, reason, null, largest, topAllocation);
	}

	private static Suspect suspect(SurvivorHistory.Count count, SurvivorHistory.Emission emission, OptionalLong liveSet,
			SurvivorGrowth.@Nullable Growth growth) {
		double share = (emission.samples() > 0) ? (double) count.samples() / emission.samples() : 0;
		OptionalLong estimated = liveSet.isPresent() ? OptionalLong.of(Math.round(share * liveSet.getAsLong()))
				: OptionalLong.empty();
		Growth grew = (growth != null)
				? new Growth(growth.over(), growth.startSamples(), growth.startBytes(), growth.endBytes()) : null;
		return new Suspect(count.group().type(), site(count.group().site()), share, count.samples(), estimated,
				emission.at(), grew);
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

	private static String site(@Nullable Frame site) {
		return (site != null) ? site.toString() : "an unknown site (no stack)";
	}

	/**
	 * Whether profiling names a suspect.
	 */
	public enum State {

		/**
		 * Profiling is off.
		 */
		OFF,

		/**
		 * Profiling is on, but Flight Recorder cannot record in this JVM.
		 */
		UNAVAILABLE,

		/**
		 * Allocations are sampled, but surviving objects cannot be under this collector.
		 */
		NOT_SAMPLED,

		/**
		 * No sampled object has survived a collection yet.
		 */
		NO_SURVIVORS_YET,

		/**
		 * Objects survive, but no group is shown to grow over the window (or they have
		 * been read only once): the largest is not a culprit for being large.
		 */
		NOT_GROWING,

		/**
		 * The surviving group that grew most over the window is named.
		 */
		NAMED

	}

	/**
	 * A type allocated at a site.
	 *
	 * @param type the type, as Java writes it
	 * @param site the first frame outside the JDK, as a stack trace prints it
	 * @param share its share of the surviving samples (or of the allocated bytes), 0 to 1
	 * @param samples how many samples
	 * @param estimatedBytes its estimated share of the live set, when known
	 * @param harvestedAt when the samples were emitted, or {@code null} for allocations
	 * @param growth how it grew over the window, or {@code null} when it is not shown to
	 */
	public record Suspect(String type, String site, double share, long samples, OptionalLong estimatedBytes,
			@Nullable Instant harvestedAt, @Nullable Growth growth) {
	}

	/**
	 * How a surviving group grew.
	 *
	 * @param over the time between the two emissions compared
	 * @param startSamples its surviving samples in the first
	 * @param startBytes its estimated bytes then: its share of the samples times the heap
	 * after collections, when that is known
	 * @param endBytes its estimated bytes in the latest emission, the same way
	 */
	public record Growth(Duration over, long startSamples, OptionalLong startBytes, OptionalLong endBytes) {
	}

}
