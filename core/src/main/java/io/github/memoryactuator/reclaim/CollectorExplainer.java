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

package io.github.memoryactuator.reclaim;

import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.VmFlags;

/**
 * Says in words why the heap did or did not shrink after a collection, from the
 * collector, its flags and heap committed before and after.
 */
final class CollectorExplainer {

	private final VmFlags flags;

	private final long tolerance;

	CollectorExplainer(VmFlags flags, long tolerance) {
		this.flags = flags;
		this.tolerance = tolerance;
	}

	String notCollected(CollectorKind kind, String why) {
		return why + "; " + kind.displayName() + " resizes the heap only when it collects";
	}

	String explain(CollectorKind kind, long committedBefore, long committedAfter, long usedAfter) {
		long fell = committedBefore - committedAfter;
		String change = "heap committed " + ByteSizes.format(committedBefore) + " -> "
				+ ByteSizes.format(committedAfter);
		if (kind == CollectorKind.EPSILON) {
			return "Epsilon never collects or uncommits: the heap stays committed (" + change + ")";
		}
		if (fell > this.tolerance) {
			String shrank = kind.displayName() + " uncommitted " + ByteSizes.format(fell)
					+ " of heap after the full GC (" + change + ")";
			return switch (kind) {
				case SERIAL -> shrank + "; Serial shrinks the old generation only partly per full GC";
				case G1 -> shrank + atFloor(committedAfter);
				default -> shrank;
			};
		}
		String kept = change + ", " + ByteSizes.format(usedAfter) + " used";
		String floor = atFloor(committedAfter);
		return switch (kind) {
			case G1 -> floor.isEmpty()
					? "G1 kept the heap committed: " + freeShare(committedAfter, usedAfter) + " (" + kept + ")"
					: "G1 did not shrink" + floor + " (" + kept + ")";
			case PARALLEL -> "Parallel GC does not uncommit heap after a full GC: its adaptive size policy keeps the"
					+ " generations' sizes (" + kept + ")";
			case SERIAL -> "Serial GC did not shrink the heap" + (floor.isEmpty()
					? ": it resizes only the old generation after a full GC, often only partly" : floor) + " (" + kept
					+ ")";
			case ZGC -> zgc(floor, kept);
			case SHENANDOAH -> "Shenandoah uncommits only regions empty for ShenandoahUncommitDelay="
					+ flagOr("ShenandoahUncommitDelay", "ms", "(default 300000ms)") + ", not at a full GC" + floor
					+ " (" + kept + ")";
			default -> "heap committed did not fall (" + kept + ")";
		};
	}

	// Only claim the ratio as the reason when the free share really is within it.
	private String freeShare(long committed, long used) {
		long percentFree = (committed > 0) ? Math.max(0, committed - used) * 100 / committed : 0;
		String max = flag("MaxHeapFreeRatio");
		try {
			if (percentFree <= Long.parseLong(max)) {
				return percentFree + "% of it is free, within MaxHeapFreeRatio=" + max + "%";
			}
		}
		catch (NumberFormatException ex) {
			// Fall through to the neutral wording.
		}
		return percentFree + "% of it is free (MaxHeapFreeRatio=" + max + "%), yet it did not shrink";
	}

	private String zgc(String floor, String kept) {
		if ("false".equals(this.flags.read("ZUncommit").orNull())) {
			return "ZGC uncommit is turned off (-XX:-ZUncommit), so the heap stays committed (" + kept + ")";
		}
		return "ZGC uncommits only memory unused for ZUncommitDelay=" + flagOr("ZUncommitDelay", "s", "(default 300s)")
				+ ", not at a GC: expect the heap to shrink that long from now" + floor + " (" + kept + ")";
	}

	// -Xms sets MinHeapSize (JDK 13+), which no collector shrinks below.
	private String atFloor(long committedAfter) {
		Long min = this.flags.readNumber("MinHeapSize");
		if (min == null || committedAfter > min + this.tolerance) {
			return "";
		}
		return ": it cannot shrink below -Xms (MinHeapSize=" + ByteSizes.format(min) + ")";
	}

	private String flag(String name) {
		String value = this.flags.read(name).orNull();
		return (value != null) ? value : "?";
	}

	private String flagOr(String name, String unit, String otherwise) {
		String value = this.flags.read(name).orNull();
		return (value != null) ? value + unit : otherwise;
	}

}
