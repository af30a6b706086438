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
 * What the leak verdict and finding say about the culprit, from allocation profiling: the
 * type and site most surviving samples share, or how to find them.
 */
final class LeakCulprit {

	private static final String HEAP_DUMP = "take a heap dump and look for the dominators that grow "
			+ "(GET /actuator/heapdump, or jcmd <pid> GC.heap_dump <file>), comparing two dumps taken some minutes apart";

	private static final String HISTOGRAM = "POST /actuator/memory/histogram (a write operation: it runs a full GC) "
			+ "twice, some minutes apart, shows which classes grow";

	private LeakCulprit() {
	}

	// The sentence that names the culprit, such as "84 % of surviving samples are byte[]
	// allocated at com.acme.Cache.put(Cache.java:42)", or null when profiling names none.
	static @Nullable String named(LeakEvidence evidence) {
		LeakEvidence.Suspect suspect = evidence.suspect();
		if (evidence.state() != LeakEvidence.State.NAMED || suspect == null) {
			return null;
		}
		return String.format(Locale.ROOT, "%.0f %% of surviving samples are %s allocated at %s", suspect.share() * 100,
				suspect.type(), suspect.site());
	}

	// What to do about a suspected leak, given what profiling knows.
	static String action(LeakEvidence evidence) {
		LeakEvidence.Suspect suspect = evidence.suspect();
		LeakEvidence.Suspect allocated = evidence.topAllocation();
		return switch (evidence.state()) {
			case NAMED -> "Look at what keeps the " + ((suspect != null) ? suspect.type() : "objects")
					+ " allocated there" + estimate(suspect) + ": GET /actuator/memory/allocations lists every "
					+ "surviving group with its stack, and /allocations/pprof is the same as a pprof heap profile; to "
					+ "see who holds them, " + HEAP_DUMP + ".";
			case OFF -> "Set memory-actuator.profiling.enabled=true: Java Flight Recorder then samples the objects "
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
