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

package io.github.memoryactuator.softlimit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the soft limit is doing, captured once: immutable.
 *
 * @param target the target in bytes, 0 when none is set
 * @param targetText the target as it was written, such as {@code 85%}, or {@code null}
 * @param charged the memory the kernel charged at the latest tick, in bytes, 0 before the
 * first
 * @param heapBudget what the heap may take: the aim less the measured non-heap memory, in
 * bytes
 * @param nonHeap the non-heap memory measured at the latest tick (a lower bound), in
 * bytes
 * @param state the state
 * @param reason why the controller is in that state, in a sentence
 * @param unavailable the means that do not work in this JVM, each with why
 * @param heldFlags the VM flags held now, with the value each had before
 * @param releasedFlags the flags let go because someone else changed them
 * @param actions the latest actions, oldest first, with the memory measured around each
 * @param gcCpuShareLastMinute the GC's share of all CPU time over the last minute, or NaN
 * when it cannot be measured
 * @param forcedLastMinute the collections the controller forced in the last minute
 * @param throttles how often the GC CPU budget ran out
 * @param actionCounts how many actions of each kind were taken
 * @param fullGcPauseLastMinute the pause of the controller's full collections in the last
 * minute, in milliseconds
 * @since 0.1.0
 */
public record SoftLimitStatus(long target, @Nullable String targetText, long charged, long heapBudget, long nonHeap,
		SoftLimitState state, String reason, List<String> unavailable, Map<String, String> heldFlags,
		List<String> releasedFlags, List<Action> actions, double gcCpuShareLastMinute, int forcedLastMinute,
		long throttles, Map<String, Long> actionCounts, long fullGcPauseLastMinute) {

	/**
	 * Make the collections immutable.
	 */
	public SoftLimitStatus {
		unavailable = List.copyOf(unavailable);
		heldFlags = Map.copyOf(heldFlags);
		releasedFlags = List.copyOf(releasedFlags);
		actions = List.copyOf(actions);
		actionCounts = Map.copyOf(actionCounts);
	}

	/**
	 * Return whether a target is set.
	 * @return whether the controller runs
	 */
	public boolean isSet() {
		return this.target > 0;
	}

	/**
	 * One action and what it did.
	 *
	 * @param time when it started
	 * @param kind what it was: {@code collection}, {@code trim} or
	 * {@code softMaxHeapSize}
	 * @param detail what exactly, such as
	 * {@code MinHeapFreeRatio=10, MaxHeapFreeRatio=18,
	 * 1 collection, 45 ms}
	 * @param chargedBefore charged memory before it, in bytes
	 * @param chargedAfter charged memory once it settled, in bytes, or {@code null} while
	 * it settles
	 */
	public record Action(Instant time, String kind, String detail, long chargedBefore, @Nullable Long chargedAfter) {

		Action settled(long after) {
			return new Action(this.time, this.kind, this.detail, this.chargedBefore, after);
		}

	}

}
