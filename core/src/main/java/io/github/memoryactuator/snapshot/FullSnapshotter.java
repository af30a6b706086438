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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.hotspot.HeapInfo;
import io.github.memoryactuator.probe.hotspot.HeapInfoReader;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.NativeHeap;
import io.github.memoryactuator.probe.hotspot.NativeHeapParser;
import io.github.memoryactuator.probe.hotspot.NmtReader;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.hotspot.NmtSummaryParser;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.SystemMapParser;
import io.github.memoryactuator.probe.hotspot.VmInfo;
import io.github.memoryactuator.probe.hotspot.VmInfoParser;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.probe.kernel.SmapsReader;
import io.github.memoryactuator.probe.kernel.SmapsRollup;
import io.github.memoryactuator.probe.kernel.SmapsRollupReader;

/**
 * Captures a {@link FullSnapshot}. Reading {@code smaps} takes the process's memory-map
 * lock and walks every page table, so this never runs on the scrape path. The rest is
 * kept to what the breakdown needs and cannot get cheaper: {@code VM.info} only where no
 * {@code System.native_heap_info} gives glibc's figures (JDK 17) or once for the facts
 * fixed at startup, the NMT summary from {@code VM.info} when it printed one, and
 * {@code System.map} (which reads {@code smaps} again) only when the mappings changed.
 *
 * @since 0.1.0
 */
public class FullSnapshotter {

	private static final long SYSTEM_MAP_MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final Reading<NmtSummary> NOT_IN_VM_INFO = Reading.unavailable(Reading.Cause.MISSING,
			"VM.info not run");

	private final Supplier<GaugeSnapshot> gauge;

	private final SmapsRollupReader rollup;

	private final SmapsReader smaps;

	private final HeapInfoReader heapInfo;

	private final NmtReader nmt;

	private final DiagnosticCommands commands;

	private volatile @Nullable VmInfo fixedFacts;

	private volatile @Nullable Labels labels;

	/**
	 * Create a snapshotter.
	 * @param gauge what captures a fresh gauge-depth snapshot
	 * @param root the file system root
	 * @param commands the diagnostic commands of this JVM
	 */
	public FullSnapshotter(Supplier<GaugeSnapshot> gauge, Path root, DiagnosticCommands commands) {
		this.gauge = gauge;
		this.rollup = new SmapsRollupReader(root);
		this.smaps = new SmapsReader(root);
		this.heapInfo = new HeapInfoReader(commands);
		this.nmt = new NmtReader(commands);
		this.commands = commands;
	}

	/**
	 * Read every source once.
	 * @return the snapshot
	 */
	public FullSnapshot capture() {
		long start = System.nanoTime();
		GaugeSnapshot gauge = this.gauge.get();
		Reading<HeapInfo> heapInfo = this.heapInfo.read();
		Reading<Smaps> smaps = this.smaps.read();
		Reading<HeapMappings> heap = heapInfo
			.flatMap((info) -> smaps.flatMap((mappings) -> HeapMappings.locate(info, mappings)));
		// smaps_rollup walks the page tables again; its totals are the sums of smaps.
		Reading<SmapsRollup> rollup = smaps.isAvailable() ? smaps.map(SmapsRollup::sum) : this.rollup.read();
		Reading<NativeHeap> nativeHeap = this.commands.invoke(DiagnosticCommands.NATIVE_HEAP_INFO)
			.flatMap(NativeHeapParser::parse);
		// VM.info prints 60-300 KB (every thread, every mapping) for glibc's two figures,
		// which System.native_heap_info gives where the JDK has it (21+), and for facts
		// fixed at startup (the class space's range), which one run gives for good.
		VmInfo fixed = this.fixedFacts;
		Reading<String> vmInfoText = (fixed != null && nativeHeap.isAvailable()) ? null
				: this.commands.invoke(DiagnosticCommands.VM_INFO);
		Reading<VmInfo> vmInfo = (vmInfoText != null) ? vmInfoText.flatMap(VmInfoParser::parse) : Reading.of(fixed);
		if (vmInfoText != null && vmInfo instanceof Reading.Available<VmInfo> available) {
			this.fixedFacts = available.value().fixedFacts();
		}
		// With NMT on, VM.info prints its summary too: it need not run twice.
		Reading<NmtSummary> nmtInVmInfo = (vmInfoText != null)
				? vmInfoText.flatMap(NmtSummaryParser::parseVmInfoSection) : NOT_IN_VM_INFO;
		Reading<NmtSummary> nmt = nmtInVmInfo.isAvailable() ? nmtInVmInfo : this.nmt.read();
		Reading<SystemMap> systemMap = systemMap(nmt, smaps);
		return new FullSnapshot(gauge, rollup, smaps, heapInfo, heap, nmt, vmInfo,
				Duration.ofNanos(System.nanoTime() - start), systemMap, nativeHeap);
	}

	private Reading<SystemMap> systemMap(Reading<NmtSummary> nmt, Reading<Smaps> smaps) {
		// System.map labels nothing without NMT.
		if (!nmt.isAvailable()) {
			return Reading.unavailable(Reading.Cause.NOT_ENABLED, "System.map labels mappings only with NMT on");
		}
		// It reads smaps again and looks every mapping up in NMT: 1.5x a read of smaps
		// in a small JVM, 2.7x with 1,000 threads. Its labels are kept while the mappings
		// keep their bounds, and never for longer than a minute.
		Labels last = this.labels;
		long now = System.nanoTime();
		if (last != null && now - last.readAt() < SYSTEM_MAP_MAX_AGE_NANOS
				&& smaps instanceof Reading.Available<Smaps> available && last.map().printed(available.value())) {
			return Reading.of(last.map());
		}
		Reading<SystemMap> read = this.commands.invoke(DiagnosticCommands.SYSTEM_MAP).flatMap(SystemMapParser::parse);
		SystemMap map = read.orNull();
		if (map != null && map.isLabelled()) {
			this.labels = new Labels(map, now);
		}
		return read;
	}

	private record Labels(SystemMap map, long readAt) {

	}

}
