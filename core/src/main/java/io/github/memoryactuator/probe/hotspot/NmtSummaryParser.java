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

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;

/**
 * Parses {@code VM.native_memory summary}. Pure: no I/O.
 * <p>
 * Handles JDK 17 and JDK 21+ texts, with any {@code scale} ({@code scale=b} prints bare
 * numbers, the default prints {@code KB}). A category starts with a line such as
 * {@code -   Java Heap (reserved=..., committed=...)}; the lines in parentheses under it
 * add figures: {@code (malloc=... #n)} (JDK 21+ adds {@code tag=...}),
 * {@code (mmap: reserved=..., committed=...)} (JDK 21+ adds {@code , at peak}),
 * {@code (stack: ...)}, {@code (arena=...)}. Nested blocks such as
 * {@code (  Metadata:  )} and {@code (    reserved=..., committed=...)} under
 * {@code Class} are not categories and are skipped. Unknown categories are kept.
 *
 * @since 0.1.0
 */
public final class NmtSummaryParser {

	static final String NOT_ENABLED = "Native memory tracking is not enabled";

	/**
	 * The reason given when NMT is off, which says what turning it on would add.
	 */
	public static final String NOT_ENABLED_REASON = "Native Memory Tracking is off. Start the JVM with "
			+ "-XX:NativeMemoryTracking=summary to see native memory per JVM subsystem: metaspace and class space, "
			+ "code cache, GC data structures, thread stacks, and malloc by the JVM's own subsystems. "
			+ "The 5-10% overhead often quoted comes from old JDK documentation; at summary level the cost is "
			+ "mostly a small header per JVM malloc (about 0.3 MB of RSS in a small JVM)";

	private static final String VM_INFO_SECTION = "\nNative Memory Tracking:\n";

	private static final String RESERVED = "reserved=";

	private static final String COMMITTED = "committed=";

	private NmtSummaryParser() {
	}

	/**
	 * Parse the NMT summary that {@code VM.info} prints when NMT is on (in KB, the scale
	 * of an error report), so that a capture that runs {@code VM.info} need not run
	 * {@code VM.native_memory} as well.
	 * @param vmInfo the whole text of {@code VM.info}
	 * @return the summary, or unavailable when {@code VM.info} printed none (NMT off, or
	 * a JDK that leaves it out)
	 */
	public static Reading<NmtSummary> parseVmInfoSection(String vmInfo) {
		int start = vmInfo.indexOf(VM_INFO_SECTION);
		if (start < 0) {
			return Reading.unavailable(Reading.Cause.MISSING, "VM.info printed no Native Memory Tracking section");
		}
		// The section ends at HotSpot's bookkeeping of its own start-up, or at the next
		// part of the report.
		int end = vmInfo.indexOf("\nPreinit state", start);
		int next = vmInfo.indexOf("\n---------------", start);
		if (end < 0 || (next >= 0 && next < end)) {
			end = next;
		}
		return parse(vmInfo.substring(start, (end < 0) ? vmInfo.length() : end));
	}

	/**
	 * Parse a {@code VM.native_memory summary} text.
	 * @param text what the command printed
	 * @return the summary, or why there is none
	 */
	public static Reading<NmtSummary> parse(String text) {
		if (text.contains(NOT_ENABLED)) {
			return Reading.unavailable(Reading.Cause.NOT_ENABLED, NOT_ENABLED_REASON);
		}
		long totalReserved = TextScan.NONE;
		long totalCommitted = TextScan.NONE;
		long totalMalloc = TextScan.NONE;
		long totalMmapCommitted = TextScan.NONE;
		boolean inTotal = false;
		List<NmtSummary.Category> categories = new ArrayList<>();
		Builder current = null;
		int start = 0;
		int length = text.length();
		while (start < length) {
			int lineEnd = TextScan.lineEnd(text, start);
			int from = TextScan.skipSpaces(text, start, lineEnd);
			int to = lineEnd;
			start = lineEnd + 1;
			if (from >= to) {
				continue;
			}
			if (text.startsWith("Total:", from)) {
				inTotal = true;
				totalReserved = TextScan.sizeAfter(text, RESERVED, from, to);
				totalCommitted = TextScan.sizeAfter(text, COMMITTED, from, to);
				continue;
			}
			if (inTotal && text.startsWith("malloc:", from)) {
				totalMalloc = size(text, TextScan.skipSpaces(text, from + 7, to), to);
				continue;
			}
			if (inTotal && text.startsWith("mmap:", from)) {
				totalMmapCommitted = TextScan.sizeAfter(text, COMMITTED, from, to);
				continue;
			}
			if (text.charAt(from) == '(') {
				if (current != null) {
					current.add(text, from, to);
				}
				continue;
			}
			inTotal = false;
			if (current != null) {
				categories.add(current.build());
				current = null;
			}
			current = Builder.start(text, from, to);
		}
		if (current != null) {
			categories.add(current.build());
		}
		if (totalReserved == TextScan.NONE || totalCommitted == TextScan.NONE) {
			return Reading
				.unavailable("VM.native_memory printed no valid Total line: '" + TextScan.abbreviate(text) + "'");
		}
		return Reading.of(new NmtSummary(totalReserved, totalCommitted, optional(totalMalloc),
				optional(totalMmapCommitted), categories));
	}

