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

import java.time.Instant;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * What allocation profiling can say about a suspected heap leak, for the diagnosis: the
 * type and allocation site that most of the surviving samples share, or why there is
 * none.
 *
 * @param state whether there is a suspect, and if not why
 * @param reason why there is no suspect, for an operator, or {@code null}
 * @param suspect the top surviving group, or {@code null}
 * @param topAllocation where most bytes are allocated, for when survivors cannot be
 * sampled, or {@code null}
 * @since 0.1.0
 */
public record LeakEvidence(State state, @Nullable String reason, @Nullable Suspect suspect,
		@Nullable Suspect topAllocation) {

	/**
	 * Return the evidence of a JVM without profiling.
	 * @return the evidence
	 */
	public static LeakEvidence off() {
		return new LeakEvidence(State.OFF, "allocation profiling is off", null, null);
	}

	static LeakEvidence of(AllocationProfile profile) {
		AllocationProfile.Site allocated = profile.allocations().sites().isEmpty() ? null
				: profile.allocations().sites().get(0);
		Suspect topAllocation = (allocated != null) ? new Suspect(allocated.type(), site(allocated.site()),
				allocated.share(), allocated.samples(), OptionalLong.empty(), null) : null;
		AllocationProfile.Survivors survivors = profile.survivors();
		if (survivors.unavailable() != null) {
			return new LeakEvidence(State.NOT_SAMPLED, survivors.unavailable(), null, topAllocation);
		}
		if (survivors.harvestedAt() == null || survivors.groups().isEmpty()) {
			return new LeakEvidence(State.NO_SURVIVORS_YET, "no sampled object has survived a collection yet", null,
					topAllocation);
		}
		AllocationProfile.SurvivorGroup top = survivors.groups().get(0);
		return new LeakEvidence(State.NAMED, null, new Suspect(top.type(), site(top.site()), top.share(), top.samples(),
				top.estimatedBytes(), survivors.harvestedAt()), topAllocation);
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
		 * The top surviving group is named.
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
	 */
	public record Suspect(String type, String site, double share, long samples, OptionalLong estimatedBytes,
			@Nullable Instant harvestedAt) {
	}

}
