/*
 * Copyright 2026 the memory-actuator authors.
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link FullSnapshot} and captures a new one at most once per interval, however
 * often it is asked: walking {@code smaps} stalls the process's page faults while it
 * runs.
 *
 * @since 0.1.0
 */
public class FullSnapshotCache implements Supplier<FullSnapshot> {

	private final Supplier<FullSnapshot> source;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable FullSnapshot snapshot;

	private volatile long capturedAtNanos;

	/**
	 * Create a cache.
	 * @param source what captures a full snapshot
	 * @param interval the shortest time between two captures
	 */
	public FullSnapshotCache(Supplier<FullSnapshot> source, Duration interval) {
		this(source, interval, System::nanoTime);
	}

	FullSnapshotCache(Supplier<FullSnapshot> source, Duration interval, LongSupplier nanoTime) {
		this.source = source;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	@Override
	public FullSnapshot get() {
		FullSnapshot current = this.snapshot;
		if (current != null && this.nanoTime.getAsLong() - this.capturedAtNanos < this.intervalNanos) {
			return current;
		}
		this.lock.lock();
		try {
			current = this.snapshot;
			if (current != null && this.nanoTime.getAsLong() - this.capturedAtNanos < this.intervalNanos) {
				return current;
			}
			FullSnapshot fresh = this.source.get();
			this.capturedAtNanos = this.nanoTime.getAsLong();
			this.snapshot = fresh;
			return fresh;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget the cached snapshot, so that the next read captures; for after a reclaim,
	 * which changes everything.
	 */
	public void invalidate() {
		this.snapshot = null;
	}

}
