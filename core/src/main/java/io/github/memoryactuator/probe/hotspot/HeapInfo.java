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

import java.util.List;
import java.util.OptionalLong;

import io.github.memoryactuator.probe.kernel.AddressRange;

/**
 * What {@code GC.heap_info} says about the Java heap, in bytes.
 * <p>
 * Serial, Parallel, G1 and Shenandoah print the heap's reserved address range; ZGC prints
 * none, and its heap is found in {@code smaps} by name instead (see
 * {@link HeapMappings}). Sizes that HotSpot printed in {@code M} or {@code G} are rounded
 * down to that unit by the JVM.
 *
 * @param collector the collector, as recognised from the text
 * @param ranges the reserved address ranges, merged where adjacent; empty for ZGC
 * @param reserved the reserved (maximum) heap size, when printed or implied by the ranges
 * @param committed the committed heap ({@code total}, {@code committed} or
 * {@code capacity})
 * @param used the used heap
 * @since 0.1.0
 */
public record HeapInfo(Collector collector, List<AddressRange> ranges, OptionalLong reserved, OptionalLong committed,
		OptionalLong used) {

	/**
	 * Create an instance.
	 * @param collector the collector
	 * @param ranges the reserved address ranges
	 * @param reserved the reserved heap size
	 * @param committed the committed heap
	 * @param used the used heap
	 */
	public HeapInfo {
		ranges = List.copyOf(ranges);
	}

	/**
	 * The garbage collector that printed the text.
	 *
	 * @since 0.1.0
	 */
	public enum Collector {

		/**
		 * {@code -XX:+UseSerialGC} ({@code def new generation} / {@code DefNew}).
		 */
		SERIAL,

		/**
		 * {@code -XX:+UseParallelGC} ({@code PSYoungGen}).
		 */
		PARALLEL,

		/**
		 * {@code -XX:+UseG1GC} ({@code garbage-first heap}).
		 */
		G1,

		/**
		 * {@code -XX:+UseZGC} ({@code ZHeap}), generational or not.
		 */
		ZGC,

		/**
		 * {@code -XX:+UseShenandoahGC} ({@code Shenandoah Heap}).
		 */
		SHENANDOAH,

		/**
		 * A text this parser does not recognise (Epsilon, a future collector).
		 */
		UNKNOWN

	}

}
