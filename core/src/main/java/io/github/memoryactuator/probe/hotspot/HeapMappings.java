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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;

/**
 * The {@code smaps} mappings that hold the Java heap, and what the kernel counts for
 * them.
 * <p>
 * Non-generational ZGC (the only ZGC on JDK 17; {@code -XX:-ZGenerational} on 21–22) maps
 * the same heap memory (a {@code memfd} named {@code java_heap}) at three virtual
 * addresses, one per pointer colour. {@code Rss} (and so {@code VmRSS} and
 * {@code RssShmem}) counts a page once for every view that has touched it, while
 * {@code Pss} divides it by its map count, so the heap's {@code Pss} equals the distinct
 * resident pages; the over-count is at most three times (BENCHMARKS.md has figures).
 * Generational ZGC (JDK 21+, the only ZGC from JDK 23) maps the {@code memfd} once.
 *
 * @param mappings the mappings, in address order
 * @param source how the mappings were found
 * @param views how many virtual views of the same heap memory there are (1, or 3 for
 * non-generational ZGC)
 * @param rss the heap's {@code Rss}, summed over the mappings (counts a multi-mapped page
 * once per view)
 * @param pss the heap's {@code Pss}, summed over the mappings (counts each page once)
 * @param partial whether a mapping reaches beyond the heap's range, so that its figures
 * include some non-heap memory (the kernel may merge the heap with an adjacent anonymous
 * mapping)
 * @param ranges the heap's address ranges ({@code GC.heap_info}), empty when found by
 * name
 * @since 0.1.0
 */
public record HeapMappings(List<Mapping> mappings, Source source, int views, long rss, long pss, boolean partial,
		List<AddressRange> ranges) {

	private static final String HEAP_MEMFD = "java_heap";

	/**
	 * Create an instance.
	 * @param mappings the mappings
	 * @param source how they were found
	 * @param views how many views of the heap memory there are
	 * @param rss the summed {@code Rss}
	 * @param pss the summed {@code Pss}
	 * @param partial whether a mapping reaches beyond the heap
	 * @param ranges the heap's address ranges
	 */
	public HeapMappings {
		mappings = List.copyOf(mappings);
		ranges = List.copyOf(ranges);
	}

	/**
	 * Find the heap's mappings: by the address ranges that {@code GC.heap_info} printed,
	 * or, for ZGC, which prints none, by the name of its shared-memory file.
	 * @param heapInfo what {@code GC.heap_info} printed
	 * @param smaps the process's mappings
	 * @return the heap's mappings, or why they could not be found
	 */
	public static Reading<HeapMappings> locate(HeapInfo heapInfo, Smaps smaps) {
		if (!heapInfo.ranges().isEmpty()) {
			return byRange(heapInfo, smaps);
		}
		return byName(heapInfo, smaps);
	}

	private static Reading<HeapMappings> byRange(HeapInfo heapInfo, Smaps smaps) {
		List<Mapping> found = new ArrayList<>();
		boolean partial = false;
		long rss = 0;
		long pss = 0;
		for (Mapping mapping : smaps.mappings()) {
			for (AddressRange range : heapInfo.ranges()) {
				if (mapping.overlaps(range)) {
					found.add(mapping);
					partial |= !mapping.isWithin(range);
					rss += mapping.rss();
					pss += mapping.pss();
					break;
				}
			}
		}
		if (found.isEmpty()) {
			return Reading.unavailable("no mapping in /proc/self/smaps overlaps the heap range " + heapInfo.ranges());
		}
		return Reading.of(new HeapMappings(found, Source.ADDRESS_RANGE, 1, rss, pss, partial, heapInfo.ranges()));
	}

	private static Reading<HeapMappings> byName(HeapInfo heapInfo, Smaps smaps) {
		List<Mapping> found = new ArrayList<>();
		Set<Long> viewBases = new HashSet<>();
		long rss = 0;
		long pss = 0;
		for (Mapping mapping : smaps.mappings()) {
			if (mapping.path().contains(HEAP_MEMFD)) {
				found.add(mapping);
				// Each view maps file offset 0 at its own base address.
				viewBases.add(mapping.start() - mapping.offset());
				rss += mapping.rss();
				pss += mapping.pss();
			}
		}
		if (found.isEmpty()) {
			return Reading.unavailable("GC.heap_info printed no address range for the " + heapInfo.collector()
					+ " heap, and no mapping in /proc/self/smaps is named " + HEAP_MEMFD);
		}
		return Reading.of(new HeapMappings(found, Source.MEMFD_NAME, viewBases.size(), rss, pss, false, List.of()));
	}

	/**
	 * Return whether the heap memory is mapped more than once, as non-generational ZGC
	 * does, so that RSS counts it up to that many times.
	 * @return whether there is more than one view
	 */
	public boolean isMultiMapped() {
		return this.views > 1;
	}

	/**
	 * Return the heap memory that is resident, each page counted once: {@code Pss} when
	 * the heap is multi-mapped (its pages are shared by no other process), {@code Rss}
	 * otherwise.
	 * @return the resident heap in bytes
	 */
	public long residentOnce() {
		return isMultiMapped() ? this.pss : this.rss;
	}

	/**
	 * Return how much of {@link #rss()} counts pages a second or third time.
	 * @return the over-count in bytes, 0 when the heap is mapped once
	 */
	public long countedMoreThanOnce() {
		return isMultiMapped() ? Math.max(0, this.rss - this.pss) : 0;
	}

	/**
	 * How the heap's mappings were found.
	 *
	 * @since 0.1.0
	 */
	public enum Source {

		/**
		 * By the address ranges in {@code GC.heap_info}.
		 */
		ADDRESS_RANGE,

		/**
		 * By the name of ZGC's shared-memory file ({@code /memfd:java_heap}).
		 */
		MEMFD_NAME

	}

}
