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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Serves one captured value to every reader until it is older than a time to live, and
 * captures at most once per expiry however many readers arrive together. A lock, not
 * {@code synchronized}, so that virtual threads do not pin their carrier while the
 * sources are read.
 *
 * @param <T> the cached type
 * @since 0.1.0
 */
public class ExpiringCache<T> implements Supplier<T> {

	private final Supplier<T> source;

	private final long timeToLiveNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	// One field, so that a reader never pairs a value with another value's time.
	private volatile @Nullable Entry<T> entry;

	ExpiringCache(Supplier<T> source, Duration timeToLive, LongSupplier nanoTime) {
		this.source = source;
		this.timeToLiveNanos = timeToLive.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Return a value no older than the time to live, capturing one if needed.
	 * @return the value
	 */
	@Override
	public T get() {
		Entry<T> current = this.entry;
		if (current != null && this.nanoTime.getAsLong() - current.capturedAtNanos() < this.timeToLiveNanos) {
			return current.value();
		}
		this.lock.lock();
		try {
			current = this.entry;
			if (current != null && this.nanoTime.getAsLong() - current.capturedAtNanos() < this.timeToLiveNanos) {
				return current.value();
			}
			return capture();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return a value no older than the time to live, or a fresh one when the cached value
	 * is outdated for another reason and at least {@code floor} old.
	 * @param outdated whether a cached value no longer describes the present
	 * @param floor the youngest a value may be to be replaced for being outdated
	 * @return the value
	 */
	public T get(Predicate<? super T> outdated, Duration floor) {
		Entry<T> current = this.entry;
		if (current == null || !isOutdated(current, outdated, floor.toNanos())) {
			return get();
		}
		this.lock.lock();
		try {
			current = this.entry;
			if (current != null && !isOutdated(current, outdated, floor.toNanos())
					&& this.nanoTime.getAsLong() - current.capturedAtNanos() < this.timeToLiveNanos) {
				return current.value();
			}
			return capture();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isOutdated(Entry<T> entry, Predicate<? super T> outdated, long floorNanos) {
		return this.nanoTime.getAsLong() - entry.capturedAtNanos() >= floorNanos && outdated.test(entry.value());
	}

	/**
	 * Return a freshly captured value, which the cache then serves.
	 * @return the value
	 */
	public T refresh() {
		this.lock.lock();
		try {
			return capture();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget the cached value, so that the next read captures.
	 */
	public void invalidate() {
		this.entry = null;
	}

	private T capture() {
		T fresh = this.source.get();
		this.entry = new Entry<>(fresh, this.nanoTime.getAsLong());
		return fresh;
	}

	private record Entry<T>(T value, long capturedAtNanos) {
	}

}
