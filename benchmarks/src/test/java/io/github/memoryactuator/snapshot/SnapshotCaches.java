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

package io.github.memoryactuator.snapshot;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Opens the package-private clock of {@link GaugeSnapshotCache} to the benchmarks, so
 * that a benchmark can keep the production time to live and still make each operation a
 * cache miss by moving the clock past it, the way a real scrape arrives after it has
 * expired.
 */
public final class SnapshotCaches {

	private SnapshotCaches() {
	}

	/**
	 * Create a cache that reads the given clock.
	 * @param source what captures a fresh snapshot
	 * @param timeToLive how long a snapshot is served
	 * @param nanoTime the clock, in nanoseconds
	 * @return the cache
	 */
	public static GaugeSnapshotCache withClock(Supplier<GaugeSnapshot> source, Duration timeToLive,
			LongSupplier nanoTime) {
		return new GaugeSnapshotCache(source, timeToLive, nanoTime);
	}

}
