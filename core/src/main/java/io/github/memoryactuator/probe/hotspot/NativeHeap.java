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

package io.github.memoryactuator.probe.hotspot;

/**
 * glibc's own account of its heap ({@code System.native_heap_info}, glibc
 * {@code malloc_info}), in bytes: unlike {@code mallinfo}'s outstanding figure it keeps
 * large allocations, each an {@code mmap} of its own outside the arenas, apart from the
 * arenas.
 *
 * @param arenaSystem memory the arenas hold from the OS ({@code system type="current"})
 * @param arenaFree free chunks in the arenas ({@code total type="fast"} plus
 * {@code type="rest"}): freed memory glibc keeps
 * @param mmapped allocations served by an {@code mmap} of their own
 * ({@code total type="mmap"}, {@code hblkhd})
 * @since 0.1.0
 */
public record NativeHeap(long arenaSystem, long arenaFree, long mmapped) {

	/**
	 * Return what the arenas hold in use: their memory less their free chunks.
	 * @return the bytes
	 */
	public long arenaInUse() {
		return Math.max(0, this.arenaSystem - this.arenaFree);
	}

}
