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

package io.github.memoryactuator.histogram;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;
import io.github.memoryactuator.probe.hotspot.TypeNames;

/**
 * Parses what {@code GC.class_histogram} prints. Pure: no I/O. JDK 17 and 25 print the
 * same layout:
 *
 * <pre>
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:         21891        3361512  [B (java.base@17.0.15)
 *    7:          2000          48000  com.acme.Cache$Entry
 * 330:             3             48  com.acme.Cache$$Lambda$1/0x00007fd43c000c18
 * Total         48372        3993592
 * </pre>
 *
 * Classes of the unnamed module have no module; hidden classes keep their address. A row
 * that does not parse is skipped; the totals are the JVM's, or the rows' sums when the
 * total line is missing.
 * <p>
 * Internal: public only for the parser fuzzing tests; not API.
 *
 * @since 0.1.0
 */
public final class ClassHistogramParser {

	private ClassHistogramParser() {
	}

	/**
	 * Parse a {@code GC.class_histogram} text.
	 * @param text what the command printed
	 * @return the histogram, or why it could not be read
	 */
	public static Reading<ClassHistogram> parse(String text) {
		List<ClassHistogram.Entry> classes = new ArrayList<>();
		long instances = TextScan.NONE;
		long bytes = TextScan.NONE;
		long sumInstances = 0;
		long sumBytes = 0;
		int start = 0;
		int length = text.length();
		while (start < length) {
			int end = TextScan.lineEnd(text, start);
			int to = (end > start && text.charAt(end - 1) == '\r') ? end - 1 : end;
			int from = TextScan.skipSpaces(text, start, to);
			start = end + 1;
			if (text.startsWith("Total", from)) {
				long[] totals = totals(text, from + "Total".length(), to);
				if (totals != null) {
					instances = totals[0];
					bytes = totals[1];
				}
				continue;
			}
			ClassHistogram.Entry entry = row(text, from, to);
			if (entry != null) {
				classes.add(entry);
				sumInstances = saturatedAdd(sumInstances, entry.instances());
				sumBytes = saturatedAdd(sumBytes, entry.bytes());
			}
		}
		if (classes.isEmpty()) {
			return Reading.unavailable("GC.class_histogram printed no class rows: '" + TextScan.abbreviate(text) + "'");
		}
		return Reading.of(new ClassHistogram(classes, (instances != TextScan.NONE) ? instances : sumInstances,
				(bytes != TextScan.NONE) ? bytes : sumBytes));
	}

	// " 7: 2000 48000 com.acme.Cache$Entry (module@1)"
	private static ClassHistogram.@Nullable Entry row(String text, int from, int to) {
		int digits = TextScan.skipDigits(text, from, to);
		if (digits == from || digits >= to || text.charAt(digits) != ':') {
			return null;
		}
		int[] end = new int[1];
		long[] counts = numbers(text, digits + 1, to, end);
		if (counts == null) {
			return null;
		}
		int nameStart = TextScan.skipSpaces(text, end[0], to);
		int nameEnd = nameStart;
		while (nameEnd < to && !Character.isWhitespace(text.charAt(nameEnd))) {
			nameEnd++;
		}
		if (nameEnd == nameStart || nameStart == end[0]) {
			return null;
		}
		return new ClassHistogram.Entry(TypeNames.javaName(text.substring(nameStart, nameEnd)), counts[0], counts[1]);
	}

	// "Total 48372 3993592", and nothing after.
	private static long @Nullable [] totals(String text, int from, int to) {
		int[] end = new int[1];
		long[] totals = numbers(text, from, to, end);
		return (totals != null && TextScan.skipSpaces(text, end[0], to) == to) ? totals : null;
	}

	// Two decimal numbers, each after at least one space; end[0] receives the index
	// after the second.
	private static long @Nullable [] numbers(String text, int from, int to, int[] end) {
		long[] values = new long[2];
		int at = from;
		for (int n = 0; n < values.length; n++) {
			int start = TextScan.skipSpaces(text, at, to);
			int digitsEnd = TextScan.skipDigits(text, start, to);
			long value = TextScan.parseDecimal(text, start, digitsEnd);
			if (start == at || value == TextScan.NONE) {
				return null;
			}
			values[n] = value;
			at = digitsEnd;
		}
		end[0] = at;
		return values;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

}
