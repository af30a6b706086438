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
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * Reads {@code proc/self/smaps} under a root. Like {@code smaps_rollup} it makes the
 * kernel walk every page table of the process under its {@code mmap_lock}, and it costs
 * about twice as much (BENCHMARKS.md), so it is read on demand only. The bytes are parsed
 * where they were read, from a buffer the reader keeps, so a capture allocates the
 * mappings and little else.
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

	// A lock, not synchronized, so that a virtual thread does not pin its carrier while
	// it reads.
	private final ReentrantLock lock = new ReentrantLock();

	// Made on the first read, so an application that only scrapes never holds it, and
	// kept only while it is no larger than the first: the starter's retained heap has a
	// documented bound, and a process whose smaps outgrew it (some 340 mappings) reads
	// into a buffer of its own each time.
	private ProcFiles.@Nullable Buffer buffer;

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
		// ones. A capture that finds the kept buffer in use (the history, the breakdown
		// gauge and a request can capture at once) reads into one of its own rather than
		// wait.
		boolean kept = this.lock.tryLock();
		try {
			ProcFiles.Buffer buffer = (kept) ? this.buffer : null;
			if (buffer == null) {
				buffer = new ProcFiles.Buffer(INITIAL_BYTES);
				if (kept) {
					this.buffer = buffer;
				}
			}
			Reading<Reading<Smaps>> read = ProcFiles.read(this.root, FILE, MAX_BYTES, buffer,
					(data, length) -> Reading.of(SmapsParser.parse(data, length)));
			if (kept && buffer.capacity() > INITIAL_BYTES) {
				this.buffer = null;
			}
			if (read instanceof Reading.Available<Reading<Smaps>> parsed) {
				return parsed.value();
			}
			return Reading.unavailable(read.reason() + " (not Linux, or /proc is not mounted)");
		}
		finally {
			if (kept) {
				this.lock.unlock();
			}
		}
	}

}
