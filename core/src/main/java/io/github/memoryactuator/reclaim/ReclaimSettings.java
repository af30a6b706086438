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

package io.github.memoryactuator.reclaim;

import java.time.Duration;

/**
 * How a {@link ReclaimService} waits and how often it may run.
 *
 * @param settleTimeout the longest wait for the heap uncommit to settle after the
 * collection
 * @param pollInterval how often RSS and heap committed are read while waiting
 * @param settleTolerance a fall smaller than this, in bytes, counts as no fall
 * @param cooldown how long after a reclaim finished the next one is refused
 * @since 0.1.0
 */
public record ReclaimSettings(Duration settleTimeout, Duration pollInterval, long settleTolerance, Duration cooldown) {

	/**
	 * Check the values.
	 * @param settleTimeout the longest settle wait
	 * @param pollInterval the poll interval
	 * @param settleTolerance the tolerance in bytes
	 * @param cooldown the cooldown
	 */
	public ReclaimSettings {
		if (settleTimeout.isNegative()) {
			throw new IllegalArgumentException("'settleTimeout' must not be negative");
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("'pollInterval' must be positive");
		}
		if (settleTolerance < 0) {
			throw new IllegalArgumentException("'settleTolerance' must not be negative");
		}
		if (cooldown.isNegative()) {
			throw new IllegalArgumentException("'cooldown' must not be negative");
		}
	}

	/**
	 * Return the defaults: settle for at most 2 s polling every 100 ms with a 1 MB
	 * tolerance, and a 60 s cooldown. G1 uncommits concurrently, shortly after the
	 * collection returns, so the settle wait must outlast that.
	 * @return the defaults
	 */
	public static ReclaimSettings defaults() {
		return new ReclaimSettings(Duration.ofSeconds(2), Duration.ofMillis(100), 1024 * 1024, Duration.ofSeconds(60));
	}

}
