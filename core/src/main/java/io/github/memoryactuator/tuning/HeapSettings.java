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

package io.github.memoryactuator.tuning;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The heap-shrink flags that can be changed at run time, the JVM's analog of Go's
 * {@code GOGC}: after a collection the heap is grown until at least
 * {@code minHeapFreeRatio} percent of it is free, and shrunk until at most
 * {@code maxHeapFreeRatio} percent is. In a request a {@code null} value means "leave as
 * it is"; read from the JVM it means the flag cannot be read.
 *
 * @param minHeapFreeRatio {@code MinHeapFreeRatio}, 0 to 100
 * @param maxHeapFreeRatio {@code MaxHeapFreeRatio}, 0 to 100, not below the minimum
 * @param g1PeriodicGcInterval {@code G1PeriodicGCInterval} (G1 only): how long an idle
 * JVM waits before a periodic collection that may uncommit heap; zero turns it off, and a
 * request may not set it below {@link #MIN_G1_PERIODIC_GC_INTERVAL}
 * @since 0.1.0
 */
public record HeapSettings(@Nullable Integer minHeapFreeRatio, @Nullable Integer maxHeapFreeRatio,
		@Nullable Duration g1PeriodicGcInterval) {

	/**
	 * The API names of the three parameters, which validation errors quote.
	 */
	public static final String MIN_HEAP_FREE_RATIO = "minHeapFreeRatio";

	/**
	 * See {@link #MIN_HEAP_FREE_RATIO}.
	 */
	public static final String MAX_HEAP_FREE_RATIO = "maxHeapFreeRatio";

	/**
	 * See {@link #MIN_HEAP_FREE_RATIO}.
	 */
	public static final String G1_PERIODIC_GC_INTERVAL = "g1PeriodicGcInterval";

	/**
	 * The shortest {@code G1PeriodicGCInterval} a request may set, other than 0 (off). G1
	 * starts a periodic collection whenever none ran for the interval, so an interval of
	 * milliseconds keeps even an idle application collecting without pause.
	 */
	public static final Duration MIN_G1_PERIODIC_GC_INTERVAL = Duration.ofSeconds(10);

	private static final HeapSettings NONE = new HeapSettings(null, null, null);

	/**
	 * Return settings that change nothing.
	 * @return the settings
	 */
	public static HeapSettings none() {
		return NONE;
	}

	/**
	 * Return whether no value is set.
	 * @return whether these settings change nothing
	 */
	public boolean isEmpty() {
		return this.minHeapFreeRatio == null && this.maxHeapFreeRatio == null && this.g1PeriodicGcInterval == null;
	}

}
