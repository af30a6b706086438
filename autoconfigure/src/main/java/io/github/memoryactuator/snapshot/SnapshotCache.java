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

/**
 * Serves one snapshot to every reader for a short time, so that the dozen gauges of one
 * scrape cost one read of the sources, while the next scrape sees fresh figures. A lock,
 * not {@code synchronized}, so that virtual threads do not pin their carrier while the
 * files are read.
 *
 * @since 0.1.0
 */
public class SnapshotCache implements Supplier<MemorySnapshot> {

	private final Supplier<MemorySnapshot> source;

	private final long timeToLiveNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile Entry entry;

	/**
	 * Create a cache.
	 * @param source what captures a fresh snapshot
	 * @param timeToLive how long a snapshot is served; zero captures on every call
	 */
	public SnapshotCache(Supplier<MemorySnapshot> source, Duration timeToLive) {
		this(source, timeToLive, System::nanoTime);
	}

	SnapshotCache(Supplier<MemorySnapshot> source, Duration timeToLive, LongSupplier nanoTime) {
		this.source = source;
		this.timeToLiveNanos = timeToLive.toNanos();
		this.nanoTime = nanoTime;
		this.entry = new Entry(source.get(), nanoTime.getAsLong());
	}

	/**
	 * Return a snapshot no older than the time to live.
	 * @return the snapshot
	 */
	@Override
	public MemorySnapshot get() {
		Entry current = this.entry;
		if (this.nanoTime.getAsLong() - current.capturedAtNanos() < this.timeToLiveNanos) {
			return current.snapshot();
		}
		this.lock.lock();
		try {
			current = this.entry;
			long now = this.nanoTime.getAsLong();
			if (now - current.capturedAtNanos() < this.timeToLiveNanos) {
				return current.snapshot();
			}
			MemorySnapshot fresh = this.source.get();
			this.entry = new Entry(fresh, now);
			return fresh;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return a freshly captured snapshot, which the cache then serves.
	 * @return the snapshot
	 */
	public MemorySnapshot refresh() {
		this.lock.lock();
		try {
			MemorySnapshot fresh = this.source.get();
			this.entry = new Entry(fresh, this.nanoTime.getAsLong());
			return fresh;
		}
		finally {
			this.lock.unlock();
		}
	}

	private record Entry(MemorySnapshot snapshot, long capturedAtNanos) {
	}

}
