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

package io.github.memoryactuator.histogram;

import java.time.Duration;

import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.RetryAfter;

/**
 * The answer to a class histogram request.
 *
 * @since 0.1.0
 */
public sealed interface HistogramOutcome permits HistogramOutcome.Completed, HistogramOutcome.Busy,
		HistogramOutcome.CoolingDown, HistogramOutcome.Unavailable {

	/**
	 * The histogram ran (HTTP 200).
	 *
	 * @param report the top classes and what grew since the previous histogram
	 */
	record Completed(HistogramReport report) implements HistogramOutcome {
	}

	/**
	 * An operation that pauses the application is running; this one did nothing (HTTP
	 * 429).
	 *
	 * @param running the operation that runs
	 * @param runningFor how long it has been running
	 */
	record Busy(PausingOperation running, Duration runningFor) implements HistogramOutcome {
	}

	/**
	 * An operation that paused the application finished too recently; this one did
	 * nothing (HTTP 429 with {@code Retry-After}).
	 *
	 * @param finished the operation that finished
	 * @param remaining how long until the next may run
	 */
	record CoolingDown(PausingOperation finished, Duration remaining) implements HistogramOutcome {

		/**
		 * Return the remaining time in whole seconds, rounded up, for
		 * {@code Retry-After}.
		 * @return the seconds, at least 1
		 */
		public long secondsLeft() {
			return RetryAfter.seconds(this.remaining);
		}

	}

	/**
	 * This JVM cannot print a class histogram, or the command failed (HTTP 503).
	 *
	 * @param reason why
	 */
	record Unavailable(String reason) implements HistogramOutcome {
	}

}
