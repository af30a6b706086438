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
 *
 * @param capturedAt when the sources were read
 * @param rss the resident set size that the parts add up to
 * @param parts one part per {@link Category}, in category order, {@code unexplained} last
 * @param notes what limited the attribution (NMT off, no glibc statistics, ...)
 * @since 0.1.0
 */
public record RssBreakdown(Instant capturedAt, long rss, List<Part> parts, List<String> notes) {

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
	 * @param method how it was measured
	 * @param detail what exactly was counted, for an operator
	 */
	public record Part(Category category, long bytes, Method method, String detail) {
	}

}