	private static long size(String text, int from, int to) {
		return TextScan.parseJvmSize(text, from, to, new int[1]);
	}

	static OptionalLong optional(long value) {
		return (value == TextScan.NONE) ? OptionalLong.empty() : OptionalLong.of(value);
	}

	private static final class Builder {

		private final String name;

		private final long reserved;

		private final long committed;

		private long malloc = TextScan.NONE;

		private long arena = TextScan.NONE;

		private long mmapReserved = TextScan.NONE;

		private long mmapCommitted = TextScan.NONE;

		private long stackReserved = TextScan.NONE;

		private long stackCommitted = TextScan.NONE;

		private Builder(String name, long reserved, long committed) {
			this.name = name;
			this.reserved = reserved;
			this.committed = committed;
		}

		/**
		 * Start a category from {@code [-] <name> (reserved=R, committed=C[, ...])}, or
		 * return {@code null} when the line is not one.
		 * @param text the report
		 * @param from where the line starts
		 * @param to where it ends
		 * @return the category, or {@code null}
		 */
		static @Nullable Builder start(String text, int from, int to) {
			int nameStart = (text.charAt(from) == '-') ? TextScan.skipSpaces(text, from + 1, to) : from;
			int open = TextScan.indexOf(text, "(" + RESERVED, nameStart, to);
			if (open <= nameStart) {
				return null;
			}
			String name = text.substring(nameStart, open).strip();
			long reserved = TextScan.sizeAfter(text, RESERVED, open, to);
			long committed = TextScan.sizeAfter(text, COMMITTED, open, to);
			if (name.isEmpty() || name.equals("Total") || reserved == TextScan.NONE || committed == TextScan.NONE) {
				return null;
			}
			return new Builder(name, reserved, committed);
		}

		void add(String text, int from, int to) {
			if (text.startsWith("(malloc=", from)) {
				this.malloc = first(this.malloc, size(text, from + 8, to));
			}
			else if (text.startsWith("(arena=", from)) {
				this.arena = first(this.arena, size(text, from + 7, to));
			}
			else if (text.startsWith("(mmap:", from)) {
				this.mmapReserved = first(this.mmapReserved, TextScan.sizeAfter(text, RESERVED, from, to));
				this.mmapCommitted = first(this.mmapCommitted, TextScan.sizeAfter(text, COMMITTED, from, to));
			}
			else if (text.startsWith("(stack:", from)) {
				this.stackReserved = first(this.stackReserved, TextScan.sizeAfter(text, RESERVED, from, to));
				this.stackCommitted = first(this.stackCommitted, TextScan.sizeAfter(text, COMMITTED, from, to));
			}
		}

		private static long first(long existing, long value) {
			return (existing != TextScan.NONE) ? existing : value;
		}

		NmtSummary.Category build() {
			return new NmtSummary.Category(this.name, this.reserved, this.committed, optional(this.malloc),
					optional(this.arena), optional(this.mmapReserved), optional(this.mmapCommitted),
					optional(this.stackReserved), optional(this.stackCommitted));
		}

	}

}
