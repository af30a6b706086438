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
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;
import io.github.memoryactuator.probe.kernel.AddressRange;

/**
 * Parses what {@code GC.heap_info} prints. Pure: no I/O.
 * <p>
 * The formats differ per collector and JDK:
 * <ul>
 * <li>G1 17:
 * {@code garbage-first heap total 389120K, used 133159K [0x..e0000000, 0x..100000000)};
 * G1 25: {@code total reserved 524288K, committed 389120K, used 133425K [...)}.</li>
 * <li>Serial and Parallel: one line per generation,
 * {@code total 116224K, used 1981K [start, committed end, reserved end)}, followed by
 * indented space lines, which are skipped.</li>
 * <li>Shenandoah: {@code 512M max, 512M soft max, 83456K committed, 67028K used} and the
 * range on the line after {@code Reserved region:}.</li>
 * <li>ZGC (17 and 25): {@code ZHeap used 84M, capacity 378M, max capacity 512M}, no
 * range.</li>
 * </ul>
 * JDK 17 also prints {@code Metaspace} and {@code class space} lines, which are not heap.
 * <p>
 * Internal: public only for tests in other packages; not API.
 *
 * @since 0.1.0
 */
public final class HeapInfoParser {

	// Compiled once: String.split compiles a regex on every call, once per piece of a
	// line.
	private static final Pattern SPACES = Pattern.compile("\\s+");

	private HeapInfoParser() {
	}

	/**
	 * Parse a {@code GC.heap_info} text.
	 * @param text what the command printed
	 * @return the heap's layout, or why it could not be read
	 */
	public static Reading<HeapInfo> parse(String text) {
		HeapInfo.Collector collector = null;
		List<AddressRange> ranges = new ArrayList<>();
		long[] sizes = { TextScan.NONE, TextScan.NONE, TextScan.NONE };
		boolean rangeFollows = false;
		int start = 0;
		int length = text.length();
		while (start < length) {
			int end = TextScan.lineEnd(text, start);
			String line = text.substring(start, end).strip();
			start = end + 1;
			if (line.isEmpty()) {
				continue;
			}
			if (collector == null) {
				collector = collector(line);
			}
			if (rangeFollows) {
				rangeFollows = false;
				if (line.startsWith("- [")) {
					addRange(line, ranges);
					continue;
				}
			}
			if (line.startsWith("Reserved region:")) {
				rangeFollows = true;
				continue;
			}
			// Space lines repeat their generation's figures; Metaspace is not heap.
			if (line.contains("space") || line.contains("Space")) {
				continue;
			}
			int bracket = line.indexOf('[');
			if (bracket >= 0 && line.contains("total")) {
				addRange(line, ranges);
			}
			addSizes((bracket >= 0) ? line.substring(0, bracket) : line, sizes);
		}
		if (collector == null) {
			return Reading.unavailable("GC.heap_info printed nothing");
		}
		List<AddressRange> merged = merge(ranges);
		if (merged.isEmpty() && sizes[1] == TextScan.NONE && sizes[2] == TextScan.NONE) {
			return Reading
				.unavailable("GC.heap_info printed no heap range or size: '" + TextScan.abbreviate(text) + "'");
		}
		long reserved = sizes[0];
		if (reserved == TextScan.NONE && !merged.isEmpty()) {
			reserved = 0;
			for (AddressRange range : merged) {
				reserved = saturatedAdd(reserved, range.size());
			}
		}
		return Reading.of(new HeapInfo(collector, merged, optional(reserved), optional(sizes[1]), optional(sizes[2])));
	}

	private static HeapInfo.Collector collector(String line) {
		if (line.startsWith("garbage-first heap")) {
			return HeapInfo.Collector.G1;
		}
		if (line.startsWith("def new generation") || line.startsWith("DefNew")) {
			return HeapInfo.Collector.SERIAL;
		}
		if (line.startsWith("PSYoungGen")) {
			return HeapInfo.Collector.PARALLEL;
		}
		if (line.startsWith("ZHeap")) {
			return HeapInfo.Collector.ZGC;
		}
		if (line.startsWith("Shenandoah")) {
			return HeapInfo.Collector.SHENANDOAH;
		}
		return HeapInfo.Collector.UNKNOWN;
	}

