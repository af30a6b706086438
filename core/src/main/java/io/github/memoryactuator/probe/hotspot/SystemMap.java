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

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;

/**
 * The JVM's own map of its memory ({@code System.map}, JDK 22+): every mapping with the
 * JVM subsystem that owns it, as Native Memory Tracking knows it. It labels what
 * {@code smaps} cannot tell apart (class space, metaspace, GC data structures, thread
 * stacks, the code heap); memory the JVM did not map itself, such as glibc's arenas and
 * large {@code malloc}s, is labelled {@code -}. Without NMT every label is {@code -}.
 *
 * @param regions the mappings, in address order
 * @since 0.1.0
 */
public record SystemMap(List<Region> regions) {

	/**
	 * Create an instance.
	 * @param regions the mappings, in address order
	 */
	public SystemMap {
		regions = List.copyOf(regions);
	}

	/**
	 * Return the label of the region that holds the start of an address range.
	 * @param start the first address of the range (unsigned)
	 * @param end the address after the last
	 * @return the label, or {@code null} when no region holds it or it is unlabelled
	 */
	public @Nullable Label labelOf(long start, long end) {
		Region region = regionAt(start);
		return (region != null) ? region.label() : null;
	}

	/**
	 * Return whether this map printed every mapping whose owner the breakdown asks for
	 * (all but mapped files and the kernel's {@code [vdso]}-style pages) with exactly the
	 * bounds it has in {@code smaps}, so that its labels still hold for them. Mappings
	 * the JVM reserves (heap, class space, code heap, GC structures) keep their addresses
	 * for the life of the process, and committing or releasing part of one changes its
	 * bounds; a new thread stack, arena or metaspace node is a new mapping.
	 * @param smaps the mappings read now
	 * @return whether each of them is a region of this map
	 */
	public boolean printed(Smaps smaps) {
		for (Mapping mapping : smaps.mappings()) {
			if (mapping.path().startsWith("/") || mapping.path().startsWith("[v")) {
				continue;
			}
			Region region = regionAt(mapping.start());
			if (region == null || region.range().start() != mapping.start() || region.range().end() != mapping.end()) {
				return false;
			}
		}
		return true;
	}

	private @Nullable Region regionAt(long address) {
		int low = 0;
		int high = this.regions.size() - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			Region region = this.regions.get(middle);
			if (Long.compareUnsigned(region.range().end(), address) <= 0) {
				low = middle + 1;
			}
			else if (Long.compareUnsigned(region.range().start(), address) > 0) {
				high = middle - 1;
			}
			else {
				return region;
			}
		}
		return null;
	}

	/**
	 * Return whether any region carries a label: without Native Memory Tracking none
	 * does.
	 * @return whether the map is labelled
	 */
	public boolean isLabelled() {
		return this.regions.stream().anyMatch((region) -> region.label() != null);
	}

	/**
	 * One mapping and its owner.
	 *
	 * @param range the address range
	 * @param label the owner, or {@code null} when the JVM does not know it
	 * @param text the owner as printed, such as {@code STACK-16829-Attach-Listener} or
	 * {@code CODE,GC}
	 */
	public record Region(AddressRange range, @Nullable Label label, String text) {
	}

	/**
	 * The JVM subsystems {@code System.map} names.
	 *
	 * @since 0.1.0
	 */
	public enum Label {

		/**
		 * {@code JAVAHEAP}: the Java heap.
		 */
		JAVA_HEAP,

		/**
		 * {@code CLASS}: the compressed class space.
		 */
		CLASS,

		/**
		 * {@code META}: metaspace nodes other than the class space.
		 */
		META,

		/**
		 * {@code CODE}: the code heap.
		 */
		CODE,

		/**
		 * {@code STACK-<tid>-<name>}: a thread stack the JVM knows.
		 */
		STACK,

		/**
		 * {@code GC}: GC data structures such as mark bitmaps.
		 */
		GC,

		/**
		 * {@code CARDTBL}: the card table.
		 */
		CARD_TABLE,

		/**
		 * {@code CDS}: the class data sharing archive.
		 */
		CDS,

		/**
		 * Any other JVM-owned mapping ({@code INTERN}, {@code POLL}, {@code JDK}, ...).
		 */
		OTHER;

		/**
		 * Return the label for the text {@code System.map} prints; a mapping shared by
		 * several subsystems ({@code CODE,GC}) takes the first.
		 * @param text the text
		 * @return the label, or {@code null} for {@code -}
		 */
		public static @Nullable Label of(String text) {
			String first = text.split(",", 2)[0];
			if (first.isEmpty() || first.equals("-")) {
				return null;
			}
			if (first.startsWith("STACK")) {
				return STACK;
			}
			return switch (first) {
				case "JAVAHEAP" -> JAVA_HEAP;
				case "CLASS" -> CLASS;
				case "META" -> META;
				case "CODE" -> CODE;
				case "GC" -> GC;
				case "CARDTBL" -> CARD_TABLE;
				case "CDS" -> CDS;
				default -> OTHER;
			};
		}

	}

}
