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

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Native Memory Tracking summary ({@code VM.native_memory summary}), in bytes.
 * <p>
 * NMT counts what the JVM itself reserves and commits. It does not see memory allocated
 * by native libraries outside the JVM, mapped files, or what glibc keeps after
 * {@code free()}, and "committed" is not "resident": a committed page counts in RSS only
 * once touched. Expect RSS to differ from the total either way.
 *
 * @param totalReserved the {@code Total} line's reserved figure
 * @param totalCommitted the {@code Total} line's committed figure
 * @param totalMalloc the bytes the JVM holds through {@code malloc}, when printed (the
 * {@code malloc:} line under {@code Total}, JDK 17+)
 * @param totalMmapCommitted the committed bytes the JVM holds through {@code mmap}, when
 * printed
 * @param categories the categories in the order printed, never {@code Total}
 * @since 0.1.0
 */
public record NmtSummary(long totalReserved, long totalCommitted, OptionalLong totalMalloc,
		OptionalLong totalMmapCommitted, List<Category> categories) {

	/**
	 * Create an instance.
	 * @param totalReserved the total reserved
	 * @param totalCommitted the total committed
	 * @param totalMalloc the total malloc
	 * @param totalMmapCommitted the total committed through mmap
	 * @param categories the categories
	 */
	public NmtSummary {
		categories = List.copyOf(categories);
	}

	/**
	 * Return the category with the given name, as NMT prints it (such as
	 * {@code Java Heap}, {@code Class}, {@code Metaspace}, {@code Thread}).
	 * @param name the category name
	 * @return the category, or empty when NMT did not print it
	 */
	public Optional<Category> category(String name) {
		return this.categories.stream().filter((category) -> category.name().equals(name)).findFirst();
	}

	/**
	 * One NMT category, in bytes. The optional figures are those NMT printed for it.
	 *
	 * @param name the name, such as {@code Java Heap} or {@code Object Monitors}
	 * @param reserved reserved address space
	 * @param committed committed memory
	 * @param malloc bytes held through {@code malloc} ({@code (malloc=...)})
	 * @param arena bytes held in arenas ({@code (arena=...)}), which are themselves
	 * malloc'ed and counted in the {@code Arena Chunk} category
	 * @param mmapReserved address space reserved with {@code mmap} ({@code (mmap: ...)})
	 * @param mmapCommitted memory committed with {@code mmap}
	 * @param stackReserved thread stacks reserved ({@code Thread} only)
	 * @param stackCommitted thread stacks committed ({@code Thread} only); NMT may count
	 * a stack's untouched pages as committed
	 * @since 0.1.0
	 */
	public record Category(String name, long reserved, long committed, OptionalLong malloc, OptionalLong arena,
			OptionalLong mmapReserved, OptionalLong mmapCommitted, OptionalLong stackReserved,
			OptionalLong stackCommitted) {

	}

}
