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

package io.github.memoryactuator.breakdown;

import java.time.Instant;
import java.util.List;

/**
 * RSS split into categories that sum exactly to {@link #rss()}.
 * <p>
 * The sum proves nothing ({@code unexplained} is what is left), so a breakdown says how
 * much of it was measured: {@link #measured()} is what resident pages of known mappings
 * account for, {@link #claimed()} what committed or allocator figures were allowed to
 * fill (upper bounds), and {@link #overclaimed()} how much more those figures asked for
 * than the resident memory nothing measured explained.
 *
 * @param capturedAt when the sources were read
 * @param rss the resident set size that the parts add up to
 * @param parts one part per {@link Category}, in category order, {@code unexplained} last
 * @param notes what limited the attribution (NMT off, no glibc statistics, ...)
 * @param overclaimed the bytes committed and allocator figures asked for beyond the
 * resident memory left to explain: committed or freed memory that is not resident
 * @since 0.1.0
 */
public record RssBreakdown(Instant capturedAt, long rss, List<Part> parts, List<String> notes, long overclaimed) {

	/**
	 * Create a breakdown in which nothing was claimed beyond what was resident.
	 * @param capturedAt when the sources were read
	 * @param rss the resident set size
	 * @param parts the parts
	 * @param notes the notes
	 */
	public RssBreakdown(Instant capturedAt, long rss, List<Part> parts, List<String> notes) {
		this(capturedAt, rss, parts, notes, 0);
	}

	/**
	 * Return the bytes measured from resident pages of known mappings.
	 * @return the sum of every part's resident bytes
	 */
	public long measured() {
		long sum = 0;
		for (Part part : this.parts) {
			sum += part.resident();
		}
		return sum;
	}

	/**
	 * Return the bytes attributed from committed or allocator figures: upper bounds.
	 * @return the sum of every part's claimed bytes, {@code unexplained} not included
	 */
	public long claimed() {
		long sum = 0;
		for (Part part : this.parts) {
			if (part.category() != Category.UNEXPLAINED) {
				sum += part.bytes() - part.resident();
			}
		}
		return sum;
	}

	/**
	 * Return the bytes of one category.
	 * @param category the category
	 * @return its bytes, 0 when absent
	 */
	public long bytes(Category category) {
		for (Part part : this.parts) {
			if (part.category() == category) {
				return part.bytes();
			}
		}
		return 0;
	}

	/**
	 * Return the bytes no source accounts for.
	 * @return the unexplained bytes
	 */
	public long unexplained() {
		return bytes(Category.UNEXPLAINED);
	}

	/**
	 * One category's share of RSS.
	 *
	 * @param category the category
	 * @param bytes resident bytes attributed to it, never negative
	 * @param resident the part of {@code bytes} measured from resident pages; the rest
	 * was claimed from {@code method}'s figure and is an upper bound
	 * @param method how the figure was measured or, for a claimed part, sized
	 * @param detail what exactly was counted, for an operator
	 */
	public record Part(Category category, long bytes, long resident, Method method, String detail) {

		/**
		 * Create a part measured wholly one way: resident when {@code method} is
		 * {@link Method#RESIDENT}, claimed otherwise.
		 * @param category the category
		 * @param bytes the bytes
		 * @param method how they were measured
		 * @param detail what was counted
		 */
		public Part(Category category, long bytes, Method method, String detail) {
			this(category, bytes, (method == Method.RESIDENT) ? bytes : 0, method, detail);
		}

		/**
		 * Return whether some of the bytes were claimed rather than measured, so that the
		 * figure is an upper bound.
		 * @return whether any byte was claimed
		 */
		public boolean isUpperBound() {
			return this.category != Category.UNEXPLAINED && this.bytes > this.resident;
		}

	}

}
