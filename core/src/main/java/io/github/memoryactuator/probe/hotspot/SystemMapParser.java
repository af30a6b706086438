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
import java.util.List;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;
import io.github.memoryactuator.probe.kernel.AddressRange;

/**
 * Parses what {@code System.map} prints (JDK 22+): <pre>
 * from               to                        vsize prot          rss      hugetlb pgsz notes            info                                  file
 * ========================================================...
 * 0x00000000f0000000-0x00000000ffe00000    266338304 rw-p       110592            0 4K   com              JAVAHEAP                              -
 * </pre> The columns are aligned to the header; the owner is the first word from the
 * {@code info} column on (a file path may hold spaces, a label never does).
 *
 * @since 0.1.0
 */
public final class SystemMapParser {

	private static final String INFO = " info ";

	private SystemMapParser() {
	}

	/**
	 * Parse the text.
	 * @param text what the command printed
	 * @return the map, or why there is none
	 */
	public static Reading<SystemMap> parse(String text) {
		int header = text.indexOf("\nfrom ");
		int infoColumn = -1;
		if (header >= 0) {
			int end = TextScan.lineEnd(text, header + 1);
			int info = TextScan.indexOf(text, INFO, header + 1, end);
			infoColumn = (info >= 0) ? info + 1 - (header + 1) : -1;
		}
		if (infoColumn < 0) {
			return Reading.unavailable("System.map printed no header with an 'info' column");
		}
		List<SystemMap.Region> regions = new ArrayList<>();
		long[] hex = new long[1];
		int at = TextScan.lineEnd(text, header + 1) + 1;
		while (at < text.length()) {
			int end = TextScan.lineEnd(text, at);
			if (text.startsWith("0x", at)) {
				int dash = TextScan.indexOf(text, "-0x", at, end);
				int space = TextScan.indexOf(text, " ", at, end);
				if (dash > 0 && space > dash && TextScan.parseHex(text, at + 2, dash, hex)) {
					long start = hex[0];
					if (TextScan.parseHex(text, dash + 3, space, hex) && at + infoColumn < end
							&& Long.compareUnsigned(start, hex[0]) < 0) {
						int from = TextScan.skipSpaces(text, at + infoColumn, end);
						int to = TextScan.indexOf(text, " ", from, end);
						String label = text.substring(from, (to < 0) ? end : to);
						regions.add(new SystemMap.Region(new AddressRange(start, hex[0]), SystemMap.Label.of(label),
								label));
					}
				}
			}
			at = end + 1;
		}
		if (regions.isEmpty()) {
			return Reading.unavailable("System.map printed no mapping");
		}
		// Looked up by address: in address order, as the JVM prints them.
		regions.sort((a, b) -> Long.compareUnsigned(a.range().start(), b.range().start()));
		return Reading.of(new SystemMap(regions));
	}

}
