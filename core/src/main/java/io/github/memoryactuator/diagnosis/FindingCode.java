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

package io.github.memoryactuator.diagnosis;

/**
 * What a finding is about: a stable identifier that callers may branch on, where the
 * finding's summary is text for people and may be reworded.
 *
 * @since 0.1.0
 */
public enum FindingCode {

	/**
	 * Live-set readings rose steadily over the leak window: a suspected heap leak.
	 */
	LIVE_SET_GROWTH,

	/**
	 * The old generation grew past the leak thresholds, but no collection marked it, so
	 * it is not known whether that is live data or promoted garbage.
	 */
	LIVE_SET_UNCONFIRMED,

	/**
	 * Native memory (glibc's bytes in use, or resident memory outside the heap) rose
	 * steadily over the leak window: a suspected native leak.
	 */
	NATIVE_GROWTH,

	/**
	 * RSS is near the container's memory limit.
	 */
	CONTAINER_LIMIT,

	/**
	 * The heap's maximum, or the heap's maximum plus the non-heap memory measured so far,
	 * is above the effective memory limit: the kernel kills the process before the JVM
	 * throws {@link OutOfMemoryError}.
	 */
	HEAP_MAX_ABOVE_LIMIT,

	/**
	 * The heap holds much more committed memory than its live set.
	 */
	HEAP_HEADROOM,

	/**
	 * glibc keeps much freed native memory in its arenas.
	 */
	ALLOCATOR_RETENTION,

	/**
	 * Much of RSS is pages freed with {@code MADV_FREE}.
	 */
	LAZY_FREE,

	/**
	 * ZGC maps the heap several times, so RSS overstates it.
	 */
	ZGC_MULTI_MAPPING,

	/**
	 * Many threads, or much memory in thread stacks.
	 */
	MANY_THREADS,

	/**
	 * Much memory in direct buffers.
	 */
	DIRECT_BUFFERS,

	/**
	 * Much class metadata.
	 */
	METASPACE_GROWTH,

	/**
	 * Part of the process is swapped out.
	 */
	SWAP_IN_USE,

	/**
	 * Much of RSS is unexplained and Native Memory Tracking is off.
	 */
	NMT_OFF,

	/**
	 * The soft memory limit's target cannot be kept: the live set plus the non-heap
	 * memory does not fit it.
	 */
	SOFT_LIMIT_UNREACHABLE

}
