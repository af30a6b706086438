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

package io.github.memoryactuator.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.memoryactuator.probe.DiagnosticCommands;
import io.github.memoryactuator.probe.HeapInfo;
import io.github.memoryactuator.probe.HeapInfoReader;
import io.github.memoryactuator.probe.HeapMappings;
import io.github.memoryactuator.probe.NativeHeap;
import io.github.memoryactuator.probe.NativeHeapParser;
import io.github.memoryactuator.probe.NmtReader;
import io.github.memoryactuator.probe.NmtSummary;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.Smaps;
import io.github.memoryactuator.probe.SmapsReader;
import io.github.memoryactuator.probe.SmapsRollup;
import io.github.memoryactuator.probe.SmapsRollupReader;
import io.github.memoryactuator.probe.SystemMap;
import io.github.memoryactuator.probe.SystemMapParser;
import io.github.memoryactuator.probe.VmInfoReader;

/**
 * Captures a {@link FullSnapshot}. Reading {@code smaps} takes the process's memory-map
 * lock and walks every page table, so this never runs on the scrape path.
 *
 * @since 0.1.0
 */
public class FullSnapshotter {

	private final Supplier<MemorySnapshot> gauge;

	private final SmapsRollupReader rollup;

	private final SmapsReader smaps;

	private final HeapInfoReader heapInfo;

	private final NmtReader nmt;

	private final VmInfoReader vmInfo;

	private final DiagnosticCommands commands;

	/**
	 * Create a snapshotter.
	 * @param gauge what captures a fresh gauge-depth snapshot
	 * @param root the file system root
	 * @param commands the diagnostic commands of this JVM
	 */
	public FullSnapshotter(Supplier<MemorySnapshot> gauge, Path root, DiagnosticCommands commands) {
		this.gauge = gauge;
		this.rollup = new SmapsRollupReader(root);
		this.smaps = new SmapsReader(root);
		this.heapInfo = new HeapInfoReader(commands);
		this.nmt = new NmtReader(commands);
		this.vmInfo = new VmInfoReader(commands);
		this.commands = commands;
	}

	/**
	 * Read every source once.
	 * @return the snapshot
	 */
	public FullSnapshot capture() {
		long start = System.nanoTime();
		MemorySnapshot gauge = this.gauge.get();
		Reading<HeapInfo> heapInfo = this.heapInfo.read();
		Reading<Smaps> smaps = this.smaps.read();
		Reading<HeapMappings> heap = heapInfo
			.flatMap((info) -> smaps.flatMap((mappings) -> HeapMappings.locate(info, mappings)));
		// smaps_rollup walks the page tables again; its totals are the sums of smaps.
		Reading<SmapsRollup> rollup = smaps.isAvailable() ? smaps.map(SmapsRollup::sum) : this.rollup.read();
		Reading<NmtSummary> nmt = this.nmt.read();
		// System.map walks the page tables again, and labels nothing without NMT.
		Reading<SystemMap> systemMap = !nmt.isAvailable()
				? Reading.unavailable(Reading.Cause.NOT_ENABLED, "System.map labels mappings only with NMT on")
				: this.commands.invoke(DiagnosticCommands.SYSTEM_MAP).flatMap(SystemMapParser::parse);
		Reading<NativeHeap> nativeHeap = this.commands.invoke(DiagnosticCommands.NATIVE_HEAP_INFO)
			.flatMap(NativeHeapParser::parse);
		return new FullSnapshot(gauge, rollup, smaps, heapInfo, heap, nmt, this.vmInfo.read(),
				Duration.ofNanos(System.nanoTime() - start), systemMap, nativeHeap);
	}

}
