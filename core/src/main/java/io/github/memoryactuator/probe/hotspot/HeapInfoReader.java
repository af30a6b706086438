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

/**
 * Reads {@code GC.heap_info}: the collector, the heap's address ranges and sizes. The
 * command is cheap (see BENCHMARKS.md), but it is read with the full capture only.
 *
 * @since 0.1.0
 */
public class HeapInfoReader {

	private final DiagnosticCommands commands;

	/**
	 * Create a reader over the given diagnostic commands.
	 * @param commands the in-process diagnostic commands
	 */
	public HeapInfoReader(DiagnosticCommands commands) {
		this.commands = commands;
	}

	/**
	 * Run the command and parse what it printed.
	 * @return the result, or why it could not be read
	 */
	public Reading<HeapInfo> read() {
		return this.commands.invoke(DiagnosticCommands.HEAP_INFO).flatMap(HeapInfoParser::parse);
	}

}
