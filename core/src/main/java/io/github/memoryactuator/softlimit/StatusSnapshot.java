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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Puts the controller's {@link SoftLimitStatus} together from the loop, the flags it
 * holds and the action log: one immutable picture, published after every tick or change
 * so that readers never take the controller's lock.
 */
final class StatusSnapshot {

	private StatusSnapshot() {
	}

	static SoftLimitStatus of(SoftLimitLoop loop, @Nullable SoftLimitTarget text, List<String> unavailable,
			FlagHolder flags, ActionLog log) {
		GcCpuBucket cpu = loop.bucket();
		return new SoftLimitStatus(loop.target(), (text != null) ? text.toString() : null, loop.charged(),
				loop.heapBudget(), loop.nonHeap(), loop.state(), loop.reason(), unavailable, flags.held(),
				List.copyOf(flags.released()), log.actions(), (cpu != null) ? cpu.shareLastMinute() : Double.NaN,
				log.forcedLastMinute(), (cpu != null) ? cpu.throttles() : 0, log.counts(), log.pauseLastMinute());
	}

}
