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

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.snapshot.GaugeSnapshot;

/**
 * The leak verdict of the latest history sample, for gauges that an alert reads: the
 * gauge-depth diagnosis ({@link Diagnostician#diagnoseGaugeDepth}) runs once per sample
 * it is handed, on the sampler's thread, and a scrape only reads what it found. So a
 * scrape never runs a diagnosis, let alone a full capture, however often it comes.
 *
 * @since 0.1.0
 */
public final class LeakVerdict implements Consumer<GaugeSnapshot> {

	static final String NOT_YET = "no history sample has been diagnosed yet";

	private final Diagnostician diagnostician;

	private final @Nullable MemoryHistory history;

	private final @Nullable AllocationProfiler profiler;

	private volatile @Nullable Diagnosis latest;

	/**
	 * Create a verdict that has seen no sample yet.
	 * @param diagnostician what diagnoses each sample
	 * @param history the memory history, whose breakdown points give the native trend
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 */
	public LeakVerdict(Diagnostician diagnostician, @Nullable MemoryHistory history,
			@Nullable AllocationProfiler profiler) {
		this.diagnostician = diagnostician;
		this.history = history;
		this.profiler = profiler;
	}

	/**
	 * Diagnose a sample at gauge depth and keep the verdict.
	 * @param snapshot the sample
	 */
	@Override
	public void accept(GaugeSnapshot snapshot) {
		this.latest = this.diagnostician.diagnoseGaugeDepth(snapshot, this.history, this.profiler);
	}

	/**
	 * Return whether the latest sample's diagnosis suspects a heap leak (the live set's
	 * trend).
	 * @return the verdict, or why there is none yet
	 */
	public Reading<Boolean> heapLeakSuspected() {
		Diagnosis diagnosis = this.latest;
		return (diagnosis != null) ? Reading.of(diagnosis.leakSuspected())
				: Reading.unavailable(Reading.Cause.MISSING, NOT_YET);
	}

	/**
	 * Return whether the latest sample's diagnosis suspects a native leak (the history's
	 * native growth trend).
	 * @return the verdict, or why there is none yet
	 */
	public Reading<Boolean> nativeLeakSuspected() {
		Diagnosis diagnosis = this.latest;
		return (diagnosis != null) ? Reading.of(diagnosis.nativeLeakSuspected())
				: Reading.unavailable(Reading.Cause.MISSING, NOT_YET);
	}

}