	/**
	 * Add {@code [first, ..., last)} as a range: generations print
	 * {@code [start, committed end, reserved end)}, G1 and Shenandoah
	 * {@code [start, end)}.
	 * @param line one line of {@code GC.heap_info}
	 * @param ranges receives the range
	 */
	private static void addRange(String line, List<AddressRange> ranges) {
		int open = line.indexOf('[');
		int close = line.indexOf(')', open + 1);
		if (open < 0 || close < 0) {
			return;
		}
		long first = 0;
		long last = 0;
		int count = 0;
		long[] hex = new long[1];
		for (String part : line.substring(open + 1, close).split(",")) {
			String address = part.strip();
			if (!address.startsWith("0x") || !TextScan.parseHex(address, 2, address.length(), hex)) {
				return;
			}
			if (count == 0) {
				first = hex[0];
			}
			last = hex[0];
			count++;
		}
		// A size beyond Long.MAX_VALUE is no heap: the text is garbled.
		if (count >= 2 && Long.compareUnsigned(first, last) < 0 && last - first > 0) {
			ranges.add(new AddressRange(first, last));
		}
	}

	/**
	 * Read the labelled sizes of a line, such as {@code total 116224K, used 1981K} or
	 * {@code 512M max, 83456K committed}, into {@code sizes} (reserved, committed, used),
	 * adding up generations.
	 * @param line one line of {@code GC.heap_info}
	 * @param sizes reserved, committed and used so far
	 */
	private static void addSizes(String line, long[] sizes) {
		for (String piece : line.split(",")) {
			long size = TextScan.NONE;
			StringBuilder label = new StringBuilder();
			for (String token : SPACES.split(piece.strip())) {
				int[] end = new int[1];
				long parsed = (size == TextScan.NONE && !token.isEmpty() && TextScan.isDigit(token.charAt(0)))
						? TextScan.parseJvmSize(token, 0, token.length(), end) : TextScan.NONE;
				if (parsed != TextScan.NONE && end[0] == token.length()) {
					size = parsed;
				}
				else {
					label.append((label.length() > 0) ? " " : "").append(token);
				}
			}
			int slot = slot(label.toString());
			if (size != TextScan.NONE && slot >= 0) {
				sizes[slot] = (sizes[slot] == TextScan.NONE) ? size : saturatedAdd(sizes[slot], size);
			}
		}
	}

	private static int slot(String label) {
		if (label.endsWith("max capacity") || label.equals("max") || label.endsWith("reserved")) {
			return 0;
		}
		if (label.endsWith("total") || label.endsWith("committed") || label.endsWith(" capacity")
				|| label.equals("capacity")) {
			return 1;
		}
		if (label.endsWith("used") && !label.contains("%")) {
			return 2;
		}
		return -1;
	}

	private static List<AddressRange> merge(List<AddressRange> ranges) {
		List<AddressRange> sorted = new ArrayList<>(ranges);
		sorted.sort(Comparator.comparing(AddressRange::start, Long::compareUnsigned));
		List<AddressRange> merged = new ArrayList<>();
		for (AddressRange range : sorted) {
			AddressRange previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (previous != null && Long.compareUnsigned(range.start(), previous.end()) <= 0) {
				long end = (Long.compareUnsigned(range.end(), previous.end()) > 0) ? range.end() : previous.end();
				merged.set(merged.size() - 1, new AddressRange(previous.start(), end));
			}
			else {
				merged.add(range);
			}
		}
		return merged;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	private static OptionalLong optional(long value) {
		return (value == TextScan.NONE) ? OptionalLong.empty() : OptionalLong.of(value);
	}

}
