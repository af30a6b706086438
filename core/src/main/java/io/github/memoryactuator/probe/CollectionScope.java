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

package io.github.memoryactuator.probe;

import org.jspecify.annotations.Nullable;

/**
 * How much of the heap a garbage collection collected or marked. It decides what the heap
 * used right after it means: after a collection that collected or marked the old
 * generation it is the live set (plus what was allocated while a concurrent cycle ran);
 * after a young-only collection the old generation still holds every object that died
 * there since it was last marked, so the figure is only an upper bound of the live set.
 * <p>
 * The rules go by the name of the collector bean that reported the collection
 * ({@code GarbageCollectionNotificationInfo.getGcName()}). What each collector reports,
 * observed in forked JVMs on JDK 17.0.15 and 25.0.3 (and checked on every build by
 * {@code CollectionScopeForkedJvmTests}):
 * <table>
 * <caption>Collector beans and what their collections mean</caption>
 * <tr>
 * <th>collector</th>
 * <th>bean (gcAction)</th>
 * <th>scope</th>
 * </tr>
 * <tr>
 * <td>Serial</td>
 * <td>{@code Copy} (end of minor GC)</td>
 * <td>young</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code MarkSweepCompact} (end of major GC)</td>
 * <td>full</td>
 * </tr>
 * <tr>
 * <td>Parallel</td>
 * <td>{@code PS Scavenge} (end of minor GC)</td>
 * <td>young</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code PS MarkSweep} (end of major GC)</td>
 * <td>full</td>
 * </tr>
 * <tr>
 * <td>G1</td>
 * <td>{@code G1 Young Generation} (end of minor GC), for young <em>and</em> mixed
 * collections alike</td>
 * <td>mixed or young, see below</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code G1 Old Generation} (end of major GC)</td>
 * <td>full</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code G1 Concurrent GC} (end of concurrent GC pause, cause {@code No GC}): the
 * Remark and Cleanup pauses that end a marking cycle; JDK 20 and later only</td>
 * <td>concurrent</td>
 * </tr>
 * <tr>
 * <td>ZGC, single generation (JDK 17; {@code -XX:-ZGenerational} on 21-22)</td>
 * <td>{@code ZGC Cycles} (end of GC cycle): every cycle marks the whole heap</td>
 * <td>concurrent</td>
 * </tr>
 * <tr>
 * <td>ZGC, generational (21+, the only ZGC from 23)</td>
 * <td>{@code ZGC Major Cycles} (end of GC cycle)</td>
 * <td>concurrent</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code ZGC Minor Cycles}: the young generation only</td>
 * <td>young</td>
 * </tr>
 * <tr>
 * <td>Shenandoah</td>
 * <td>{@code Shenandoah Cycles} (end of GC cycle), also for degenerated and full
 * collections: every cycle marks the whole heap</td>
 * <td>concurrent; young in generational mode</td>
 * </tr>
 * <tr>
 * <td>ZGC, Shenandoah</td>
 * <td>{@code ... Pauses}: one notification per pause of a cycle, with heap figures that
 * mean nothing yet (Shenandoah reports 0)</td>
 * <td>not a collection</td>
 * </tr>
 * </table>
 * <p>
 * <strong>G1's mixed collections.</strong> The young bean reports young and mixed
 * collections with the same action and cause. What tells them apart is the old
 * generation's collection usage ({@code MemoryPoolMXBean.getCollectionUsage}): HotSpot
 * sets it at the end of a collection only for the pools the collection affected, and
 * counts G1's old generation as affected by a young-bean collection only while old
 * regions are being collected (JDK 17: during the mixed phase; JDK 21+: while candidates
 * from the last marking are left, which includes the young collection that prepares the
 * mixed phase). So when the old pool's after-GC usage in the notification equals its
 * collection usage (used and committed), either the collection reclaimed old regions, or
 * the old generation is byte for byte what the last such collection left: in both cases
 * it holds no garbage promoted since it was last marked. The notification arrives after
 * the collection; when another collection has changed the collection usage meanwhile, the
 * two differ and the point counts as young: a missed point, never a false one.
 * <p>
 * On JDK 17 a G1 marking cycle that finds nothing worth a mixed collection reports
 * nothing at all (there is no {@code G1 Concurrent GC} bean before JDK 20), so a G1 heap
 * on JDK 17 whose old generation holds no garbage gets a live-set reading only from a
 * full collection.
 * <p>
 * <strong>Generational Shenandoah</strong> ({@code -XX:ShenandoahGCMode=generational},
 * JDK 25) reports young and global cycles through the same bean with the same action; its
 * cycles are counted as young, an upper bound, until they can be told apart. Collectors
 * not listed go by the action: {@code end of major GC} is full, anything else an upper
 * bound.
 *
 * @since 0.1.0
 */
public enum CollectionScope {

	/**
	 * A stop-the-world collection of the whole heap: what is left is the live set.
	 */
	FULL("full", true),

	/**
	 * The end of a concurrent cycle that marked the whole heap (ZGC, Shenandoah, G1's
	 * Remark and Cleanup): the live set, plus what was allocated while the cycle ran.
	 */
	CONCURRENT("concurrent", true),

	/**
	 * A G1 collection that also collected old regions after a marking: the live set, plus
	 * the garbage in old regions that it has not collected yet.
	 */
	MIXED("mixed", true),

	/**
	 * A young-only collection: an upper bound of the live set, since the old generation
	 * still holds what died there since it was last marked.
	 */
	YOUNG("young", false);

	private static final String G1_YOUNG = "G1 Young Generation";

	private final String label;

	private final boolean liveSet;

	CollectionScope(String label, boolean liveSet) {
		this.label = label;
		this.liveSet = liveSet;
	}

	/**
	 * Return the lower-case name shown in the endpoint.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Return whether the heap used right after such a collection is the live set, rather
	 * than an upper bound of it.
	 * @return whether the old generation was collected or marked
	 */
	public boolean isLiveSet() {
		return this.liveSet;
	}

	/**
	 * Classify a collection.
	 * @param collector the collector bean's name ({@code getGcName()})
	 * @param action the notification's action ({@code getGcAction()}), empty when unknown
	 * @param oldGenerationAsLastCollected for G1's young bean: whether the old
	 * generation's after-GC usage equals its collection usage
	 * @param generationalShenandoah whether Shenandoah runs in generational mode
	 * @return the scope, or {@code null} for a notification that is not a collection (one
	 * pause of a concurrent cycle)
	 */
	public static @Nullable CollectionScope classify(String collector, String action,
			boolean oldGenerationAsLastCollected, boolean generationalShenandoah) {
		if (collector.endsWith(" Pauses")) {
			return null;
		}
		return switch (collector) {
			case "MarkSweepCompact", "PS MarkSweep", "G1 Old Generation" -> FULL;
			case "Copy", "PS Scavenge", "ZGC Minor Cycles" -> YOUNG;
			case G1_YOUNG -> oldGenerationAsLastCollected ? MIXED : YOUNG;
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
