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

/**
 * How much {@link AllocationProfiler} samples and how far back it looks.
 *
 * @param allocationSamplesPerSecond the most allocation samples Flight Recorder takes per
 * second ({@code jdk.ObjectAllocationSample#throttle})
 * @param survivorInterval how often the surviving old-object samples are emitted and read
 * @param window how far back the allocation table looks
 * @since 0.1.0
 */
public record ProfilingSettings(int allocationSamplesPerSecond, Duration survivorInterval, Duration window) {

	/**
	 * Check the values.
	 * @param allocationSamplesPerSecond samples per second, 1 to 10,000
	 * @param survivorInterval at least one second
	 * @param window at least one minute
	 */
	public ProfilingSettings {
		if (allocationSamplesPerSecond < 1 || allocationSamplesPerSecond > 10_000) {
			throw new IllegalArgumentException("'allocationSamplesPerSecond' must be between 1 and 10000");
		}
		if (survivorInterval.toMillis() < 1000) {
			throw new IllegalArgumentException("'survivorInterval' must be at least 1s");
		}
		if (window.toMillis() < 60_000) {
			throw new IllegalArgumentException("'window' must be at least 1m");
		}
	}

	/**
	 * Return the defaults: 100 allocation samples a second, survivors every 30 s,
	 * allocations over the last 5 minutes.
	 * @return the defaults
	 */
	public static ProfilingSettings defaults() {
		return new ProfilingSettings(100, Duration.ofSeconds(30), Duration.ofMinutes(5));
	}

}
