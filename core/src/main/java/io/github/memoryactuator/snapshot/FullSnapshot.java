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

import java.time.Duration;
import java.util.OptionalLong;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.HeapInfo;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.NativeHeap;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.VmInfo;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.probe.kernel.SmapsRollup;

/**
 * A full-depth capture: the gauge-depth snapshot plus the sources that are too costly for
 * a scrape ({@code smaps}, NMT, {@code GC.heap_info}, {@code VM.info}). Captured on
 * demand and rate-limited.
 *
 * @param gauge the gauge-depth snapshot taken with it
 * @param rollup {@code /proc/self/smaps_rollup}
 * @param smaps {@code /proc/self/smaps}
 * @param heapInfo {@code GC.heap_info}
 * @param heap the heap's mappings in {@code smaps}
 * @param nmt the NMT summary, or why there is none (NMT off)
 * @param vmInfo the parts of {@code VM.info} that are used; where
 * {@code System.native_heap_info} gives glibc's figures (JDK 21+), {@code VM.info} runs
 * for the first capture only and later captures keep just its {@link VmInfo#fixedFacts()
 * facts fixed at startup}
 * @param cost how long the capture took
 * @param systemMap the JVM's labelled map of its memory ({@code System.map}, JDK 22+,
 * read only with NMT on, without which it labels nothing); kept from an earlier capture
 * while every mapping it labels has the same bounds, for at most a minute
 * @param nativeHeap glibc's heap totals ({@code System.native_heap_info}, not on JDK 17)
 * @since 0.1.0
 */
public record FullSnapshot(GaugeSnapshot gauge, Reading<SmapsRollup> rollup, Reading<Smaps> smaps,
		Reading<HeapInfo> heapInfo, Reading<HeapMappings> heap, Reading<NmtSummary> nmt, Reading<VmInfo> vmInfo,
		Duration cost, Reading<SystemMap> systemMap, Reading<NativeHeap> nativeHeap) {

	/**
	 * Create a capture without the sources of newer JDKs.
	 * @param gauge the gauge-depth snapshot taken with it
	 * @param rollup {@code /proc/self/smaps_rollup}
	 * @param smaps {@code /proc/self/smaps}
	 * @param heapInfo {@code GC.heap_info}
	 * @param heap the heap's mappings in {@code smaps}
	 * @param nmt the NMT summary, or why there is none
	 * @param vmInfo the parts of {@code VM.info} that are used
	 * @param cost how long the capture took
	 */
	public FullSnapshot(GaugeSnapshot gauge, Reading<SmapsRollup> rollup, Reading<Smaps> smaps,
			Reading<HeapInfo> heapInfo, Reading<HeapMappings> heap, Reading<NmtSummary> nmt, Reading<VmInfo> vmInfo,
			Duration cost) {
		this(gauge, rollup, smaps, heapInfo, heap, nmt, vmInfo, cost,
				Reading.unavailable(Reading.Cause.MISSING, "not read"),
				Reading.unavailable(Reading.Cause.MISSING, "not read"));
	}

	/**
	 * Return what glibc says is allocated and not yet freed, by the JVM and native code
	 * alike: {@code System.native_heap_info}'s arena chunks in use plus its large
	 * allocations where the JDK has it, {@code VM.info}'s outstanding allocations
	 * otherwise.
	 * @return the bytes, or empty without glibc's statistics
	 */
	public OptionalLong mallocInUse() {
		NativeHeap heap = this.nativeHeap.orNull();
		if (heap != null) {
			return OptionalLong.of(heap.arenaInUse() + heap.mmapped());
		}
		VmInfo info = this.vmInfo.orNull();
		return (info != null) ? info.mallocOutstanding() : OptionalLong.empty();
	}

	/**
	 * Return the free memory glibc keeps in its arenas, resident or not.
	 * @return the bytes, or empty without glibc's statistics
	 */
	public OptionalLong mallocFree() {
		NativeHeap heap = this.nativeHeap.orNull();
		if (heap != null) {
			return OptionalLong.of(heap.arenaFree());
		}
		VmInfo info = this.vmInfo.orNull();
		return (info != null) ? info.mallocRetained() : OptionalLong.empty();
	}

}
