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

package io.github.memoryactuator.history;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.github.memoryactuator.breakdown.Category;

/**
 * The RSS breakdown at one moment, as the history keeps it, with the raw native figures
 * the native-growth trend reads. Sizes are bytes.
 *
 * @param time when the full capture was taken
 * @param rss the RSS the categories add up to
 * @param categories every category's bytes, in the order of {@link Category}
 * @param mallocInUse what glibc says is allocated and not freed, whoever allocated it
 * (the JVM or native code): its own figure, not the breakdown's category, which leaves
 * out what NMT attributed elsewhere and is capped by resident memory; empty without
 * glibc's statistics
 * @param mallocFree the free memory glibc keeps in its arenas, empty without glibc's
 * statistics
 * @param nmtCommitted committed bytes by NMT category, empty with NMT off
 * @since 0.1.0
 */
public record BreakdownPoint(Instant time, long rss, Map<Category, Long> categories, OptionalLong mallocInUse,
		OptionalLong mallocFree, Map<String, Long> nmtCommitted) {

	/**
	 * Create an instance.
	 * @param time when the full capture was taken
	 * @param rss the RSS the categories add up to
	 * @param categories every category's bytes
	 * @param mallocInUse glibc's bytes in use
	 * @param mallocFree glibc's free bytes in its arenas
	 * @param nmtCommitted committed bytes by NMT category
	 */
	public BreakdownPoint {
		Map<Category, Long> ordered = new EnumMap<>(Category.class);
		ordered.putAll(categories);
		categories = Collections.unmodifiableMap(ordered);
		nmtCommitted = Collections.unmodifiableMap(new LinkedHashMap<>(nmtCommitted));
	}

	/**
	 * Return one category's bytes.
	 * @param category the category
	 * @return the bytes, 0 when the point has none
	 */
	public long bytes(Category category) {
		Long bytes = this.categories.get(category);
		return (bytes != null) ? bytes : 0;
	}

}
