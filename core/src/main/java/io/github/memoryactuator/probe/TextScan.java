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

/**
 * Allocation-free scanning of kernel and JVM text by index, so that large texts such as
 * {@code /proc/self/smaps} (thousands of mappings) and {@code VM.info} (up to 400 KB) are
 * parsed without splitting them into lines or substrings.
 * <p>
 * Methods that return a number return {@link #NONE} when the text is not such a number;
 * the value never leaves the parsers.
 * <p>
 * Internal: public only for the probe sub-packages and the class histogram; not API.
 */
public final class TextScan {

	/**
	 * Returned when the text holds no valid number. Valid numbers are never negative.
	 */
	public static final long NONE = -1;

	private static final long KIB = 1024;

	private TextScan() {
	}

	/**
	 * Return the index of the end of the line that starts at {@code start}.
	 * @param text the text
	 * @param start where the line starts
	 * @return the index of its newline, or the length of the text
	 */
	public static int lineEnd(String text, int start) {
		int end = text.indexOf('\n', start);
		return (end < 0) ? text.length() : end;
	}

	public static int skipSpaces(String text, int from, int to) {
		int i = from;
		while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

	public static int skipDigits(String text, int from, int to) {
		int i = from;
		while (i < to && isDigit(text.charAt(i))) {
			i++;
		}
		return i;
	}

	public static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Parse the decimal digits in {@code [from, to)}.
	 * @param text the text
	 * @param from first index
	 * @param to index after the last
	 * @return the number, or {@link #NONE} if the range is empty, holds anything but
	 * digits or overflows
	 */
	public static long parseDecimal(String text, int from, int to) {
		if (from >= to || to - from > 19) {
			return NONE;
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return NONE;
			}
			value = value * 10 + (c - '0');
			if (value < 0) {
				return NONE;
			}
		}
		return value;
	}

	/**
	 * Parse lower- or upper-case hexadecimal digits in {@code [from, to)} as an unsigned
	 * 64-bit value, as the kernel prints addresses.
	 * @param text the text
	 * @param from first index
	 * @param to index after the last
	 * @param out receives the value
	 * @return whether the range held 1 to 16 hex digits; the value is in {@code out[0]}
	 */
	public static boolean parseHex(String text, int from, int to, long[] out) {
		if (from >= to || to - from > 16) {
			return false;
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			int digit = Character.digit(text.charAt(i), 16);
			if (digit < 0) {
				return false;
			}
			value = (value << 4) | digit;
		}
		out[0] = value;
		return true;
	}

	/**
	 * Parse a kernel "{@code <n> kB}" value in {@code [from, to)}, with any spaces
	 * around.
	 * @param text the text
	 * @param from first index
	 * @param to index after the last
	 * @return the bytes, or {@link #NONE}
	 */
	public static long parseKernelKib(String text, int from, int to) {
		int start = skipSpaces(text, from, to);
		int digitsEnd = skipDigits(text, start, to);
		long kib = parseDecimal(text, start, digitsEnd);
		int unit = skipSpaces(text, digitsEnd, to);
		if (kib == NONE || unit + 2 > to || text.charAt(unit) != 'k' || text.charAt(unit + 1) != 'B'
				|| skipSpaces(text, unit + 2, to) != to || kib > Long.MAX_VALUE / KIB) {
			return NONE;
		}
		return kib * KIB;
	}

	/**
	 * Parse a HotSpot size that starts at {@code from}: digits, then an optional unit
	 * {@code B}, {@code K}, {@code KB}, {@code M}, {@code MB}, {@code G} or {@code GB}
	 * (HotSpot's units are binary). The size ends at the first character that is not part
	 * of it; {@code end[0]} receives that index.
	 * @param text the text
	 * @param from where the digits start
	 * @param to index after the last that may belong to the size
	 * @param end receives the index after the size
	 * @return the bytes, or {@link #NONE}
	 */
	public static long parseJvmSize(String text, int from, int to, int[] end) {
		int digitsEnd = skipDigits(text, from, to);
		long value = parseDecimal(text, from, digitsEnd);
		if (value == NONE) {
			return NONE;
		}
		int i = digitsEnd;
		long multiplier = 1;
		if (i < to) {
			char unit = text.charAt(i);
			switch (unit) {
				case 'K', 'k' -> multiplier = KIB;
				case 'M', 'm' -> multiplier = KIB * KIB;
				case 'G', 'g' -> multiplier = KIB * KIB * KIB;
				case 'T', 't' -> multiplier = KIB * KIB * KIB * KIB;
				default -> multiplier = 1;
			}
			if (multiplier != 1 || unit == 'B') {
				i++;
				if (multiplier != 1 && i < to && text.charAt(i) == 'B') {
					i++;
				}
			}
		}
		// A unit glued to more letters ("5Kb2", "12Mx") is not a size.
		if (i < to && Character.isLetterOrDigit(text.charAt(i))) {
			return NONE;
		}
		if (value > Long.MAX_VALUE / multiplier) {
			return NONE;
		}
		end[0] = i;
		return value * multiplier;
	}

	/**
	 * Find {@code key} in {@code [from, to)} and parse the HotSpot size right after it.
	 * @param text the text
	 * @param key the label before the size
	 * @param from first index
	 * @param to index after the last
	 * @return the bytes, or {@link #NONE} if the key is absent or not followed by a size
	 */
	public static long sizeAfter(String text, String key, int from, int to) {
		int at = indexOf(text, key, from, to);
		if (at < 0) {
			return NONE;
		}
		return parseJvmSize(text, at + key.length(), to, new int[1]);
	}

	/**
	 * Return the index of {@code key} within {@code [from, to)}.
	 * @param text the text
	 * @param key what to find
	 * @param from first index
	 * @param to index after the last
	 * @return the index, or -1
	 */
	public static int indexOf(String text, String key, int from, int to) {
		// Bounded, so that a key missing from one short line does not scan the rest of a
		// large text.
		int last = Math.min(to, text.length()) - key.length();
		for (int i = Math.max(from, 0); i <= last; i++) {
			if (text.startsWith(key, i)) {
				return i;
			}
		}
		return -1;
	}

	public static String abbreviate(String text) {
		String line = text.strip();
		int newline = line.indexOf('\n');
		if (newline >= 0) {
			line = line.substring(0, newline).strip();
		}
		return (line.length() <= 60) ? line : line.substring(0, 60) + "...";
	}

}
