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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Parses the text of {@code /proc/self/smaps}. Pure: no I/O.
 * <p>
 * One pass over the text by index, with no regular expressions and no line strings, so a
 * JVM's 2,000+ mappings parse in a few milliseconds. A mapping whose header is garbled is
 * skipped with its fields; a garbled field line is skipped and the figure stays 0.
 *
 * @since 0.1.0
 */
public final class SmapsParser {

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

	private SmapsParser() {
	}

	/**
	 * Parse a {@code smaps} text.
	 * @param text the whole file
	 * @return the mappings, or why there were none
	 */
	public static Reading<Smaps> parse(String text) {
		List<Mapping> mappings = new ArrayList<>();
		Header header = null;
		long[] figures = new long[FIELDS];
		long[] hex = new long[1];
		int skipped = 0;
		int start = 0;
		int length = text.length();
		while (start < length) {
			int end = TextScan.lineEnd(text, start);
			char first = text.charAt(start);
			if (isLowerHex(first)) {
				if (header != null) {
					mappings.add(header.toMapping(figures));
				}
				header = Header.parse(text, start, end, hex);
				if (header == null) {
					skipped++;
				}
				figures = new long[FIELDS];
			}
			else if (header != null && first >= 'A' && first <= 'Z') {
				int colon = TextScan.indexOf(text, ":", start, Math.min(end, start + MAX_KEY));
				int field = (colon > 0) ? field(text, start, colon) : -1;
				if (field >= 0) {
					long bytes = TextScan.parseKernelKib(text, colon + 1, end);
					if (bytes != TextScan.NONE) {
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
	private static boolean isLowerHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
	}

	private static int field(String text, int start, int colon) {
		switch (colon - start) {
			case 3 -> {
				if (text.startsWith("Rss", start)) {
					return RSS;
				}
				return text.startsWith("Pss", start) ? PSS : -1;
			}
			case 4 -> {
				return text.startsWith("Swap", start) ? SWAP : -1;
			}
			case 8 -> {
				return text.startsWith("LazyFree", start) ? LAZY_FREE : -1;
			}
			case 9 -> {
				return text.startsWith("Anonymous", start) ? ANONYMOUS : -1;
			}
			case 12 -> {
				if (text.startsWith("Shared_Clean", start)) {
					return SHARED_CLEAN;
				}
				return text.startsWith("Shared_Dirty", start) ? SHARED_DIRTY : -1;
			}
			case 13 -> {
				if (text.startsWith("Private_Clean", start)) {
					return PRIVATE_CLEAN;
				}
				if (text.startsWith("Private_Dirty", start)) {
					return PRIVATE_DIRTY;
				}
				return text.startsWith("AnonHugePages", start) ? ANON_HUGE_PAGES : -1;
			}
			default -> {
				return -1;
			}
		}
	}

	private record Header(long start, long end, String permissions, long offset, String path) {

		/**
		 * Parse {@code start-end perms offset dev inode [path]}. The path is the rest of
		 * the line after the padding and may contain spaces; the kernel escapes newlines
		 * in it as {@code \012}.
		 * @param text the smaps text
		 * @param from where the header line starts
		 * @param to where it ends
		 * @param hex scratch space for the addresses
		 * @return the header, or {@code null} when the line is not one
		 */
		static @Nullable Header parse(String text, int from, int to, long[] hex) {
			int dash = TextScan.indexOf(text, "-", from, to);
			int afterRange = (dash < 0) ? -1 : TextScan.indexOf(text, " ", dash, to);
			int afterPermissions = (afterRange < 0) ? -1 : TextScan.indexOf(text, " ", afterRange + 1, to);
			int afterOffset = (afterPermissions < 0) ? -1 : TextScan.indexOf(text, " ", afterPermissions + 1, to);
			int afterDevice = (afterOffset < 0) ? -1 : TextScan.indexOf(text, " ", afterOffset + 1, to);
			if (afterDevice < 0 || !TextScan.parseHex(text, from, dash, hex)) {
				return null;
			}
			long start = hex[0];
			if (!TextScan.parseHex(text, dash + 1, afterRange, hex)) {
				return null;
			}
			long end = hex[0];
			// User space ends below 2^57, so a mapping of 2^63 bytes or more is garbled
			// text.
			if (Long.compareUnsigned(start, end) >= 0 || end - start < 0 || afterPermissions - afterRange != 5) {
				return null;
			}
			if (!TextScan.parseHex(text, afterPermissions + 1, afterOffset, hex)) {
				return null;
			}
			long offset = hex[0];
			int inodeEnd = TextScan.indexOf(text, " ", afterDevice + 1, to);
			if (inodeEnd < 0) {
				inodeEnd = to;
			}
			if (TextScan.parseDecimal(text, afterDevice + 1, inodeEnd) == TextScan.NONE) {
				return null;
			}
			int pathStart = TextScan.skipSpaces(text, inodeEnd, to);
			String permissions = text.substring(afterRange + 1, afterPermissions);
			String path = (pathStart < to) ? text.substring(pathStart, to) : "";
			// A mapped file's offset can exceed Long.MAX_VALUE only in theory; keep sizes
			// sane.
			return new Header(start, end, permissions, Math.max(offset, 0), path);
		}

		Mapping toMapping(long[] figures) {
			return new Mapping(this.start, this.end, this.permissions, this.offset, this.path, figures[RSS],
					figures[PSS], figures[SHARED_CLEAN], figures[SHARED_DIRTY], figures[PRIVATE_CLEAN],
					figures[PRIVATE_DIRTY], figures[ANONYMOUS], figures[LAZY_FREE], figures[ANON_HUGE_PAGES],
					figures[SWAP]);
		}

	}

}
