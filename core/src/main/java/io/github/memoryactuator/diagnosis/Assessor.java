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

package io.github.memoryactuator.diagnosis;

import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshot;

/**
 * Turns a gauge-depth snapshot into the full assessment: the rate-limited full capture,
 * the RSS breakdown computed from it, and the diagnosis of both, which names the
 * allocation site a leak grows from when allocation profiling is on.
 *
 * @since 0.1.0
 */
public class Assessor {

	private final FullSnapshotCache fullSnapshots;

	private final Diagnostician diagnostician;

	private final Supplier<Map<String, String>> heapFlags;

	private final @Nullable MemoryHistory history;

	private final @Nullable AllocationProfiler profiler;

	/**
	 * Create an assessor.
	 * @param fullSnapshots the rate-limited full captures
	 * @param diagnostician what turns them into a verdict
	 * @param heapFlags the flags that decide how far the heap shrinks under the running
	 * collector, by name, which the diagnosis quotes
	 * @param history the memory history the native growth trend reads, or {@code null}
	 * when none is kept
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 */
	public Assessor(FullSnapshotCache fullSnapshots, Diagnostician diagnostician,
			Supplier<Map<String, String>> heapFlags, @Nullable MemoryHistory history,
			@Nullable AllocationProfiler profiler) {
		this.fullSnapshots = fullSnapshots;
		this.diagnostician = diagnostician;
		this.heapFlags = heapFlags;
		this.history = history;
		this.profiler = profiler;
	}

	/**
	 * Return the latest full capture, taking one when the cached one has expired or no
	 * longer matches the process's RSS.
	 * @param now the freshest gauge-depth snapshot
	 * @return the capture
	 * @see FullSnapshotCache#get(GaugeSnapshot)
	 */
	public FullSnapshot full(GaugeSnapshot now) {
		return this.fullSnapshots.get(now);
	}

	/**
	 * Drop the cached full capture, so that the next assessment takes a new one: after a
	 * reclaim, the cached one describes memory that is gone.
	 */
	public void invalidate() {
		this.fullSnapshots.invalidate();
	}

	/**
	 * Assess the memory.
	 * @param cached the gauge-depth snapshot the request read
	 * @return the gauge-depth snapshot that describes the same moment as the full
	 * capture, the capture, its breakdown and the diagnosis
	 */
	public Assessment assess(GaugeSnapshot cached) {
		FullSnapshot full = full(cached);
		GaugeSnapshot gauge = FullSnapshotCache.freshest(cached, full);
		Reading<RssBreakdown> breakdown = BreakdownCalculator.compute(full);
		MemoryHistory history = this.history;
		NativeGrowthTrend nativeTrend = (history != null) ? this.diagnostician.nativeTrend(history, gauge.capturedAt())
				: NativeGrowthTrend.untracked(gauge.capturedAt());
		LeakEvidence profiling = this.diagnostician.leakEvidence(this.profiler, gauge);
		Diagnosis diagnosis = this.diagnostician
			.diagnose(DiagnosisInputs.of(gauge, full, breakdown, this.heapFlags.get(), profiling), nativeTrend);
		return new Assessment(gauge, full, breakdown, diagnosis);
	}

	/**
	 * A full assessment.
	 *
	 * @param gauge the gauge-depth snapshot that describes the capture's moment (see
	 * {@link FullSnapshotCache#freshest})
	 * @param full the full capture
	 * @param breakdown RSS split into categories, or why it could not be
	 * @param diagnosis the verdict and the findings
	 */
	public record Assessment(GaugeSnapshot gauge, FullSnapshot full, Reading<RssBreakdown> breakdown,
			Diagnosis diagnosis) {
	}

}
