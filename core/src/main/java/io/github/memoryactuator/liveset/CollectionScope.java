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

package io.github.memoryactuator.liveset;

import org.jspecify.annotations.Nullable;

/**
 * How much of the heap a garbage collection collected or marked, decided from the name of
 * the collector bean that reported it. With the collector it says what the heap used
 * right after the collection means: a <em>live-set reading</em> (the live set plus
 * garbage within a bound the collector sets) or only an <em>upper bound</em>, since after
 * a young collection the old generation still holds everything that died there since it
 * was last marked. Full collections are readings; G1 gives one at the lowest point of a
 * marking phase, ZGC per cycle less what was allocated while it ran, Shenandoah none.
 * {@code LiveSetForkedJvmTests} checks each collector in forked JVMs; the per-collector
 * table and the reasons are in {@code docs/design/collection-scope.md}.
 *
 * @since 0.1.0
 */
public enum CollectionScope {

	/**
	 * A stop-the-world collection of the whole heap: what is left is the live set.
	 */
	FULL("full"),

	/**
	 * The end of a concurrent cycle that marked the whole heap (ZGC, Shenandoah, G1's
	 * Remark and Cleanup): the live set, plus the garbage the cycle left and what was
	 * allocated while it ran.
	 */
	CONCURRENT("concurrent"),

	/**
	 * A G1 collection that also collected old regions after a marking: the live set, plus
	 * the garbage in old regions that it has not collected yet.
	 */
	MIXED("mixed"),

	/**
	 * A young-only collection: an upper bound of the live set, since the old generation
	 * still holds what died there since it was last marked.
	 */
	YOUNG("young");

	private static final String G1_YOUNG = "G1 Young Generation";

	private final String label;

	CollectionScope(String label) {
		this.label = label;
	}

	/**
	 * Return the lower-case name shown in the endpoint.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Classify a collection.
	 * @param collector the collector bean's name ({@code getGcName()})
	 * @param action the notification's action ({@code getGcAction()}), empty when unknown
	 * @param oldGenerationCollected for G1's young bean: whether the old generation's
	 * after-GC usage equals its collection usage and differs from its usage before
	 * @param generationalShenandoah whether Shenandoah runs in generational mode
	 * @return the scope, or {@code null} for a notification that is not a collection (one
	 * pause of a concurrent cycle)
	 */
	public static @Nullable CollectionScope classify(String collector, String action, boolean oldGenerationCollected,
			boolean generationalShenandoah) {
		if (collector.endsWith(" Pauses")) {
			return null;
		}
		return switch (collector) {
			case "MarkSweepCompact", "PS MarkSweep", "G1 Old Generation" -> FULL;
			case "Copy", "PS Scavenge", "ZGC Minor Cycles" -> YOUNG;
			case G1_YOUNG -> oldGenerationCollected ? MIXED : YOUNG;
			case "G1 Concurrent GC", "ZGC Cycles", "ZGC Major Cycles" -> CONCURRENT;
			case "Shenandoah Cycles" -> generationalShenandoah ? YOUNG : CONCURRENT;
			default -> action.equals("end of major GC") ? FULL : YOUNG;
		};
	}

	/**
	 * Return whether the collector is G1's young bean, whose collections are mixed or
	 * young depending on the old generation's collection usage.
	 * @param collector the collector bean's name
	 * @return whether it is {@code G1 Young Generation}
	 */
	static boolean isG1Young(String collector) {
		return G1_YOUNG.equals(collector);
	}

}
