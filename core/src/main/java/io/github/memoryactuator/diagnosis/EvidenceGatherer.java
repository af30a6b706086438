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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.kernel.SmapsRollup;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * Gathers the {@link Evidence} a diagnosis reads, in one place: the trends with the leak
 * thresholds, what the history and the profiler say, the heap-sizing flags, the soft
 * limit's status and, at full depth, what the capture adds. The diagnosis itself reaches
 * into nothing.
 *
 * @since 0.1.0
 */
public final class EvidenceGatherer {

	private final Duration leakWindow;

	private final long leakMinGrowth;

	private final double leakMinFraction;

	private final @Nullable MemoryHistory history;

	private final @Nullable AllocationProfiler profiler;

	private final Supplier<Map<String, String>> heapFlags;

	private final Supplier<@Nullable SoftLimitStatus> softLimit;

	/**
	 * Create a gatherer with no history, no profiler, no flags and no soft limit.
	 * @param leakWindow how far back the trends look
	 * @param leakMinGrowth the smallest rise over the window that is a suspected leak
	 * @param leakMinFraction the smallest rise as a fraction of the figure at the start
	 */
	public EvidenceGatherer(Duration leakWindow, long leakMinGrowth, double leakMinFraction) {
		this(leakWindow, leakMinGrowth, leakMinFraction, null, null, Map::of, () -> null);
	}

	private EvidenceGatherer(Duration leakWindow, long leakMinGrowth, double leakMinFraction,
			@Nullable MemoryHistory history, @Nullable AllocationProfiler profiler,
			Supplier<Map<String, String>> heapFlags, Supplier<@Nullable SoftLimitStatus> softLimit) {
		this.leakWindow = leakWindow;
		this.leakMinGrowth = leakMinGrowth;
		this.leakMinFraction = leakMinFraction;
		this.history = history;
		this.profiler = profiler;
		this.heapFlags = heapFlags;
		this.softLimit = softLimit;
	}

	/**
	 * Return a gatherer that reads the native growth trend from a memory history.
	 * @param history the history, or {@code null} when none is kept
	 * @return the gatherer
	 */
	public EvidenceGatherer withHistory(@Nullable MemoryHistory history) {
		return new EvidenceGatherer(this.leakWindow, this.leakMinGrowth, this.leakMinFraction, history, this.profiler,
				this.heapFlags, this.softLimit);
	}

	/**
	 * Return a gatherer that asks the allocation profiler which site a growth comes from.
	 * @param profiler the profiler, or {@code null} when profiling is off
	 * @return the gatherer
	 */
	public EvidenceGatherer withProfiler(@Nullable AllocationProfiler profiler) {
		return new EvidenceGatherer(this.leakWindow, this.leakMinGrowth, this.leakMinFraction, this.history, profiler,
				this.heapFlags, this.softLimit);
	}

	/**
	 * Return a gatherer that reads, at full depth, the flags that decide how far the heap
	 * shrinks under the running collector.
	 * @param heapFlags the flags by name
	 * @return the gatherer
	 */
	public EvidenceGatherer withHeapFlags(Supplier<Map<String, String>> heapFlags) {
		return new EvidenceGatherer(this.leakWindow, this.leakMinGrowth, this.leakMinFraction, this.history,
				this.profiler, heapFlags, this.softLimit);
	}

	/**
	 * Return a gatherer that reads the soft limit's status.
	 * @param softLimit the status, or {@code null} when there is no controller
	 * @return the gatherer
	 */
	public EvidenceGatherer withSoftLimit(Supplier<@Nullable SoftLimitStatus> softLimit) {
		return new EvidenceGatherer(this.leakWindow, this.leakMinGrowth, this.leakMinFraction, this.history,
				this.profiler, this.heapFlags, softLimit);
	}

	/**
	 * Gather what a gauge-depth snapshot, the history and the profiler say, with no full
	 * capture: what the health indicator, the pre-OOM warning and the leak gauges read.
	 * All of it is in memory already.
	 * @param snapshot the snapshot
	 * @return the evidence
	 */
	public Evidence atGaugeDepth(GaugeSnapshot snapshot) {
		Instant now = snapshot.capturedAt();
		LiveSet liveSet = snapshot.gc().liveSet();
		LiveSetTrend liveSetTrend = LiveSetTrend.analyze(liveSet.series(), liveSet.trackedSince(), now, this.leakWindow,
				this.leakMinGrowth, this.leakMinFraction);
		MemoryHistory history = this.history;
		NativeGrowthTrend nativeTrend = (history != null)
				? NativeGrowthTrend.analyze(history.breakdowns(now.minus(this.leakWindow), now), history.startedAt(),
						now, this.leakWindow, this.leakMinGrowth, this.leakMinFraction)
				: NativeGrowthTrend.untracked(now);
		AllocationProfiler profiler = this.profiler;
		LeakEvidence profiling = (profiler != null) ? profiler.leakEvidence(liveSet, now, this.leakWindow)
				: LeakEvidence.off();
		return Evidence.of(snapshot, liveSetTrend, nativeTrend, profiling).withSoftLimit(this.softLimit.get());
	}

	/**
	 * Gather everything, a full capture included.
	 * @param gauge the freshest gauge-depth snapshot (its live-set history is newer than
	 * the full capture's)
	 * @param full the full capture
	 * @param breakdown the breakdown computed from it
	 * @return the evidence
	 */
	public Evidence atFullDepth(GaugeSnapshot gauge, FullSnapshot full, Reading<RssBreakdown> breakdown) {
		SmapsRollup rollup = full.rollup().orNull();
		OptionalLong lazyFree = (rollup != null) ? rollup.lazyFree() : OptionalLong.empty();
		HeapMappings heap = full.heap().orNull();
		Evidence.NmtState nmt = full.nmt().isAvailable() ? Evidence.NmtState.ON
				: (full.nmt().cause() == Reading.Cause.NOT_ENABLED) ? Evidence.NmtState.OFF : Evidence.NmtState.UNKNOWN;
		return atGaugeDepth(gauge).withCapture(breakdown.orNull(), lazyFree, heap != null && heap.isMultiMapped(), nmt,
				this.heapFlags.get());
	}

}
