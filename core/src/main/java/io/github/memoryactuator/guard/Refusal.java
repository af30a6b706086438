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

package io.github.memoryactuator.guard;

import java.time.Duration;

/**
 * Why a write that would pause the application or change how it sizes its heap did not
 * run. Every such write (a reclaim, a class histogram, a change of the soft limit's
 * target) answers with one of these, so that each face words a refusal in one place.
 *
 * @since 0.1.0
 */
public sealed interface Refusal permits Refusal.Busy, Refusal.CoolingDown, Refusal.HeldBySoftLimit {

	/**
	 * Return how long the caller should wait before trying again, in whole seconds for a
	 * {@code Retry-After}: 1 while another write runs (how long it takes is not known),
	 * the cooldown left rounded up, or 0 when waiting does not help.
	 * @return the seconds
	 */
	long retryAfterSeconds();

	/**
	 * Another write is running; this one did nothing.
	 *
	 * @param running the operation that runs
	 * @param runningFor how long it has been running
	 */
	record Busy(PausingOperation running, Duration runningFor) implements Refusal {

		@Override
		public long retryAfterSeconds() {
			return 1;
		}

	}

	/**
	 * A write finished too recently; this one did nothing.
	 *
	 * @param finished the operation that finished
	 * @param remaining how long until the next write may run
	 */
	record CoolingDown(PausingOperation finished, Duration remaining) implements Refusal {

		@Override
		public long retryAfterSeconds() {
			return RetryAfter.seconds(this.remaining);
		}

	}

	/**
	 * The soft limit holds a flag that this write sets; it is not the caller's to set
	 * until the target is removed, or the controller would let go of it and leave it at
	 * the caller's value.
	 *
	 * @param parameter the request's parameter that sets the flag
	 * @param flag the flag, such as {@code MaxHeapFreeRatio}
	 * @param setting the soft limit's target setting, as the caller names it
	 * @param target the soft limit's target, as it was set
	 */
	record HeldBySoftLimit(String parameter, String flag, String setting, String target) implements Refusal {

		@Override
		public long retryAfterSeconds() {
			return 0;
		}

	}

}
