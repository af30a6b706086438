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

package io.github.memoryactuator.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lower bound of parsing {@code /proc/self/status}: the memory lines read straight
 * from the bytes into {@code long} fields, with no {@code String}, no boxing and no
 * validation beyond what a kernel file needs. The floor benchmarks use it so that the
 * floor measures the I/O plus the least parsing any reader must do.
 */
final class StatusLines {

	private static final byte[][] KEYS = { ascii("VmRSS:"), ascii("RssAnon:"), ascii("RssFile:"), ascii("RssShmem:"),
			ascii("VmSwap:"), ascii("VmHWM:"), ascii("Threads:") };

	// Indices into KEYS and values; Threads is a count, the rest are kB figures.
	static final int RSS = 0;

	static final int THREADS = 6;

	final long[] values = new long[KEYS.length];

	/**
	 * Parse the memory lines of a status text held in {@code bytes[0, length)}.
	 * @param bytes the file's bytes
	 * @param length how many bytes were read
	 * @return VmRSS in bytes, or -1 when the text had no VmRSS line
	 */
	long parse(byte[] bytes, int length) {
		Arrays.fill(this.values, -1);
		int start = 0;
		while (start < length) {
			int key = match(bytes, start, length);
			int end = start;
			while (end < length && bytes[end] != '\n') {
				end++;
			}
			if (key >= 0) {
				this.values[key] = number(bytes, start + KEYS[key].length, end) * ((key == THREADS) ? 1 : 1024);
			}
			start = end + 1;
		}
		return this.values[RSS];
	}

	private static int match(byte[] bytes, int start, int length) {
		for (int k = 0; k < KEYS.length; k++) {
			byte[] key = KEYS[k];
			if (start + key.length <= length && Arrays.equals(bytes, start, start + key.length, key, 0, key.length)) {
				return k;
			}
		}
		return -1;
	}

	private static long number(byte[] bytes, int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b >= '0' && b <= '9') {
				value = value * 10 + (b - '0');
			}
			else if (b == 'k') {
				break;
			}
		}
		return value;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
