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

import java.nio.file.Path;

import io.github.memoryactuator.probe.Reading;

/**
 * Reads {@code proc/self/smaps_rollup} under a root. The kernel walks every page table of
 * the process to produce it, holding the process's {@code mmap_lock}, so the cost grows
 * with RSS (BENCHMARKS.md) and it is read on demand, never on a metrics scrape.
 *
 * @since 0.1.0
 */
public class SmapsRollupReader {

	static final String FILE = "proc/self/smaps_rollup";

	// The file is under 1 KB.
	private static final int MAX_BYTES = 64 * 1024;

	private final Path root;

	/**
	 * Create a reader rooted at the given path.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 */
	public SmapsRollupReader(Path root) {
		this.root = root;
	}

	/**
	 * Read and parse the file.
	 * @return the totals, or why they could not be read
	 */
	public Reading<SmapsRollup> read() {
		Reading<String> text = ProcFiles.read(this.root, FILE, MAX_BYTES);
		if (text instanceof Reading.Available<String> available) {
			return SmapsRollupParser.parse(available.value());
		}
		return Reading.unavailable(text.reason() + " (not Linux, or a kernel older than 4.14)");
	}

}
