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

package io.github.memoryactuator.probe;

import java.nio.file.Path;

/**
 * Reads {@code proc/self/smaps} under a root. Like {@code smaps_rollup} it makes the
 * kernel walk every page table of the process under its {@code mmap_lock}, and it costs
 * about twice as much (measured: 2–5 ms at 120–200 MB RSS, 6–20 ms at 340 MB, 18–27 ms
 * with 2,200 mappings), so it is read on demand only. Parsing adds about 1 ms per 1,000
 * mappings.
 *
 * @since 0.1.0
 */
public class SmapsReader {

	static final String FILE = "proc/self/smaps";

	// About 750 bytes a mapping: a JVM with 10,000 mappings (many threads, many mapped
	// jars) is under 8 MB; 64 MB leaves room without letting a runaway read exhaust the
	// heap.
	private static final int MAX_BYTES = 64 * 1024 * 1024;

	// Below half a G1 region, so the first buffer is not a humongous allocation.
	private static final int INITIAL_BYTES = 256 * 1024;

	private final Path root;

	/**
	 * Create a reader rooted at the given path.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 */
	public SmapsReader(Path root) {
		this.root = root;
	}

	/**
	 * Read the file once and parse it.
	 * @return the mappings, or why they could not be read
	 */
	public Reading<Smaps> read() {
		// Each read call makes the kernel walk page tables again from where the last one
		// stopped, with the memory-map lock taken anew: few large reads beat many small
		// ones.
		Reading<String> text = ProcFiles.read(this.root, FILE, MAX_BYTES, INITIAL_BYTES);
		if (text instanceof Reading.Available<String> available) {
			return SmapsParser.parse(available.value());
		}
		return Reading.unavailable(text.reason() + " (not Linux, or /proc is not mounted)");
	}

}
