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

import java.util.OptionalLong;

/**
 * Strict number decoding for kernel text: digits only, no sign, no overflow.
 *
 * @since 0.1.0
 */
final class KernelNumbers {

	private KernelNumbers() {
	}

	/**
	 * Parse a non-negative decimal number made of ASCII digits only.
	 * @param text the text, already trimmed
	 * @return the number, or empty when the text is not such a number or overflows
	 */
	static OptionalLong parseUnsigned(CharSequence text) {
		int length = text.length();
		if (length == 0 || length > 19) {
			return OptionalLong.empty();
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return OptionalLong.empty();
			}
			value = value * 10 + (c - '0');
			if (value < 0) {
				return OptionalLong.empty();
			}
		}
		return OptionalLong.of(value);
	}

}
