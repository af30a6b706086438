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

package io.github.memoryactuator.preoom;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.Diagnostician;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.diagnosis.Finding;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.history.GaugePoint;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.profiling.AllocationProfile;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.Frame;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;
import io.github.memoryactuator.watch.ChargedMemory;

/**
 * What the full pre-OOM report holds: the warning that triggered it with the sample that
 * crossed the threshold, a full capture (the process, the JVM, the cgroup, NMT), the
 * breakdown of RSS, the diagnosis, the top allocation and surviving sites when allocation
 * profiling is on, and the history up to that moment. It replaces the
 * {@link PreOomQuickReport quick report} in the same file once the full capture is done.
 * Sizes are bytes, times ISO-8601 instants; a source that could not be read is written as
 * {@code "unavailable": "why"}.
 *
 * @param writtenAt when the report was put together
 * @param warning the warning that triggered it
 * @param full the full capture
 * @param breakdown the breakdown of the full capture, or why there is none
 * @param diagnosis the diagnosis of the full capture
 * @param allocations the top {@value #SITES} allocation sites and surviving sites, or why
 * there are none ({@link Reading.Cause#NOT_ENABLED} with profiling off)
 * @param history the history's points, or why there are none
 * @param softLimit the soft limit's status, or {@code null} when no target is set
 * @since 0.1.0
 */
