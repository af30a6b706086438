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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;

/**
 * Every cheap memory figure of this process at one moment, in bytes: what a metrics
 * scrape may cost (one read of {@code /proc/self/status}, the cgroup files and the
 * MXBeans).
 *
 * @param capturedAt when the figures were read
 * @param process the {@code /proc/self/status} figures, or why they are unavailable
 * @param jvm the memory MXBean figures
 * @param gc the collectors and the live set after recent collections
 * @param container the cgroup figures, or why they are unavailable
 * @since 0.1.0
 */
public record GaugeSnapshot(Instant capturedAt, Reading<ProcStatus> process, JvmMemory jvm, Gc gc,
		Reading<CgroupMemory> container) {

	/**
	 * Why there is no live set yet.
	 */
	public static final String NO_LIVE_SET = "no collection since the tracker started gave a live-set reading (a full "
			+ "collection, the end of a G1 marking phase, a ZGC cycle); young collections and Shenandoah's cycles give "
			+ "only an upper bound";

	/**
	 * Return the live set: the most recent live-set reading (see {@code CollectionScope}
	 * for which collections give one). Young collections never give it: they leave the
	 * old generation's garbage in place.
	 * @return the bytes, or empty before the first reading
	 */
	public OptionalLong live() {
		return this.gc.liveSet().bytes();
	}

	/**
	 * Return the GC headroom ratio at the most recent live-set reading: (heap committed -
	 * live) / live, both right after that collection, so the two figures are of the same
	 * moment and the ratio is never negative. 1.0 is what Go's default {@code GOGC=100}
	 * aims for, a heap twice the live set.
	 * @return the ratio, or {@code NaN} before the first live-set reading or with an
	 * empty live set
	 */
	public double headroomRatio() {
		LiveSet.Point point = this.gc.liveSet().liveSet();
		if (point == null || point.bytes() == 0) {
			return Double.NaN;
		}
		return (double) (point.committed() - point.bytes()) / point.bytes();
	}

	/**
	 * Return what the JVM knows it holds: heap committed, non-heap committed and direct
	 * buffer memory.
	 * @return the bytes
	 */
	public long committedTotal() {
		return this.jvm.heapCommitted() + this.jvm.nonHeapCommitted() + this.jvm.directBufferUsed();
	}

	/**
	 * Return the parts that could not be read, each with the reason.
	 * @return part name to reason, in a stable order, empty when all parts were read
	 */
	public Map<String, String> unavailable() {
		Map<String, String> reasons = new LinkedHashMap<>();
		if (!this.process.isAvailable()) {
			reasons.put("process", String.valueOf(this.process.reason()));
		}
		if (!this.container.isAvailable()) {
			reasons.put("container", String.valueOf(this.container.reason()));
		}
		if (live().isEmpty()) {
			reasons.put("live", NO_LIVE_SET);
		}
		return reasons;
	}

	/**
	 * The garbage collectors and what their collections say about the live set.
	 *
	 * @param collectors the collector names, as the JVM reports them
	 * @param liveSet the live set and its history
	 */
	public record Gc(List<String> collectors, LiveSet liveSet) {
	}

}
