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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * Parses the bytes of {@code /proc/self/smaps}. Pure: no I/O.
 * <p>
 * One pass over the bytes by index, with no regular expressions, no text of the whole
 * file and no line strings: the figures are parsed where they lie, and only a mapping's
 * permissions and path become strings (the common permissions and a path repeated by the
 * mapping before are shared). A JVM's 2,000+ mappings parse in about a millisecond. A
 * mapping whose header is garbled is skipped with its fields; a garbled field line is
 * skipped and the figure stays 0.
 *
 * @since 0.1.0
 */
final class SmapsParser {

	private static final int RSS = 0;

	private static final int PSS = 1;

	private static final int SHARED_CLEAN = 2;

	private static final int SHARED_DIRTY = 3;

	private static final int PRIVATE_CLEAN = 4;

	private static final int PRIVATE_DIRTY = 5;

	private static final int ANONYMOUS = 6;

	private static final int LAZY_FREE = 7;

	private static final int ANON_HUGE_PAGES = 8;

	private static final int SWAP = 9;

	private static final int FIELDS = 10;

	// The longest key we read is 13 characters; a colon further in is not one of ours.
	private static final int MAX_KEY = 16;

	private static final long NONE = -1;

	private static final long KIB = 1024;

	// Nearly every mapping has one of these; sharing them saves a string per mapping.
	private static final String[] COMMON_PERMISSIONS = { "rw-p", "---p", "r--p", "r-xp", "rw-s", "r--s", "rwxp",
			"--xp" };

	private SmapsParser() {
	}

	/**
	 * Parse a {@code smaps} text.
	 * @param text the whole file
	 * @return the mappings, or why there were none
	 */
	static Reading<Smaps> parse(String text) {
		// File names are bytes, not UTF-8; the reader keeps them as ISO-8859-1 too.
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		return parse(bytes, bytes.length);
	}

	/**
	 * Parse the bytes of one read of {@code smaps}.
	 * @param data the buffer; only the first {@code length} bytes are the file, what
	 * follows is left from earlier reads
	 * @param length how many bytes were read
	 * @return the mappings, or why there were none
	 */
	static Reading<Smaps> parse(byte[] data, int length) {
		int limit = Math.max(0, Math.min(length, data.length));
		List<Mapping> mappings = new ArrayList<>();
		Header header = null;
		String lastPath = "";
		long[] figures = new long[FIELDS];
		long[] hex = new long[1];
		int skipped = 0;
		int start = 0;
		while (start < limit) {
			int end = lineEnd(data, start, limit);
			byte first = data[start];
			if (isLowerHex(first)) {
				if (header != null) {
					mappings.add(header.toMapping(figures));
					lastPath = header.path();
				}
				header = Header.parse(data, start, end, hex, lastPath);
				if (header == null) {
					skipped++;
				}
				figures = new long[FIELDS];
			}
			else if (header != null && first >= 'A' && first <= 'Z') {
				int colon = indexOf(data, (byte) ':', start, Math.min(end, start + MAX_KEY));
				int field = (colon > 0) ? field(data, start, colon) : -1;
				if (field >= 0) {
					long bytes = parseKib(data, colon + 1, end);
					if (bytes != NONE) {
						figures[field] = bytes;
					}
				}
			}
			start = end + 1;
		}
		if (header != null) {
			mappings.add(header.toMapping(figures));
		}
		if (mappings.isEmpty()) {
			return Reading.unavailable((skipped > 0) ? "/proc/self/smaps has no valid mapping header"
					: "/proc/self/smaps has no mappings");
		}
		return Reading.of(new Smaps(mappings));
	}

	// Field keys start with an upper-case letter, so a lower-case hex digit or a digit
	// starts a mapping header.
	private static boolean isLowerHex(byte c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
	}

	private static int field(byte[] data, int start, int colon) {
		switch (colon - start) {
			case 3 -> {
				if (is(data, start, "Rss")) {
					return RSS;
				}
				return is(data, start, "Pss") ? PSS : -1;
			}
			case 4 -> {
				return is(data, start, "Swap") ? SWAP : -1;
			}
			case 8 -> {
				return is(data, start, "LazyFree") ? LAZY_FREE : -1;
			}
			case 9 -> {
				return is(data, start, "Anonymous") ? ANONYMOUS : -1;
			}
			case 12 -> {
				if (is(data, start, "Shared_Clean")) {
					return SHARED_CLEAN;
				}
				return is(data, start, "Shared_Dirty") ? SHARED_DIRTY : -1;
			}
			case 13 -> {
				if (is(data, start, "Private_Clean")) {
					return PRIVATE_CLEAN;
				}
				if (is(data, start, "Private_Dirty")) {
					return PRIVATE_DIRTY;
				}
				return is(data, start, "AnonHugePages") ? ANON_HUGE_PAGES : -1;
			}
			default -> {
				return -1;
			}
		}
	}

