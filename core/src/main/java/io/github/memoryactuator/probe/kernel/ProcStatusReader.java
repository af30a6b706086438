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
 * Reads {@code proc/self/status} under a root. This is the one file a metrics scrape
 * reads, so it is kept open and re-read in place.
 *
 * @since 0.1.0
 */
public class ProcStatusReader implements AutoCloseable {

	static final String FILE = "proc/self/status";

	// The file is about 1.5 KB; anything near this cap is not a status file.
	private static final int MAX_BYTES = 64 * 1024;

	private final KernelFile file;

	/**
	 * Create a reader rooted at the given path.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 */
	public ProcStatusReader(Path root) {
		this.file = new KernelFile(root, FILE, MAX_BYTES);
	}

	/**
	 * Read and parse the file.
	 * @return the memory lines, or why they could not be read
	 */
	public Reading<ProcStatus> read() {
		Reading<ProcStatus> status = this.file.read(ProcStatusParser::parse);
		if (status.cause() == Reading.Cause.MISSING) {
			return Reading.unavailable(Reading.Cause.MISSING,
					status.reason() + " (not Linux, or /proc is not mounted)");
		}
		return status;
	}

	@Override
	public void close() {
		this.file.close();
	}

}
