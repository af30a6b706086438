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

package io.github.memoryactuator.softlimit;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The guard against a death spiral, after Go's {@code mgclimit.go}: a leaky bucket that
 * fills with the GC's CPU time and drains at the allowed share of all CPU time. When it
 * is full the controller stops tightening; it resumes once the bucket has drained to half
 * and the GC's share of the last minute is under the allowed share. Idle time earns no
 * credit beyond an empty bucket. It also keeps the GC's share of the CPU over the last
 * minute, for the status. Not thread-safe: the controller's tick owns it.
 */
final class GcCpuBucket {

	private static final long MINUTE_NANOS = 60_000_000_000L;

	private final double share;

	private final double capacityNanos;

	private final int cpus;

	private final Deque<long[]> minute = new ArrayDeque<>();

	private double level;

	private boolean full;

	private long throttles;

	/**
	 * Create a bucket.
	 * @param share the GC's allowed share of all CPU time, above 0 and at most 1
	 * @param cpus the CPUs available to the process
	 */
	GcCpuBucket(double share, int cpus) {
		this.share = share;
		this.cpus = Math.max(1, cpus);
		// Go's capacity: one CPU-second per CPU.
		this.capacityNanos = 1e9 * this.cpus;
	}

	/**
	 * Account for one interval.
	 * @param now the time at the interval's end, in nanoseconds
	 * @param wallNanos the interval's length
	 * @param gcNanos the GC's CPU time in it
	 * @return whether the bucket is full (throttled) after it
	 */
	boolean add(long now, long wallNanos, long gcNanos) {
		long wall = Math.max(0, wallNanos);
		long gc = Math.max(0, gcNanos);
		this.minute.addLast(new long[] { now, gc, wall * this.cpus });
		while (!this.minute.isEmpty() && now - this.minute.peekFirst()[0] > MINUTE_NANOS) {
			this.minute.removeFirst();
		}
		this.level = Math.max(0, this.level + gc - this.share * wall * this.cpus);
		if (this.level >= this.capacityNanos) {
			this.level = this.capacityNanos;
			if (!this.full) {
				this.full = true;
				this.throttles++;
			}
		}
		// The bucket forgets what overflowed it, and one forced full collection of a
		// large heap can cost more than half of it: resuming on the bucket alone would
		// let the collections the controller forces keep the GC above the budget.
		else if (this.full && this.level < this.capacityNanos / 2 && shareLastMinute() < this.share) {
			this.full = false;
		}
		return this.full;
	}

	boolean full() {
		return this.full;
	}

	long throttles() {
		return this.throttles;
	}

	double fill() {
		return this.level / this.capacityNanos;
	}

	/**
	 * Return the GC's share of all CPU time over the last minute.
	 * @return the share, 0 before the first interval
	 */
	double shareLastMinute() {
		long gc = 0;
		long total = 0;
		for (long[] interval : this.minute) {
			gc += interval[1];
			total += interval[2];
		}
		return (total > 0) ? (double) gc / total : 0;
	}

}