	// The caller has checked that the key fits. Bytes compare as ISO-8859-1, as the
	// paths are decoded.
	private static boolean is(byte[] data, int at, String key) {
		for (int i = 0; i < key.length(); i++) {
			if ((data[at + i] & 0xff) != key.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static int lineEnd(byte[] data, int from, int limit) {
		int end = indexOf(data, (byte) '\n', from, limit);
		return (end < 0) ? limit : end;
	}

	private static int indexOf(byte[] data, byte b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (data[i] == b) {
				return i;
			}
		}
		return -1;
	}

	private static int skipSpaces(byte[] data, int from, int to) {
		int i = from;
		while (i < to && (data[i] == ' ' || data[i] == '\t')) {
			i++;
		}
		return i;
	}

	private static boolean isDigit(byte c) {
		return c >= '0' && c <= '9';
	}

	private static long parseDecimal(byte[] data, int from, int to) {
		if (from >= to || to - from > 19) {
			return NONE;
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			if (!isDigit(data[i])) {
				return NONE;
			}
			value = value * 10 + (data[i] - '0');
			if (value < 0) {
				return NONE;
			}
		}
		return value;
	}

	// " 1234 kB" to bytes, or NONE when the line says anything else.
	private static long parseKib(byte[] data, int from, int to) {
		int start = skipSpaces(data, from, to);
		int digitsEnd = start;
		while (digitsEnd < to && isDigit(data[digitsEnd])) {
			digitsEnd++;
		}
		long kib = parseDecimal(data, start, digitsEnd);
		int unit = skipSpaces(data, digitsEnd, to);
		if (kib == NONE || unit + 2 > to || data[unit] != 'k' || data[unit + 1] != 'B'
				|| skipSpaces(data, unit + 2, to) != to || kib > Long.MAX_VALUE / KIB) {
			return NONE;
		}
		return kib * KIB;
	}

	private static boolean parseHex(byte[] data, int from, int to, long[] out) {
		if (from >= to || to - from > 16) {
			return false;
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			int digit = Character.digit(data[i] & 0xff, 16);
			if (digit < 0) {
				return false;
			}
			value = (value << 4) | digit;
		}
		out[0] = value;
		return true;
	}

	private static String permissionsAt(byte[] data, int from) {
		for (String common : COMMON_PERMISSIONS) {
			if (is(data, from, common)) {
				return common;
			}
		}
		return new String(data, from, 4, StandardCharsets.ISO_8859_1);
	}

	private static String pathAt(byte[] data, int from, int to, String last) {
		if (from >= to) {
			return "";
		}
		// Consecutive mappings of one file (its text, data and read-only parts) share
		// the path.
		if (last.length() == to - from && is(data, from, last)) {
			return last;
		}
		return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
	}

	private record Header(long start, long end, String permissions, long offset, String path) {

		/**
		 * Parse {@code start-end perms offset dev inode [path]}. The path is the rest of
		 * the line after the padding and may contain spaces; the kernel escapes newlines
		 * in it as {@code \012}.
		 * @param data the smaps bytes
		 * @param from where the header line starts
		 * @param to where it ends
		 * @param hex scratch space for the addresses
		 * @param lastPath the path of the mapping before, shared when this one has it too
		 * @return the header, or {@code null} when the line is not one
		 */
		static @Nullable Header parse(byte[] data, int from, int to, long[] hex, String lastPath) {
			int dash = indexOf(data, (byte) '-', from, to);
			int afterRange = (dash < 0) ? -1 : indexOf(data, (byte) ' ', dash, to);
			int afterPermissions = (afterRange < 0) ? -1 : indexOf(data, (byte) ' ', afterRange + 1, to);
			int afterOffset = (afterPermissions < 0) ? -1 : indexOf(data, (byte) ' ', afterPermissions + 1, to);
			int afterDevice = (afterOffset < 0) ? -1 : indexOf(data, (byte) ' ', afterOffset + 1, to);
			if (afterDevice < 0 || !parseHex(data, from, dash, hex)) {
				return null;
			}
			long start = hex[0];
			if (!parseHex(data, dash + 1, afterRange, hex)) {
				return null;
			}
			long end = hex[0];
			// User space ends below 2^57, so a mapping of 2^63 bytes or more is garbled
			// text.
			if (Long.compareUnsigned(start, end) >= 0 || end - start < 0 || afterPermissions - afterRange != 5) {
				return null;
			}
			if (!parseHex(data, afterPermissions + 1, afterOffset, hex)) {
				return null;
			}
			long offset = hex[0];
			int inodeEnd = indexOf(data, (byte) ' ', afterDevice + 1, to);
			if (inodeEnd < 0) {
				inodeEnd = to;
			}
			if (parseDecimal(data, afterDevice + 1, inodeEnd) == NONE) {
				return null;
			}
			int pathStart = skipSpaces(data, inodeEnd, to);
			// A mapped file's offset can exceed Long.MAX_VALUE only in theory; keep sizes
			// sane.
			return new Header(start, end, permissionsAt(data, afterRange + 1), Math.max(offset, 0),
					pathAt(data, pathStart, to, lastPath));
		}

		Mapping toMapping(long[] figures) {
			return new Mapping(this.start, this.end, this.permissions, this.offset, this.path, figures[RSS],
					figures[PSS], figures[SHARED_CLEAN], figures[SHARED_DIRTY], figures[PRIVATE_CLEAN],
					figures[PRIVATE_DIRTY], figures[ANONYMOUS], figures[LAZY_FREE], figures[ANON_HUGE_PAGES],
					figures[SWAP]);
		}

	}

}
