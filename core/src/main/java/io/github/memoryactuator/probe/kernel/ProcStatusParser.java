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
import java.util.OptionalLong;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;

/**
 * Parses the text of {@code /proc/self/status}. Pure: no I/O. It works on the bytes the
 * kernel wrote, because this runs on every scrape: no line or key becomes a String.
 *
 * @since 0.1.0
 */
final class ProcStatusParser {

	private static final byte[] VM_RSS = key("VmRSS");

	private static final byte[] RSS_ANON = key("RssAnon");

	private static final byte[] RSS_FILE = key("RssFile");

	private static final byte[] RSS_SHMEM = key("RssShmem");

	private static final byte[] VM_SWAP = key("VmSwap");

	private static final byte[] VM_HWM = key("VmHWM");

	private static final byte[] THREADS = key("Threads");

	private static final long UNSET = -1;

	private static final long GARBLED = -2;

	private ProcStatusParser() {
	}

	/**
	 * Parse the memory lines of a {@code /proc/<pid>/status} text.
	 * @param text the whole file
	 * @return the values, or why they could not be read
	 */
	static Reading<ProcStatus> parse(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		return parse(bytes, bytes.length);
	}

	/**
	 * Parse the memory lines of a {@code /proc/<pid>/status} file's bytes.
	 * @param data the buffer
	 * @param length how many bytes of it are the file
	 * @return the values, or why they could not be read
	 */
	static Reading<ProcStatus> parse(byte[] data, int length) {
		long rss = UNSET;
		long anon = UNSET;
		long file = UNSET;
		long shmem = UNSET;
		long swap = UNSET;
		long hwm = UNSET;
		long threads = UNSET;
		int rssLine = -1;
		int start = 0;
		while (start < length) {
			int end = start;
			while (end < length && data[end] != '\n') {
				end++;
			}
			int colon = start;
			while (colon < end && data[colon] != ':') {
				colon++;
			}
			if (colon < end) {
				if (is(data, start, colon, VM_RSS)) {
					rss = kibibytes(data, colon + 1, end);
					rssLine = start;
				}
				else if (is(data, start, colon, RSS_ANON)) {
					anon = kibibytes(data, colon + 1, end);
				}
				else if (is(data, start, colon, RSS_FILE)) {
					file = kibibytes(data, colon + 1, end);
				}
				else if (is(data, start, colon, RSS_SHMEM)) {
					shmem = kibibytes(data, colon + 1, end);
				}
				else if (is(data, start, colon, VM_SWAP)) {
					swap = kibibytes(data, colon + 1, end);
				}
				else if (is(data, start, colon, VM_HWM)) {
					hwm = kibibytes(data, colon + 1, end);
				}
				else if (is(data, start, colon, THREADS)) {
					threads = number(data, colon + 1, end, false);
				}
			}
			start = end + 1;
		}
		if (rss == UNSET) {
			return Reading.unavailable("no VmRSS line in /proc/self/status");
		}
		if (rss < 0) {
			int end = rssLine;
			while (end < length && data[end] != '\n') {
				end++;
			}
			String value = new String(data, rssLine + VM_RSS.length, end - rssLine - VM_RSS.length,
					StandardCharsets.ISO_8859_1)
				.strip();
			return Reading
				.unavailable("VmRSS in /proc/self/status is not a kB figure: '" + TextScan.abbreviate(value) + "'");
		}
		return Reading.of(new ProcStatus(rss, optional(anon), optional(file), optional(shmem), optional(swap),
				optional(hwm), optional(threads)));
	}

	private static long kibibytes(byte[] data, int from, int to) {
		return number(data, from, to, true);
	}

	// Digits between blanks, then "kB" when asked for: the kernel's "kB" means KiB.
	private static long number(byte[] data, int from, int to, boolean kibibytes) {
		int i = from;
		while (i < to && (data[i] == ' ' || data[i] == '\t')) {
			i++;
		}
		long value = 0;
		int digits = 0;
		while (i < to && data[i] >= '0' && data[i] <= '9') {
			if (++digits > 18) {
				return GARBLED;
			}
			value = value * 10 + (data[i] - '0');
			i++;
		}
		if (digits == 0) {
			return GARBLED;
		}
		while (i < to && (data[i] == ' ' || data[i] == '\t')) {
			i++;
		}
		if (kibibytes) {
			if (i + 2 > to || data[i] != 'k' || data[i + 1] != 'B') {
				return GARBLED;
			}
			i += 2;
			if (value > Long.MAX_VALUE / 1024) {
				return GARBLED;
			}
			value *= 1024;
		}
		while (i < to && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r')) {
			i++;
		}
		return (i == to) ? value : GARBLED;
	}

	private static boolean is(byte[] data, int from, int to, byte[] key) {
		if (to - from != key.length - 1) {
			return false;
		}
		for (int i = 0; i < key.length - 1; i++) {
			if (data[from + i] != key[i]) {
				return false;
			}
		}
		return true;
	}

	// The key with its colon, so that its length is the offset of the value.
	private static byte[] key(String name) {
		return (name + ":").getBytes(StandardCharsets.US_ASCII);
	}

	private static OptionalLong optional(long value) {
		return (value >= 0) ? OptionalLong.of(value) : OptionalLong.empty();
	}

}
