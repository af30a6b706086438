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

package io.github.memoryactuator.probe.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;

/**
 * Parses the text of {@code /proc/self/smaps_rollup}. Pure: no I/O.
 *
 * @since 0.1.0
 */
final class SmapsRollupParser {

	// Fields every kernel that has smaps_rollup (4.14+) prints; the others came later.
	private static final String[] REQUIRED = { "Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean",
			"Private_Dirty", "Anonymous", "AnonHugePages", "Swap" };

	private static final String[] OPTIONAL = { "Pss_Dirty", "Pss_Anon", "Pss_File", "Pss_Shmem", "LazyFree",
			"ShmemPmdMapped", "SwapPss" };

	private SmapsRollupParser() {
	}

	/**
	 * Parse a {@code smaps_rollup} text.
	 * @param text the whole file
	 * @return the totals, or why they could not be read
	 */
	static Reading<SmapsRollup> parse(String text) {
		long[] required = new long[REQUIRED.length];
		long[] optional = new long[OPTIONAL.length];
		Arrays.fill(required, TextScan.NONE);
		Arrays.fill(optional, TextScan.NONE);
		// A set: a text with a garbled line repeated must not give a reason that lists it
		// thousands of times.
		Set<String> garbled = new LinkedHashSet<>();
		int start = 0;
		int length = text.length();
		while (start < length) {
			int end = TextScan.lineEnd(text, start);
			int colon = TextScan.indexOf(text, ":", start, end);
			// The first line is the "[rollup]" mapping header, which has no colon after a
			// key.
			if (colon > start) {
				int index = find(REQUIRED, text, start, colon);
				long[] target = required;
				if (index < 0) {
					index = find(OPTIONAL, text, start, colon);
					target = optional;
				}
				if (index >= 0) {
					long bytes = TextScan.parseKernelKib(text, colon + 1, end);
					if (bytes == TextScan.NONE) {
						garbled.add(text.substring(start, colon));
					}
					else {
						target[index] = bytes;
					}
				}
			}
			start = end + 1;
		}
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < REQUIRED.length; i++) {
			if (required[i] == TextScan.NONE) {
				missing.add(REQUIRED[i]);
			}
		}
		if (!missing.isEmpty()) {
			return Reading.unavailable("/proc/self/smaps_rollup has no valid " + String.join(", ", missing)
					+ (garbled.isEmpty() ? "" : " (garbled: " + String.join(", ", garbled) + ")"));
		}
		return Reading.of(new SmapsRollup(required[0], required[1], optional(optional[0]), optional(optional[1]),
				optional(optional[2]), optional(optional[3]), required[2], required[3], required[4], required[5],
				required[6], optional(optional[4]), required[7], optional(optional[5]), required[8],
				optional(optional[6])));
	}

	private static int find(String[] keys, String text, int start, int colon) {
		int length = colon - start;
		for (int i = 0; i < keys.length; i++) {
			if (keys[i].length() == length && text.startsWith(keys[i], start)) {
				return i;
			}
		}
		return -1;
	}

	private static OptionalLong optional(long value) {
		return (value == TextScan.NONE) ? OptionalLong.empty() : OptionalLong.of(value);
	}

}
