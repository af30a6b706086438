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

package io.github.memoryactuator.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * The JSON of the {@code softLimit} section and of a change of the target. Sizes are
 * bytes.
 *
 * @since 0.1.0
 */
public final class SoftLimitSections {

	/**
	 * The value of {@code target} that removes the target.
	 */
	static final String OFF = "off";

	private SoftLimitSections() {
	}

	/**
	 * What the soft limit is doing.
	 *
	 * @param state {@code HOLDING}, {@code OVER}, {@code THROTTLED}, {@code UNREACHABLE}
	 * or {@code OFF}
	 * @param reason why, in a sentence
	 * @param target the target in bytes, or {@code null} when none is set
	 * @param targetText the target as it was written, such as {@code 85%}
	 * @param charged the memory the kernel charged at the latest tick
	 * @param heapBudget the aim less the measured non-heap memory
	 * @param nonHeap the non-heap memory measured at the latest tick (a lower bound)
	 * @param heldFlags the VM flags held now, each with the value it had before
	 * @param releasedFlags flags let go because someone else changed them
	 * @param unavailable the means that do not work in this JVM, each with why
	 * @param gcCpuShareLastMinute the GC's share of all CPU time over the last minute, or
	 * {@code null} when it cannot be measured
	 * @param forcedCollectionsLastMinute the collections the soft limit forced in the
	 * last minute
	 * @param fullGcPauseLastMinuteMillis the pause of those that stop the application
	 * @param throttles how often the GC CPU budget ran out
	 * @param actionCounts how many actions of each kind were taken
	 * @param actions the latest actions, oldest first
	 */
	public record SoftLimitSection(String state, String reason, @Nullable Long target, @Nullable String targetText,
			@Nullable Long charged, @Nullable Long heapBudget, @Nullable Long nonHeap, Map<String, String> heldFlags,
			List<String> releasedFlags, List<String> unavailable, @Nullable Double gcCpuShareLastMinute,
			int forcedCollectionsLastMinute, long fullGcPauseLastMinuteMillis, long throttles,
			Map<String, Long> actionCounts, List<Action> actions) implements OperationResponseBody {

		static SoftLimitSection of(SoftLimitStatus status) {
			boolean set = status.isSet();
			boolean ticked = set && status.charged() > 0;
			double share = status.gcCpuShareLastMinute();
			return new SoftLimitSection(status.state().name(), status.reason(), set ? status.target() : null,
					status.targetText(), ticked ? status.charged() : null, ticked ? status.heapBudget() : null,
					ticked ? status.nonHeap() : null, new TreeMap<>(status.heldFlags()), status.releasedFlags(),
					status.unavailable(), Double.isNaN(share) ? null : share, status.forcedLastMinute(),
					status.fullGcPauseLastMinute(), status.throttles(), new TreeMap<>(status.actionCounts()),
					status.actions().stream().map(Action::of).toList());
		}

	}

	/**
	 * One action of the soft limit.
	 *
	 * @param time when it started
	 * @param kind {@code collection} or {@code trim}
	 * @param detail what exactly
	 * @param chargedBefore charged memory before it
	 * @param chargedAfter charged memory once it settled, or {@code null} while it
	 * settles
	 */
	public record Action(Instant time, String kind, String detail, long chargedBefore, @Nullable Long chargedAfter) {

		static Action of(SoftLimitStatus.Action action) {
			return new Action(action.time(), action.kind(), action.detail(), action.chargedBefore(),
					action.chargedAfter());
		}

	}

}