public record PreOomReport(Instant writtenAt, PreOomWarning warning, FullSnapshot full, Reading<RssBreakdown> breakdown,
		Diagnosis diagnosis, Reading<AllocationProfile> allocations, Reading<History> history,
		@Nullable SoftLimitStatus softLimit) {

	/**
	 * How much history a report holds at most.
	 */
	public static final Duration HISTORY = Duration.ofHours(1);

	/**
	 * How many rows each allocation table holds at most.
	 */
	public static final int SITES = 10;

	/**
	 * What a report says in place of the allocation tables when profiling is off.
	 */
	public static final String PROFILING_OFF = "allocation profiling is off";

	/**
	 * Put a report together now: a fresh full capture (near the limit a cached one is
	 * already out of date; the cache then serves this one), its breakdown and diagnosis,
	 * the allocation profiler's top sites, and the last {@link #HISTORY hour} of history.
	 * @param warning the warning that asks for the report
	 * @param fullSnapshots the full captures
	 * @param gatherer what gathers the evidence the diagnosis reads (the history's native
	 * trend, the profiler's suspect, the heap-sizing flags, the soft limit)
	 * @param history the memory history, or {@code null} when it is off
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 * @return the report
	 */
	public static PreOomReport take(PreOomWarning warning, FullSnapshotCache fullSnapshots, EvidenceGatherer gatherer,
			@Nullable MemoryHistory history, @Nullable AllocationProfiler profiler) {
		FullSnapshot full = fullSnapshots.refresh();
		GaugeSnapshot snapshot = full.gauge();
		Reading<RssBreakdown> breakdown = BreakdownCalculator.compute(full);
		OptionalLong live = snapshot.live();
		Diagnosis diagnosis = Diagnostician.diagnose(gatherer.atFullDepth(snapshot, full, breakdown));
		Reading<AllocationProfile> allocations = (profiler != null) ? profiler.profile(live, SITES)
				: Reading.unavailable(Reading.Cause.NOT_ENABLED, PROFILING_OFF);
		Instant end = Instant.now();
		return new PreOomReport(end, warning, full, breakdown, diagnosis, allocations, History.of(history, end), null);
	}

	/**
	 * Return this report with the soft limit's target and state, when a target is set (an
	 * unreachable target is among the diagnosis's findings already: the evidence carries
	 * it).
	 * @param status the soft limit's status, or {@code null} without a controller
	 * @return the report
	 */
	public PreOomReport withSoftLimit(@Nullable SoftLimitStatus status) {
		if (status == null) {
			return this;
		}
		return new PreOomReport(this.writtenAt, this.warning, this.full, this.breakdown, this.diagnosis,
				this.allocations, this.history, status.isSet() ? status : null);
	}

	/**
	 * Return the report as one JSON object.
	 * @return the JSON text
	 */
	public String toJson() {
		Json json = new Json().object();
		json.field("writtenAt", this.writtenAt.toString()).field("stage", "full");
		warning(json, this.warning);
		json.field("verdict", this.diagnosis.verdict());
		GaugeSnapshot gauge = this.full.gauge();
		json.object("capture")
			.field("capturedAt", gauge.capturedAt().toString())
			.field("captureMillis", this.full.cost().toNanos() / 1e6);
		Map<String, String> unavailable = gauge.unavailable();
		json.object("unavailable");
		unavailable.forEach(json::field);
		json.end().end();
		process(json, gauge.process());
		jvm(json, gauge);
		container(json, gauge.container());
		softLimit(json, this.softLimit);
		nmt(json, this.full.nmt());
		breakdown(json, this.breakdown);
		diagnosis(json, this.diagnosis);
		allocations(json, this.allocations);
		history(json, this.history);
		return json.end().toString();
	}

	// The warning and the sample that crossed, shared with the quick report.
	static void warning(Json json, PreOomWarning warning) {
		json.field("warning", warning.text());
		ChargedMemory sample = warning.sample();
		json.object("crossing")
			.field("sampledAt", sample.time().toString())
			.field("warnedAt", warning.warnedAt().toString())
			.field("charged", sample.charged());
		LimitUse use = sample.use().orNull();
		if (use != null) {
			json.field("limit", use.limit()).field("share", use.share());
		}
		json.field("bytesPerSecond", Math.round(sample.bytesPerSecond()))
			.field("peakBytesPerSecond", Math.round(sample.peakBytesPerSecond()))
			.field("pauseGrowth", sample.pauseGrowth())
			.end();
	}

	static void process(Json json, Reading<ProcStatus> reading) {
		json.object("process");
		ProcStatus status = reading.orNull();
		if (status == null) {
			json.field("unavailable", reading.reason());
		}
		else {
			json.field("rss", status.rss())
				.field("rssAnon", status.rssAnon())
				.field("rssFile", status.rssFile())
				.field("rssShmem", status.rssShmem())
				.field("swap", status.swap())
				.field("peakRss", status.peakRss())
				.field("threads", status.threads());
		}
		json.end();
	}

	static void jvm(Json json, GaugeSnapshot snapshot) {
		JvmMemory jvm = snapshot.jvm();
		json.object("jvm")
			.field("heapUsed", jvm.heapUsed())
			.field("heapCommitted", jvm.heapCommitted())
			.field("heapMax", jvm.heapMax())
			.field("live", snapshot.live())
			.field("headroomRatio", snapshot.headroomRatio())
			.field("nonHeapCommitted", jvm.nonHeapCommitted())
			.field("directBufferUsed", jvm.directBufferUsed())
			.field("committedTotal", snapshot.committedTotal())
			.field("threads", jvm.threads())
			.end();
	}

	static void container(Json json, Reading<CgroupMemory> reading) {
		json.object("container");
		CgroupMemory cgroup = reading.orNull();
		if (cgroup == null) {
			json.field("unavailable", reading.reason());
		}
		else {
			json.field("cgroupVersion", cgroup.version())
				.field("limit", cgroup.limit().bytes())
				.field("usage", cgroup.usage())
				.field("workingSet", cgroup.workingSet());
		}
		json.end();
	}

	// Absent without a target, so that a report without a soft limit reads as before.
	static void softLimit(Json json, @Nullable SoftLimitStatus status) {
		if (status == null || !status.isSet()) {
			return;
		}
		json.object("softLimit")
			.field("target", status.target())
			.field("targetText", status.targetText())
			.field("state", status.state().name())
			.field("reason", status.reason().isEmpty() ? null : status.reason())
			.field("heapBudget", status.heapBudget())
			.field("charged", status.charged())
			.end();
	}

	private static void nmt(Json json, Reading<NmtSummary> reading) {
		json.object("nmt");
		NmtSummary nmt = reading.orNull();
		if (nmt == null) {
			json.field("unavailable", reading.reason());
		}
		else {
			json.field("totalReserved", nmt.totalReserved()).field("totalCommitted", nmt.totalCommitted());
			json.object("committed");
			for (NmtSummary.Category category : nmt.categories()) {
				json.field(category.name(), category.committed());
			}
			json.end();
		}
		json.end();
	}

	private static void breakdown(Json json, Reading<RssBreakdown> reading) {
		json.object("breakdown");
		RssBreakdown breakdown = reading.orNull();
		if (breakdown == null) {
			json.field("unavailable", reading.reason()).end();
			return;
		}
		json.field("capturedAt", breakdown.capturedAt().toString())
			.field("rss", breakdown.rss())
			.field("measured", breakdown.measured())
			.field("claimed", breakdown.claimed())
			.field("unexplained", breakdown.unexplained())
			.field("overclaimed", breakdown.overclaimed());
		json.array("categories");
		for (RssBreakdown.Part part : breakdown.parts()) {
			json.object()
				.field("category", part.category().tag())
				.field("label", part.category().label())
				.field("bytes", part.bytes())
				.field("resident", part.resident())
				.field("upperBound", part.isUpperBound())
				.field("measuredBy", part.method().description())
				.field("detail", part.detail())
				.end();
		}
		json.end();
		strings(json, "notes", breakdown.notes());
		json.end();
	}

	private static void diagnosis(Json json, Diagnosis diagnosis) {
		json.object("diagnosis")
			.field("verdict", diagnosis.verdict())
			.field("leakSuspected", diagnosis.leakSuspected())
			.field("nativeLeakSuspected", diagnosis.nativeLeakSuspected())
			.field("nativeGrowth", diagnosis.nativeGrowth());
		json.array("findings");
		for (Finding finding : diagnosis.findings()) {
			json.object()
				.field("code", finding.code().name())
				.field("severity", finding.severity().name())
				.field("summary", finding.summary());
			json.object("evidence");
			finding.evidence().forEach(json::field);
			json.end().field("action", finding.action()).end();
		}
		json.end().end();
	}

	// Estimates from Flight Recorder's samples, each table cut to SITES rows.
	private static void allocations(Json json, Reading<AllocationProfile> reading) {
		json.object("allocations");
		AllocationProfile profile = reading.orNull();
		if (profile == null) {
			json.field("unavailable", reading.reason()).end();
			return;
		}
		AllocationProfile.Allocations allocations = profile.allocations();
		json.field("since", profile.since().toString())
			.field("coveredSeconds", allocations.covered().toMillis() / 1000.0)
			.field("estimatedBytesPerMinute", Math.round(allocations.bytesPerMinute()));
		json.array("topAllocationSites");
		for (AllocationProfile.Site site : cut(allocations.sites())) {
			json.object()
				.field("type", site.type())
				.field("site", frame(site.site()))
				.field("samples", site.samples())
				.field("estimatedBytes", site.bytes())
				.field("estimatedBytesPerMinute", Math.round(site.bytesPerMinute()))
				.field("share", site.share())
				.end();
		}
		json.end();
		AllocationProfile.Survivors survivors = profile.survivors();
		json.array("topSurvivingSites");
		for (AllocationProfile.SurvivorGroup group : cut(survivors.groups())) {
			json.object()
				.field("type", group.type())
				.field("site", frame(group.site()))
				.field("samples", group.samples())
				.field("share", group.share())
				.field("estimatedBytes", group.estimatedBytes())
				.field("oldestAgeSeconds", group.oldest().toMillis() / 1000.0)
				.end();
		}
		json.end();
		if (survivors.unavailable() != null) {
			json.field("survivorsUnavailable", survivors.unavailable());
		}
		json.end();
	}

	private static <T> List<T> cut(List<T> rows) {
		return rows.subList(0, Math.min(SITES, rows.size()));
	}

	private static @Nullable String frame(@Nullable Frame frame) {
		return (frame != null) ? frame.toString() : null;
	}

	static void history(Json json, Reading<History> reading) {
		json.object("history");
		History history = reading.orNull();
		if (history == null) {
			json.field("unavailable", reading.reason()).end();
			return;
		}
		json.array("gauge");
		for (GaugePoint point : history.gauge()) {
			json.object()
				.field("time", point.time().toString())
				.field("rss", point.rss())
				.field("rssAnon", point.rssAnon())
				.field("rssFile", point.rssFile())
				.field("heapUsed", point.heapUsed())
				.field("heapCommitted", point.heapCommitted())
				.field("live", point.live())
				.field("headroomRatio", point.headroomRatio())
				.field("containerUsage", point.containerUsage())
				.field("containerLimit", point.containerLimit());
			SoftLimitState state = point.softLimitState();
			if (state != null) {
				json.field("softLimitTarget", point.softLimitTarget()).field("softLimitState", state.name());
			}
			json.end();
		}
		json.end().array("breakdowns");
		for (BreakdownPoint point : history.breakdowns()) {
			breakdownPoint(json.object(), point).end();
		}
		json.end().end();
	}

	static Json breakdownPoint(Json json, BreakdownPoint point) {
		json.field("time", point.time().toString()).field("rss", point.rss());
		json.object("categories");
		for (Map.Entry<Category, Long> category : point.categories().entrySet()) {
			json.field(category.getKey().tag(), (long) category.getValue());
		}
		json.end().field("mallocInUse", point.mallocInUse()).field("mallocFree", point.mallocFree());
		json.object("nmtCommitted");
		point.nmtCommitted().forEach(json::field);
		return json.end();
	}

	private static void strings(Json json, String name, List<String> values) {
		json.array(name);
		for (String value : values) {
			json.value(value);
		}
		json.end();
	}

	/**
	 * The memory history's points over the last {@link #HISTORY hour}.
	 *
	 * @param gauge the gauge-depth points, oldest first
	 * @param breakdowns the breakdown points, oldest first
	 */
	public record History(List<GaugePoint> gauge, List<BreakdownPoint> breakdowns) {

		/**
		 * What a report says in place of the history when it is off.
		 */
		public static final String OFF = "the memory history is off";

		/**
		 * Create an instance.
		 * @param gauge the gauge-depth points, oldest first
		 * @param breakdowns the breakdown points, oldest first
		 */
		public History {
			gauge = List.copyOf(gauge);
			breakdowns = List.copyOf(breakdowns);
		}

		/**
		 * Return the last hour of a history up to the given moment.
		 * @param history the history, or {@code null} when it is off
		 * @param end the end of the hour
		 * @return the points, or why there are none
		 */
		public static Reading<History> of(@Nullable MemoryHistory history, Instant end) {
			if (history == null) {
				return Reading.unavailable(Reading.Cause.NOT_ENABLED, OFF);
			}
			Instant start = end.minus(HISTORY);
			return Reading.of(new History(history.gauge(start, end), history.breakdowns(start, end)));
		}

	}

}
