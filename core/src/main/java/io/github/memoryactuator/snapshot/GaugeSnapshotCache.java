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
 * Serves one snapshot to every reader for a short time, so that the dozen gauges of one
 * scrape cost one read of the sources, while the next scrape sees fresh figures.
 *
 * @since 0.1.0
 */
public class GaugeSnapshotCache extends ExpiringCache<GaugeSnapshot> {

	/**
	 * Create a cache and capture its first snapshot.
	 * @param source what captures a fresh snapshot
	 * @param timeToLive how long a snapshot is served; zero captures on every call
	 */
	public GaugeSnapshotCache(Supplier<GaugeSnapshot> source, Duration timeToLive) {
		this(source, timeToLive, System::nanoTime);
	}

	GaugeSnapshotCache(Supplier<GaugeSnapshot> source, Duration timeToLive, LongSupplier nanoTime) {
		super(source, timeToLive, nanoTime);
		refresh();
	}

}
