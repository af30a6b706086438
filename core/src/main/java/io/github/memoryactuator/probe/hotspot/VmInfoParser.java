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

import java.util.Optional;
import java.util.OptionalLong;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;
import io.github.memoryactuator.probe.kernel.AddressRange;

/**
 * Takes the memory facts out of {@code VM.info}. Pure: no I/O.
 * <p>
 * {@code VM.info} is 40–400 KB (Shenandoah prints every region), so this parser looks for
 * its few line markers with {@link String#indexOf(String)} and reads only those lines.
 * HotSpot prints these figures in {@code K}; other units are accepted too.
 *
 * @since 0.1.0
 */
public final class VmInfoParser {

	private static final String RSS = "\nResident Set Size:";

	private static final String SWAPPED = "\nSwapped out:";

	private static final String C_HEAP = "\nC-Heap outstanding allocations:";

	private static final String TRIM = "\nPeriodic native trim ";

	private static final String LIBC = "\nlibc:";

	private static final String TUNABLES = "\nglibc malloc tunables:";

	private static final String CLASS_SPACE = "\nCompressed class space mapped at:";

	private VmInfoParser() {
	}

	/**
	 * Parse a {@code VM.info} text.
	 * @param text what the command printed
	 * @return the facts found, or why there were none
	 */
	public static Reading<VmInfo> parse(String text) {
		OptionalLong rss = OptionalLong.empty();
		OptionalLong rssPeak = OptionalLong.empty();
		OptionalLong rssAnon = OptionalLong.empty();
		OptionalLong rssFile = OptionalLong.empty();
		OptionalLong rssShmem = OptionalLong.empty();
		int at = text.indexOf(RSS);
		if (at >= 0) {
			int from = at + RSS.length();
			int to = TextScan.lineEnd(text, from);
			rss = size(text, TextScan.skipSpaces(text, from, to), to);
			rssPeak = sizeAfter(text, "(peak:", from, to);
			rssAnon = sizeAfter(text, "(anon:", from, to);
			rssFile = sizeAfter(text, "file:", from, to);
			rssShmem = sizeAfter(text, "shmem:", from, to);
		}
		OptionalLong swapped = OptionalLong.empty();
		at = text.indexOf(SWAPPED);
		if (at >= 0) {
			int from = at + SWAPPED.length();
			int to = TextScan.lineEnd(text, from);
			swapped = size(text, TextScan.skipSpaces(text, from, to), to);
		}
		OptionalLong outstanding = OptionalLong.empty();
		OptionalLong retained = OptionalLong.empty();
		boolean wrapped = false;
		at = text.indexOf(C_HEAP);
		if (at >= 0) {
			int from = at + C_HEAP.length();
			int to = TextScan.lineEnd(text, from);
			outstanding = size(text, TextScan.skipSpaces(text, from, to), to);
			retained = sizeAfter(text, "retained:", from, to);
			wrapped = TextScan.indexOf(text, "may have wrapped", from, to) >= 0;
		}
		VmInfo.NativeTrim trim = VmInfo.NativeTrim.UNKNOWN;
		OptionalLong interval = OptionalLong.empty();
		at = text.indexOf(TRIM);
		if (at >= 0) {
			int from = at + TRIM.length();
			int to = TextScan.lineEnd(text, from);
			if (text.startsWith("enabled", from)) {
				trim = VmInfo.NativeTrim.ENABLED;
				int value = TextScan.indexOf(text, "interval:", from, to);
				if (value >= 0) {
					int digits = TextScan.skipSpaces(text, value + 9, to);
					long millis = TextScan.parseDecimal(text, digits, TextScan.skipDigits(text, digits, to));
					interval = NmtSummaryParser.optional(millis);
				}
			}
			else if (text.startsWith("disabled", from)) {
				trim = VmInfo.NativeTrim.DISABLED;
			}
		}
		Optional<String> libc = rest(text, LIBC);
		Optional<String> tunables = rest(text, TUNABLES);
		if (rss.isEmpty() && outstanding.isEmpty() && trim == VmInfo.NativeTrim.UNKNOWN && libc.isEmpty()) {
			return Reading.unavailable("VM.info printed none of the lines 'Resident Set Size', "
					+ "'C-Heap outstanding allocations', 'Periodic native trim' or 'libc'");
		}
		return Reading.of(new VmInfo(rss, rssPeak, rssAnon, rssFile, rssShmem, swapped, outstanding, retained, wrapped,
				trim, interval, libc, tunables, classSpace(text)));
	}

	// "Compressed class space mapped at: 0x00007fc1e8000000-0x00007fc228000000, reserved
	// size: 1073741824" (JDK 17 and 25 alike).
	private static Optional<AddressRange> classSpace(String text) {
		int at = text.indexOf(CLASS_SPACE);
		if (at < 0) {
			return Optional.empty();
		}
		int from = TextScan.skipSpaces(text, at + CLASS_SPACE.length(), text.length());
		int to = TextScan.lineEnd(text, from);
		int dash = TextScan.indexOf(text, "-", from, to);
		int comma = TextScan.indexOf(text, ",", from, to);
		long[] start = new long[1];
		long[] end = new long[1];
		if (dash < 0 || !text.startsWith("0x", from) || !text.startsWith("0x", dash + 1)
				|| !TextScan.parseHex(text, from + 2, dash, start)
				|| !TextScan.parseHex(text, dash + 3, (comma > dash) ? comma : to, end)
				|| Long.compareUnsigned(start[0], end[0]) >= 0) {
			return Optional.empty();
		}
		return Optional.of(new AddressRange(start[0], end[0]));
	}

	private static OptionalLong size(String text, int from, int to) {
		return NmtSummaryParser.optional(TextScan.parseJvmSize(text, from, to, new int[1]));
	}

	private static OptionalLong sizeAfter(String text, String key, int from, int to) {
		int at = TextScan.indexOf(text, key, from, to);
		if (at < 0) {
			return OptionalLong.empty();
		}
		return size(text, TextScan.skipSpaces(text, at + key.length(), to), to);
	}

	private static Optional<String> rest(String text, String marker) {
		int at = text.indexOf(marker);
		if (at < 0) {
			return Optional.empty();
		}
		int from = at + marker.length();
		String value = text.substring(from, TextScan.lineEnd(text, from)).strip();
		return value.isEmpty() ? Optional.empty() : Optional.of(value);
	}

}
