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

package io.github.memoryactuator.tuning;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * Reads and writes the JVM's {@code -XX} flags at run time.
 *
 * @since 0.1.0
 */
public interface VmFlags {

	/**
	 * Read a flag.
	 * @param name the flag, such as {@code MaxHeapFreeRatio}
	 * @return its value as the JVM prints it, or why it cannot be read
	 */
	Reading<String> read(String name);

	/**
	 * Read a numeric flag.
	 * @param name the flag, such as {@code MinHeapSize}
	 * @return its value, or {@code null} when it cannot be read or is not a whole number
	 */
	default @Nullable Long readNumber(String name) {
		String text = read(name).orNull();
		if (text == null) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Write a manageable flag.
	 * @param name the flag
	 * @param value the new value
	 * @throws IllegalArgumentException when the JVM refuses: the flag does not exist, is
	 * not writeable, or the value violates a constraint
	 */
	void write(String name, String value);

	/**
	 * Return the flags of the running JVM, through its {@link HotSpotDiagnosticMXBean}.
	 * @return the flags
	 */
	static VmFlags platform() {
		return HotSpotVmFlags.platform();
	}

}
