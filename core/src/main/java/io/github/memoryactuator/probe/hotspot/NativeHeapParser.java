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

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;

/**
 * Parses the totals of glibc's {@code malloc_info} XML, as
 * {@code System.native_heap_info} prints it. Only the totals after the last heap element
 * are read: <pre>
 * &lt;total type="fast" count="0" size="0"/&gt;
 * &lt;total type="rest" count="57" size="1777113"/&gt;
 * &lt;total type="mmap" count="17" size="14192640"/&gt;
 * &lt;system type="current" size="4423680"/&gt;
 * </pre>
 *
 * @since 0.1.0
 */
public final class NativeHeapParser {

	private NativeHeapParser() {
	}

	/**
	 * Parse the text.
	 * @param text what the command printed
	 * @return the totals, or why there are none
	 */
	public static Reading<NativeHeap> parse(String text) {
		int from = text.lastIndexOf("</heap>");
		from = (from < 0) ? 0 : from;
		long fast = size(text, "<total type=\"fast\"", from);
		long rest = size(text, "<total type=\"rest\"", from);
		long mmap = size(text, "<total type=\"mmap\"", from);
		long system = size(text, "<system type=\"current\"", from);
		if (rest == TextScan.NONE || mmap == TextScan.NONE || system == TextScan.NONE) {
			return Reading.unavailable("System.native_heap_info printed no malloc_info totals");
		}
		return Reading.of(new NativeHeap(system, rest + Math.max(0, fast), mmap));
	}

	private static long size(String text, String element, int from) {
		int at = text.indexOf(element, from);
		if (at < 0) {
			return TextScan.NONE;
		}
		int end = text.indexOf("/>", at);
		int value = (end > 0) ? TextScan.indexOf(text, "size=\"", at, end) : -1;
		if (value < 0) {
			return TextScan.NONE;
		}
		int digits = value + 6;
		return TextScan.parseDecimal(text, digits, TextScan.skipDigits(text, digits, end));
	}

}
