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
 * Serves a {@link FullSnapshot} and captures a new one at most once per interval, however
 * often it is asked: walking {@code smaps} stalls the process's page faults while it
 * runs. The first capture happens on the first read, not at start-up. After a reclaim,
 * which changes everything, {@link #invalidate()} lets the next read capture; the
 * reclaim's own cooldown bounds how often that happens.
 *
 * @since 0.1.0
 */
public class FullSnapshotCache extends ExpiringCache<FullSnapshot> {

	/**
	 * Create a cache.
	 * @param source what captures a full snapshot
	 * @param interval the shortest time between two captures
	 */
	public FullSnapshotCache(Supplier<FullSnapshot> source, Duration interval) {
		this(source, interval, System::nanoTime);
	}

	FullSnapshotCache(Supplier<FullSnapshot> source, Duration interval, LongSupplier nanoTime) {
		super(source, interval, nanoTime);
	}

}
