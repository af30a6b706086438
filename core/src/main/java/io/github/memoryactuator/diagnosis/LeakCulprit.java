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

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.ByteSizes;

/**
 * What the verdict and the live-set findings say about what survives, from allocation
 * profiling: the type and site whose surviving samples grew over the window (labelled
 * unconfirmed while the growth is), the largest surviving group and that it did not grow,
 * or the top allocation site labelled as allocated where surviving objects cannot be
 * sampled.
 */
final class LeakCulprit {

	private static final String HEAP_DUMP = "take a heap dump and look for the dominators that grow "
			+ "(GET /actuator/heapdump, or jcmd <pid> GC.heap_dump <file>), comparing two dumps taken some minutes apart";

	private static final String HISTOGRAM = "POST /actuator/memory/histogram (a write operation: it runs a full GC) "
			+ "twice, some minutes apart, shows which classes grow";

	private LeakCulprit() {
	}

	// The clause that says what survives, such as "84 % of surviving samples are byte[]
	// allocated at com.acme.Cache.put(Cache.java:42), an estimated 180 MB of the heap, up
	// from 90 MB over 60 s", prefixed "unconfirmed culprit: " while the growth is not
	// confirmed; or null when profiling is off or cannot run.
	static @Nullable String clause(LeakEvidence evidence, boolean confirmed) {
		LeakEvidence.Suspect suspect = evidence.suspect();
		LeakEvidence.Suspect largest = evidence.largest();
		LeakEvidence.Suspect allocated = evidence.topAllocation();
		return switch (evidence.state()) {
			case NAMED -> (suspect != null) ? (confirmed ? "" : "unconfirmed culprit: ") + named(suspect) : null;
			case NOT_GROWING ->
				(largest != null) ? "the largest surviving group (" + largest.type() + " allocated at " + largest.site()
						+ ", " + share(largest) + " of surviving samples) is not " + "named: " + evidence.reason()
						+ ", and one that is only large, such as a cache filled once, is " + "no leak" : null;
			case NOT_SAMPLED ->
				"surviving objects are not sampled under this collector"
						+ ((allocated != null)
								? "; allocated, not necessarily surviving: " + share(allocated)
										+ " of allocated bytes are " + allocated.type() + " at " + allocated.site()
								: "");
			case NO_SURVIVORS_YET -> "allocation profiling has not seen a sampled object survive yet";
			case OFF, UNAVAILABLE -> null;
		};
	}

	private static String named(LeakEvidence.Suspect suspect) {
		return group(suspect) + growth(suspect);
	}

	private static String group(LeakEvidence.Suspect suspect) {
		return share(suspect) + " of surviving samples are " + suspect.type() + " allocated at " + suspect.site();
	}

	private static String share(LeakEvidence.Suspect suspect) {
		return String.format(Locale.ROOT, "%.0f %%", suspect.share() * 100);
	}

	private static String growth(LeakEvidence.Suspect suspect) {
		LeakEvidence.Growth growth = suspect.growth();
		if (growth == null) {
			return "";
		}
		String over = " over " + LiveSetTrend.describe(growth.over());
		if (growth.startBytes().isPresent() && growth.endBytes().isPresent()) {
			return ", an estimated " + ByteSizes.format(growth.endBytes().getAsLong()) + " of the heap, up from "
					+ ByteSizes.format(growth.startBytes().getAsLong()) + over;
		}
		return ", up from " + growth.startSamples() + " to " + suspect.samples() + " samples" + over;
	}

	// What to do about heap growth, given what profiling knows.
	static String action(LeakEvidence evidence) {
		LeakEvidence.Suspect suspect = evidence.suspect();
		LeakEvidence.Suspect largest = evidence.largest();
		LeakEvidence.Suspect allocated = evidence.topAllocation();
		return switch (evidence.state()) {
			case NAMED -> "Look at what keeps the " + ((suspect != null) ? suspect.type() : "objects")
					+ " allocated there" + estimate(suspect) + ": GET /actuator/memory/allocations lists every "
					+ "surviving group with its stack, and /allocations/pprof is the same as a pprof heap profile; to "
					+ "see who holds them, " + HEAP_DUMP + ".";
			case NOT_GROWING -> "No surviving group is shown to grow"
					+ ((largest != null) ? " (the largest, " + largest.type() + " at " + largest.site() + ", holds "
							+ share(largest) + " of the samples)" : "")
					+ "; this finding names one once it does. Meanwhile " + HISTOGRAM + ", or " + HEAP_DUMP + ".";
			case OFF -> "Turn on allocation profiling: Java Flight Recorder then samples the objects "
					+ "that survive, and this finding names the type and the line that allocate them. Meanwhile "
					+ HISTOGRAM + ", or " + HEAP_DUMP + ".";
			case NOT_SAMPLED -> "Surviving objects are not sampled here: " + evidence.reason() + ". "
					+ ((allocated != null) ? "The most bytes are allocated as " + allocated.type() + " at "
							+ allocated.site() + ", which is not necessarily what survives. " : "")
					+ capitalized(HISTOGRAM) + "; or " + HEAP_DUMP + ".";
			case NO_SURVIVORS_YET -> "Allocation profiling has not seen a sampled object survive a collection yet; "
					+ "the finding names the culprit once it has. Meanwhile " + HISTOGRAM + ", or " + HEAP_DUMP + ".";
			case UNAVAILABLE -> "Allocation profiling is on but cannot run: " + evidence.reason() + ". "
					+ capitalized(HISTOGRAM) + "; or " + HEAP_DUMP + ".";
		};
	}

	private static String estimate(LeakEvidence.@Nullable Suspect suspect) {
		if (suspect == null || suspect.estimatedBytes().isEmpty()) {
			return "";
		}
		return " (an estimated " + ByteSizes.format(suspect.estimatedBytes().getAsLong()) + " of the live set)";
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
