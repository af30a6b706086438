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
 * The controller's estimate of the non-heap memory, and its recent low. Charged memory
 * less the largest committed heap of the last 2 s is a lower bound of the non-heap
 * memory: not all of the committed heap is resident, and a heap that shrank is still
 * resident for a moment, since G1 counts regions out of the committed heap at once and
 * gives their memory back on a thread of its own. The bound drops to 0 when G1 commits
 * more than it touches, so the estimate is the largest bound of the last 10 s, never less
 * than the non-heap pools; its 5-minute low is what the native memory comes back to after
 * a burst.
 */
final class NonHeapEstimate {

	private static final long WINDOW = 10 * SoftLimitController.SECOND;

	// Long enough for G1's uncommit to land, short enough not to hide for long the
	// native memory a trim should give back right after a heap shrink: Serial,
	// Shenandoah and ZGC give the heap back at once.
	private static final long COMMITTED_WINDOW = 2 * SoftLimitController.SECOND;

	private final Deque<long[]> committeds = new ArrayDeque<>();

	private final Deque<long[]> bounds = new ArrayDeque<>();

	private final Deque<long[]> lows = new ArrayDeque<>();

	/**
	 * Add a sample and return the estimate.
	 * @param now the sample's time in nanoseconds
	 * @param charged charged memory
	 * @param committed the committed heap
	 * @param nonHeapCommitted what the JVM's non-heap pools have committed
	 * @return the non-heap memory, at most the charged memory
	 */
	long update(long now, long charged, long committed, long nonHeapCommitted) {
		long heap = largest(this.committeds, now, committed, COMMITTED_WINDOW);
		long best = largest(this.bounds, now, Math.max(0, charged - heap), WINDOW);
		long estimate = Math.min(charged, Math.max(best, nonHeapCommitted));
		this.lows.addLast(new long[] { now, estimate });
		while (now - this.lows.peekFirst()[0] > 5 * SoftLimitController.MINUTE) {
			this.lows.removeFirst();
		}
		return estimate;
	}

	// Add a value and return the largest of the window's.
	private static long largest(Deque<long[]> window, long now, long value, long length) {
		window.addLast(new long[] { now, value });
		while (now - window.peekFirst()[0] > length) {
			window.removeFirst();
		}
		long largest = 0;
		for (long[] point : window) {
			largest = Math.max(largest, point[1]);
		}
		return largest;
	}

	/**
	 * Return the lowest estimate of the last 5 minutes.
	 * @return the low, {@link Long#MAX_VALUE} before the first sample
	 */
	long low() {
		long low = Long.MAX_VALUE;
		for (long[] point : this.lows) {
			low = Math.min(low, point[1]);
		}
		return low;
	}

	/**
	 * Forget the bounds, after a trim gave memory back: they describe memory that is
	 * gone.
	 */
	void forgetBounds() {
		this.bounds.clear();
	}

}
