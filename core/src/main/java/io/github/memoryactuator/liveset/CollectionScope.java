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
 * How much of the heap a garbage collection collected or marked. With the collector it
 * decides what the heap used right after it means: a <em>live-set reading</em>, the live
 * set plus garbage within a bound the collector sets, or only an <em>upper bound</em> of
 * the live set. After a young collection the old generation still holds every object that
 * died there since it was last marked, so young collections are always upper bounds;
 * which collections that collected or marked the old generation give a reading depends on
 * what the collector leaves behind.
 * <p>
 * The scope goes by the name of the collector bean that reported the collection
 * ({@code GarbageCollectionNotificationInfo.getGcName()}); what each collector reports
 * was observed in forked JVMs on JDK 17.0.15 and 25.0.3, and
 * {@code LiveSetForkedJvmTests} checks it on every build:
 * <table>
 * <caption>Collector beans, what their collections mean, and which give a live-set
 * reading</caption>
 * <tr>
 * <th>collector</th>
 * <th>bean (gcAction)</th>
 * <th>scope</th>
 * <th>live-set reading</th>
 * </tr>
 * <tr>
 * <td>Serial</td>
 * <td>{@code Copy} (end of minor GC)</td>
 * <td>young</td>
 * <td>no</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code MarkSweepCompact} (end of major GC)</td>
 * <td>full</td>
 * <td>yes</td>
 * </tr>
 * <tr>
 * <td>Parallel</td>
 * <td>{@code PS Scavenge} (end of minor GC)</td>
 * <td>young</td>
 * <td>no</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code PS MarkSweep} (end of major GC)</td>
 * <td>full</td>
 * <td>yes</td>
 * </tr>
 * <tr>
 * <td>G1</td>
 * <td>{@code G1 Young Generation} (end of minor GC), for young <em>and</em> mixed
 * collections alike</td>
 * <td>mixed or young, see below</td>
 * <td>the lowest point of a marking phase</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code G1 Concurrent GC} (end of concurrent GC pause, cause {@code No GC}): the
 * Remark and Cleanup pauses that end a marking cycle; JDK 20 and later only</td>
 * <td>concurrent</td>
 * <td>the lowest point of a marking phase</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code G1 Old Generation} (end of major GC)</td>
 * <td>full</td>
 * <td>yes</td>
 * </tr>
 * <tr>
 * <td>ZGC, single generation (JDK 17; {@code -XX:-ZGenerational} on 21-22)</td>
 * <td>{@code ZGC Cycles} (end of GC cycle): every cycle marks the whole heap</td>
 * <td>concurrent</td>
 * <td>yes, less what was allocated while it ran</td>
 * </tr>
 * <tr>
 * <td>ZGC, generational (21+, the only ZGC from 23)</td>
 * <td>{@code ZGC Major Cycles} (end of GC cycle)</td>
 * <td>concurrent</td>
 * <td>yes, less what was allocated while it ran</td>
 * </tr>
 * <tr>
 * <td></td>
 * <td>{@code ZGC Minor Cycles}: the young generation only</td>
 * <td>young</td>
 * <td>no</td>
 * </tr>
 * <tr>
 * <td>Shenandoah</td>
 * <td>{@code Shenandoah Cycles} (end of GC cycle), also for degenerated and full
 * collections: every cycle marks the whole heap</td>
 * <td>concurrent; young in generational mode</td>
 * <td>no</td>
 * </tr>
 * <tr>
 * <td>ZGC, Shenandoah</td>
 * <td>{@code ... Pauses}: one notification per pause of a cycle, with heap figures that
 * mean nothing yet (Shenandoah reports 0)</td>
 * <td>not a collection</td>
 * <td></td>
 * </tr>
 * </table>
 * <p>
 * <strong>Why these readings.</strong> A full collection compacts the whole heap: what is
 * left is the live set plus the few dead objects a compaction may leave in place
 * ({@code MarkSweepDeadRatio}). A concurrent or regional collector leaves garbage on
 * purpose, and its figure is the live set only within the bound that its own rules set:
 * <ul>
 * <li><strong>G1.</strong> A mixed collection takes only some of the candidate regions,
 * so the heap after it still holds the garbage of the others; Remark frees only regions
 * with nothing live in them. The reading is therefore the <em>lowest</em> point of a
 * marking phase: the Remark and Cleanup pauses (JDK 20 and later) and the mixed
 * collections after them. The phase ends at the first young collection that collects no
 * old region, at a new marking, at a full collection, or after 16 collections (a
 * safeguard), and only then does its lowest point become a reading; until then each point
 * is an upper bound and the previous reading stands. At that lowest point the old
 * generation still holds the garbage of the regions G1 chose not to collect: those more
 * than {@code G1MixedGCLiveThresholdPercent} live, and candidates holding less than
 * {@code G1HeapWastePercent} of the heap in all; plus what died after the marking
 * started.</li>
 * <li><strong>ZGC.</strong> A cycle's figure holds everything allocated while it ran,
 * which grows with the cycle's length and the allocation rate, so the reading leaves it
 * out: the JVM's count of bytes allocated by all threads, from the cycle's first pause to
 * its end (for generational ZGC, from the start of the latest minor cycle that ended
 * during it, whose survivors the reading keeps; never below the old generation's figure).
 * What is left is the live set when the cycle started plus the garbage in pages ZGC chose
 * not to relocate ({@code ZFragmentationLimit}). Without the count (thread allocation
 * accounting disabled), or for a cycle whose first pause the tracker did not see, the
 * cycle is an upper bound.</li>
 * <li><strong>Shenandoah.</strong> A cycle evacuates only the regions its reserve can
 * hold ({@code ShenandoahEvacReserve}) among those above
 * {@code ShenandoahGarbageThreshold}, and leaves the rest of the garbage to later cycles,
 * so no cycle bounds the live set closely: its points are upper bounds.</li>
 * </ul>
 * <p>
 * <strong>G1's mixed collections.</strong> The young bean reports young and mixed
 * collections with the same action and cause. What tells them apart is the old
 * generation's collection usage ({@code MemoryPoolMXBean.getCollectionUsage}): HotSpot
 * sets it at the end of a collection only for the pools the collection affected, and
 * counts G1's old generation as affected by a young-bean collection only while old
 * regions are being collected (JDK 17: during the mixed phase; JDK 21+: while candidates
 * from the last marking are left, which includes the young collection that prepares the
 * mixed phase). So when the old pool's after-GC usage in the notification equals its
 * collection usage (used and committed) and differs from its usage before the collection,
 * the collection collected old regions. An old generation left exactly as it was (nothing
 * promoted) also equals the collection usage, but such a collection collected no old
 * region and counts as young: the old generation still holds what died there since the
 * marking. The notification arrives after the collection; when another collection has
 * changed the collection usage meanwhile, the two differ and the point counts as young: a
 * missed point, never a false one.
 * <p>
 * On JDK 17 a G1 marking cycle that finds nothing worth a mixed collection reports
 * nothing at all (there is no {@code G1 Concurrent GC} bean before JDK 20), so a G1 heap
 * on JDK 17 whose old generation holds no garbage gets a live-set reading only from a
 * full collection.
 * <p>
 * <strong>Generational Shenandoah</strong> ({@code -XX:ShenandoahGCMode=generational},
 * JDK 25) reports young and global cycles through the same bean with the same action; its
 * cycles are counted as young until they can be told apart. Collectors not listed go by
 * the action: {@code end of major GC} is full and a reading, anything else an upper
 * bound.
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
