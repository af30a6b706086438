/*
 * Copyright 2026 the memory-actuator authors.
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

package io.github.memoryactuator.diagnosis;

import java.util.Locale;

/**
 * Formats byte counts for sentences: {@code 1.4 GB}, {@code 190 MB}, {@code 12 KB}, with
 * binary multiples (as {@code top} and the JVM print them).
 *
 * @since 0.1.0
 */
public final class ByteSizes {

	private ByteSizes() {
	}

	/**
	 * Format a byte count.
	 * @param bytes the count; negative counts keep their sign
	 * @return the text
	 */
	public static String format(long bytes) {
		long abs = Math.abs(bytes);
		String sign = (bytes < 0) ? "-" : "";
		if (abs < 1024) {
			return sign + abs + " B";
		}
		if (abs < 1024 * 1024) {
			return sign + (abs + 512) / 1024 + " KB";
		}
		if (abs < 1024L * 1024 * 1024) {
			return sign + (abs + 512 * 1024) / (1024 * 1024) + " MB";
		}
		return sign + String.format(Locale.ROOT, "%.1f GB", abs / (1024.0 * 1024 * 1024));
	}

}
