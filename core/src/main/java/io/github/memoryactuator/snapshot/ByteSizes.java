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

package io.github.memoryactuator.snapshot;

import java.util.Locale;

/**
 * Formats byte counts for people: binary units, at most one decimal.
 *
 * @since 0.1.0
 */
public final class ByteSizes {

	private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB", "PB", "EB" };

	private ByteSizes() {
	}

	/**
	 * Format a byte count, such as {@code 1.9 GB}, {@code 363 MB} or {@code 512 B}.
	 * Negative counts keep their sign.
	 * @param bytes the count
	 * @return the text
	 */
	public static String format(long bytes) {
		if (bytes == Long.MIN_VALUE) {
			return "-8.0 EB";
		}
		if (bytes < 0) {
			return "-" + format(-bytes);
		}
		if (bytes < 1024) {
			return bytes + " B";
		}
		int unit = 0;
		double value = bytes;
		while (value >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		// 1023.96 MB would print as "1024.0 MB"; one more step reads better.
		if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		String number = (value < 100) ? String.format(Locale.ROOT, "%.1f", value)
				: String.format(Locale.ROOT, "%.0f", value);
		return number + " " + UNITS[unit];
	}

}
