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

package io.github.memoryactuator.watch;

import java.time.Duration;
import java.time.Instant;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.LimitUse;

/**
 * One sample of the memory the kernel charges to this process, taken by the
 * {@link MemoryWatch}, with how fast it grows.
 *
 * @param time when the sample was taken
 * @param nanoTime {@link System#nanoTime()} when the sample was taken, for intervals
 * @param charged the bytes the kernel weighs for this process: the larger of RSS and the
 * cgroup's working set ({@link LimitUse#charged}), RSS alone without a cgroup
 * @param use the use of the effective limit, or why there is none
 * @param bytesPerSecond how fast {@code charged} changed since the previous sample:
 * negative when it fell, 0 for the first sample
 * @param peakBytesPerSecond the fastest growth of the recent samples, halving every
 * {@link MemoryWatch#PEAK_HALF_LIFE} unless a faster one comes; never negative
 * @param pauseGrowth the most the old generation grew within one stop-the-world
 * collection, of the last eight: growth that no sample can see as it happens, and an
 * upper bound of what such a pause adds to {@code charged}; 0 before any, and with
 * collectors that move nothing in a pause (ZGC, Shenandoah)
 * @since 0.1.0
 */
public record ChargedMemory(Instant time, long nanoTime, long charged, Reading<LimitUse> use, double bytesPerSecond,
		double peakBytesPerSecond, long pauseGrowth) {

	/**
	 * Return how long charged memory would take to grow by the given bytes at the peak
	 * rate: what a listener needs to ask for the next sample in time.
	 * @param bytes the growth
	 * @return the time, {@link Duration#ZERO} for no growth at all, and
	 * {@link WatchListener#NO_HURRY} when memory does not grow
	 */
	public Duration timeToGrow(long bytes) {
		if (bytes <= 0) {
			return Duration.ZERO;
		}
		if (!(this.peakBytesPerSecond > 0)) {
			return WatchListener.NO_HURRY;
		}
		double nanos = bytes / this.peakBytesPerSecond * 1e9;
		return (nanos >= Long.MAX_VALUE) ? WatchListener.NO_HURRY : Duration.ofNanos((long) nanos);
	}

}
