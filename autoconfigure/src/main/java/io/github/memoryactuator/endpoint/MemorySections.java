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

package io.github.memoryactuator.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfile;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.tuning.HeapTuning;

/**
 * The sections of {@code /actuator/memory} by name, in the report's order, and the whole
 * report: what the read operations serve, kept apart from how they are called.
 */
final class MemorySections {

	static final String HISTORY = "history";

	static final String ALLOCATIONS = "allocations";

	// Rows of the allocation tables.
	private static final int ROWS = 20;

	private final GaugeSnapshotCache snapshots;

	private final CaptureDiagnoser diagnoser;

	private final HeapTuning tuning;

	private final @Nullable AllocationProfiler profiler;

	private final @Nullable MemoryHistory history;

	private final @Nullable SoftLimitController softLimit;

	// A section is one entry here: its name and what builds it.
	private final Map<String, Supplier<OperationResponseBody>> sections = new LinkedHashMap<>();

	MemorySections(GaugeSnapshotCache snapshots, CaptureDiagnoser diagnoser, HeapTuning tuning,
			@Nullable AllocationProfiler profiler, @Nullable MemoryHistory history,
			@Nullable SoftLimitController softLimit) {
		this.snapshots = snapshots;
		this.diagnoser = diagnoser;
		this.tuning = tuning;
		this.profiler = profiler;
		this.history = history;
		this.softLimit = softLimit;
		this.sections.put("process", () -> GaugeSections.ProcessSection.of(snapshots.get().process()));
		this.sections.put("jvm", () -> GaugeSections.JvmSection.of(snapshots.get()));
		this.sections.put("gc", () -> GaugeSections.GcSection.of(snapshots.get()));
		this.sections.put("container", () -> GaugeSections.ContainerSection.of(snapshots.get().container()));
		this.sections.put("tuning", () -> ReclaimSections.Tuning.of(tuning));
		this.sections.put("nmt", () -> FullCaptureSections.NmtSection.of(diagnoser.full(snapshots.get()).nmt()));
		this.sections.put("breakdown", () -> {
			FullSnapshot full = diagnoser.full(snapshots.get());
			return FullCaptureSections.BreakdownSection.of(full, BreakdownCalculator.compute(full));
		});
		this.sections.put("diagnosis",
				() -> FullCaptureSections.DiagnosisSection.of(diagnoser.diagnose(snapshots.get()).diagnosis()));
		if (history != null) {
			this.sections.put(HISTORY, () -> history(history, null, null));
		}
		if (profiler != null) {
			this.sections.put(ALLOCATIONS, () -> served(allocations()));
		}
		if (softLimit != null) {
			this.sections.put(MemoryEndpoint.SOFT_LIMIT,
					() -> SoftLimitSections.SoftLimitSection.of(softLimit.status()));
		}
	}

	/**
	 * Return the whole report.
	 * @param reclaimAllowed whether the write operations are open
	 * @return the report
	 */
	MemoryEndpoint.MemoryReport report(boolean reclaimAllowed) {
		CaptureDiagnoser.DiagnosedCapture diagnosed = this.diagnoser.diagnose(this.snapshots.get());
		GaugeSnapshot snapshot = diagnosed.gauge();
		SoftLimitController controller = this.softLimit;
		return new MemoryEndpoint.MemoryReport(snapshot.capturedAt(), diagnosed.diagnosis().verdict(), reclaimAllowed,
				GaugeSections.ProcessSection.of(snapshot.process()), GaugeSections.JvmSection.of(snapshot),
				GaugeSections.GcSection.of(snapshot), GaugeSections.ContainerSection.of(snapshot.container()),
				ReclaimSections.Tuning.of(this.tuning), FullCaptureSections.NmtSection.of(diagnosed.full().nmt()),
				FullCaptureSections.BreakdownSection.of(diagnosed.full(), diagnosed.breakdown()),
				FullCaptureSections.DiagnosisSection.of(diagnosed.diagnosis()),
				(controller != null) ? SoftLimitSections.SoftLimitSection.of(controller.status()) : null);
	}

	/**
	 * Return one section.
	 * @param name its name
	 * @return the section, or {@code null} when there is none of that name
	 */
	@Nullable OperationResponseBody section(String name) {
		Supplier<OperationResponseBody> builder = this.sections.get(name);
		return (builder != null) ? builder.get() : null;
	}

	/**
	 * Return the history over a range.
	 * @param from the start, as {@link HistoryRange#parse} reads it
	 * @param to the end, the same way
	 * @return the section, or {@code null} when no history is kept
	 */
	@Nullable HistorySection history(@Nullable String from, @Nullable String to) {
		MemoryHistory history = this.history;
		return (history != null) ? history(history, from, to) : null;
	}

	private static HistorySection history(MemoryHistory history, @Nullable String from, @Nullable String to) {
		HistoryRange range = HistoryRange.parse(from, to, Instant.now(), history.retention());
		return HistorySection.of(history, range.from(), range.to());
	}

	boolean keepsHistory() {
		return this.history != null;
	}

	boolean profiles() {
		return this.profiler != null;
	}

	List<String> names() {
		return List.copyOf(this.sections.keySet());
	}

	/**
	 * Return the allocation profile's tables.
	 * @return the tables, or why there are none: {@link Reading.Cause#NOT_ENABLED} when
	 * profiling is off (the reason says how to turn it on), another cause when Flight
	 * Recorder cannot record here
	 */
	Reading<ProfilingSections.AllocationsSection> allocations() {
		AllocationProfiler profiler = this.profiler;
		if (profiler == null) {
			return Reading.unavailable(Reading.Cause.NOT_ENABLED, ProfilingSections.OFF);
		}
		// No lambda over the profile: it would load the profile's class with profiling
		// off.
		Reading<AllocationProfile> profile = profiler.profile(this.snapshots.get().live(), ROWS);
		AllocationProfile value = profile.orNull();
		return (value != null) ? Reading.of(ProfilingSections.AllocationsSection.of(profiler.status(), value))
				: Reading.unavailable(String.valueOf(profile.reason()));
	}

	/**
	 * Return the allocation profile as a gzipped pprof protobuf.
	 * @return the bytes, or why there are none, as {@link #allocations()} says it
	 */
	Reading<byte[]> pprof() {
		AllocationProfiler profiler = this.profiler;
		if (profiler == null) {
			return Reading.unavailable(Reading.Cause.NOT_ENABLED, ProfilingSections.OFF);
		}
		return profiler.pprof(this.snapshots.get().live());
	}

	private static <T> T served(Reading<T> reading) {
		T value = reading.orNull();
		if (value == null) {
			throw new SectionUnavailableException(String.valueOf(reading.reason()));
		}
		return value;
	}

}
