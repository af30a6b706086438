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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.profiling.AllocationProfile;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.Frame;
import io.github.memoryactuator.profiling.TestProfilers;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PreOomReport}: the allocation tables it carries when profiling is on,
 * and what it says in their place when profiling is off or cannot record.
 */
class PreOomReportTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Path.of("/"),
			new LiveSetTracker(4, Clock.systemUTC(), Set.of()));

	@Test
	void withProfilingOnTheReportHoldsTheTopTenAllocationAndSurvivingSitesInOrder() {
		List<AllocationProfile.Site> sites = new ArrayList<>();
		List<AllocationProfile.SurvivorGroup> groups = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Frame site = new Frame("com.acme.Cache", "put" + i, 40 + i);
			sites.add(new AllocationProfile.Site("byte[]", site, List.of(site), 100 - i, (12 - i) << 20, (12 - i) << 20,
					(12 - i) / 78.0));
			groups.add(new AllocationProfile.SurvivorGroup("java.lang.String", site, List.of(site), 30 - i,
					(30 - i) / 300.0, OptionalLong.empty(), OptionalLong.of((30 - i) << 20), Duration.ofSeconds(90),
					Duration.ofSeconds(1)));
		}
		AllocationProfile profile = new AllocationProfile(NOW.minusSeconds(300),
				new AllocationProfile.Allocations(Duration.ofMinutes(1), 1200, 78 << 20, 3, 4096, sites),
				new AllocationProfile.Survivors(null, NOW, 300, OptionalLong.of(300 << 20), groups));

		JsonNode allocations = json(report(Reading.of(profile))).get("allocations");

		assertThat(allocations.get("estimatedBytesPerMinute").asLong()).isEqualTo(78L << 20);
		JsonNode top = allocations.get("topAllocationSites");
		assertThat(top).hasSize(PreOomReport.SITES);
		assertThat(top.get(0).get("site").asString()).isEqualTo("com.acme.Cache.put0(Cache.java:40)");
		assertThat(top.get(0).get("type").asString()).isEqualTo("byte[]");
		assertThat(top.get(0).get("estimatedBytes").asLong()).isEqualTo(12L << 20);
		assertThat(top.get(9).get("site").asString()).isEqualTo("com.acme.Cache.put9(Cache.java:49)");
		JsonNode surviving = allocations.get("topSurvivingSites");
		assertThat(surviving).hasSize(PreOomReport.SITES);
		assertThat(surviving.get(0).get("type").asString()).isEqualTo("java.lang.String");
		assertThat(surviving.get(0).get("samples").asInt()).isEqualTo(30);
		assertThat(surviving.get(0).get("estimatedBytes").asLong()).isEqualTo(30L << 20);
		assertThat(allocations.has("unavailable")).isFalse();
	}

	@Test
	void withProfilingOffTheReportSaysHowToTurnItOn() {
		FullSnapshotCache fullSnapshots = new FullSnapshotCache(
				new FullSnapshotter(this.snapshotter::capture, Path.of("/"), DiagnosticCommands.platform())::capture,
				Duration.ofMinutes(1));
		PreOomReport report = PreOomReport.take(warning(), fullSnapshots, gatherer(), history(), null);
		assertThat(report.allocations().cause()).isEqualTo(Reading.Cause.NOT_ENABLED);
		assertThat(json(report).at("/allocations/unavailable").asString()).isEqualTo("allocation profiling is off");
	}

	@Test
	void whenFlightRecorderCannotRecordTheReportGivesTheReasonAndTheRestOfTheReport() {
		FullSnapshotCache fullSnapshots = new FullSnapshotCache(
				new FullSnapshotter(this.snapshotter::capture, Path.of("/"), DiagnosticCommands.platform())::capture,
				Duration.ofMinutes(1));
		AllocationProfiler profiler = TestProfilers.unavailable("Flight Recorder is not available in this JVM");
		try {
			PreOomReport report = PreOomReport.take(warning(), fullSnapshots, gatherer().withProfiler(profiler),
					history(), profiler);
			JsonNode json = json(report);
			assertThat(json.at("/allocations/unavailable").asString())
				.isEqualTo("Flight Recorder is not available in this JVM");
			assertThat(json.get("verdict").asString()).isNotBlank();
			assertThat(json.at("/process/rss").asLong()).isPositive();
		}
		finally {
			profiler.close();
		}
	}

	@Test
	void theQuickReportHoldsTheWarningTheCrossingTheGaugeSnapshotTheNewestBreakdownPointAndTheHistory() {
		MemoryHistory history = history();
		GaugeSnapshot snapshot = this.snapshotter.capture();
		history.record(snapshot);
		FullSnapshot full = new FullSnapshotter(this.snapshotter::capture, Path.of("/"), DiagnosticCommands.platform())
			.capture();
		history.record(full, BreakdownCalculator.compute(full).orNull());
		BreakdownPoint point = history.latestBreakdown();
		PreOomWarning warning = TestWarnings.warning("Memory is at 92% ...", snapshot, NOW);

		JsonNode json = JsonMapper.builder().build().readTree(PreOomQuickReport.take(warning, history).toJson());

		assertThat(json.get("stage").asString()).isEqualTo("quick");
		assertThat(json.get("warning").asString()).isEqualTo("Memory is at 92% ...");
		assertThat(json.at("/crossing/sampledAt").asString()).isEqualTo(NOW.minusSeconds(1).toString());
		assertThat(json.at("/crossing/warnedAt").asString()).isEqualTo(NOW.toString());
		assertThat(json.at("/crossing/charged").asLong()).isEqualTo(470L << 20);
		assertThat(json.at("/crossing/limit").asLong()).isEqualTo(512L << 20);
		assertThat(json.at("/crossing/bytesPerSecond").asLong()).isEqualTo(40L << 20);
		assertThat(json.at("/crossing/peakBytesPerSecond").asLong()).isEqualTo(45L << 20);
		assertThat(json.at("/crossing/pauseGrowth").asLong()).isEqualTo(12L << 20);
		assertThat(json.at("/process/rss").asLong()).isEqualTo(snapshot.process().orNull().rss());
		assertThat(json.at("/jvm/heapCommitted").asLong()).isEqualTo(snapshot.jvm().heapCommitted());
		assertThat(json.at("/capture/capturedAt").asString()).isEqualTo(snapshot.capturedAt().toString());
		assertThat(json.at("/newestBreakdownPoint/time").asString()).isEqualTo(point.time().toString());
		assertThat(json.at("/newestBreakdownPoint/rss").asLong()).isEqualTo(point.rss());
		assertThat(json.at("/newestBreakdownPoint/categories/" + Category.JAVA_HEAP.tag()).asLong())
			.isEqualTo(point.bytes(Category.JAVA_HEAP))
			.isPositive();
		assertThat(json.at("/history/gauge")).hasSize(1);
		assertThat(json.at("/history/breakdowns")).hasSize(1);
		assertThat(json.has("diagnosis")).as("no full capture in the quick report").isFalse();
	}

	@Test
	void withTheHistoryOffBothReportsSaySo() {
		PreOomWarning warning = warning();
		JsonNode quick = JsonMapper.builder().build().readTree(PreOomQuickReport.take(warning, null).toJson());
		assertThat(quick.at("/history/unavailable").asString()).isEqualTo("the memory history is off");
		assertThat(quick.at("/newestBreakdownPoint/unavailable").asString()).isEqualTo("the memory history is off");
		FullSnapshotCache fullSnapshots = new FullSnapshotCache(
				new FullSnapshotter(this.snapshotter::capture, Path.of("/"), DiagnosticCommands.platform())::capture,
				Duration.ofMinutes(1));
		JsonNode full = json(PreOomReport.take(warning, fullSnapshots, gatherer(), null, null));
		assertThat(full.get("stage").asString()).isEqualTo("full");
		assertThat(full.at("/history/unavailable").asString()).isEqualTo("the memory history is off");
		assertThat(full.get("verdict").asString()).isNotBlank();
	}

	@Test
	void withATargetSetBothReportsCarryTheSoftLimitAndEachHistoryPointItsTargetAndState() {
		SoftLimitStatus status = softLimit(800L << 20, SoftLimitState.UNREACHABLE,
				"the live set and the non-heap memory do not fit the target");
		MemoryHistory history = history();
		GaugeSnapshot snapshot = this.snapshotter.capture();
		history.record(snapshot, status);
		PreOomWarning warning = TestWarnings.warning("warning", snapshot, NOW);

		JsonNode quick = JsonMapper.builder()
			.build()
			.readTree(PreOomQuickReport.take(warning, history).withSoftLimit(status).toJson());
		FullSnapshotCache fullSnapshots = new FullSnapshotCache(
				new FullSnapshotter(this.snapshotter::capture, Path.of("/"), DiagnosticCommands.platform())::capture,
				Duration.ofMinutes(1));
		JsonNode full = json(
				PreOomReport.take(warning, fullSnapshots, gatherer().withSoftLimit(() -> status), history, null)
					.withSoftLimit(status));

		for (JsonNode json : List.of(quick, full)) {
			assertThat(json.at("/softLimit/target").asLong()).isEqualTo(800L << 20);
			assertThat(json.at("/softLimit/targetText").asString()).isEqualTo("800MB");
			assertThat(json.at("/softLimit/state").asString()).isEqualTo("UNREACHABLE");
			assertThat(json.at("/softLimit/reason").asString())
				.isEqualTo("the live set and the non-heap memory do not fit the target");
			assertThat(json.at("/softLimit/heapBudget").asLong()).isEqualTo(500L << 20);
			assertThat(json.at("/softLimit/charged").asLong()).isEqualTo(900L << 20);
		}
		assertThat(quick.at("/history/gauge/0/softLimitTarget").asLong()).isEqualTo(800L << 20);
		assertThat(quick.at("/history/gauge/0/softLimitState").asString()).isEqualTo("UNREACHABLE");
		assertThat(full.at("/diagnosis/findings").findValuesAsString("code")).contains("SOFT_LIMIT_UNREACHABLE");
	}

	@Test
	void withoutATargetOrAControllerNeitherReportNorItsHistoryMentionsTheSoftLimit() {
		MemoryHistory history = history();
		GaugeSnapshot snapshot = this.snapshotter.capture();
		history.record(snapshot, softLimit(0, SoftLimitState.OFF, "no target is set"));
		history.record(snapshot, null);
		PreOomWarning warning = TestWarnings.warning("warning", snapshot, NOW);
		SoftLimitStatus off = softLimit(0, SoftLimitState.OFF, "no target is set");
		for (SoftLimitStatus status : Arrays.asList(off, null)) {
			JsonNode quick = JsonMapper.builder()
				.build()
				.readTree(PreOomQuickReport.take(warning, history).withSoftLimit(status).toJson());
			JsonNode full = json(report(Reading.unavailable("off")).withSoftLimit(status));
			assertThat(quick.has("softLimit")).isFalse();
			assertThat(full.has("softLimit")).isFalse();
			assertThat(full.at("/diagnosis/findings")).isEmpty();
			assertThat(quick.at("/history/gauge")).hasSize(2).allSatisfy((point) -> {
				assertThat(point.has("softLimitTarget")).isFalse();
				assertThat(point.has("softLimitState")).isFalse();
			});
		}
	}

	private static SoftLimitStatus softLimit(long target, SoftLimitState state, String reason) {
		return new SoftLimitStatus(target, (target > 0) ? "800MB" : null, 900L << 20, 500L << 20, 240L << 20, state,
				reason, List.of(), Map.of(), List.of(), List.of(), 0.01, 0, 0, Map.of(), 0);
	}

	private PreOomReport report(Reading<AllocationProfile> allocations) {
		FullSnapshot full = new FullSnapshot(this.snapshotter.capture(), Reading.unavailable("not read"),
				Reading.unavailable("not read"), Reading.unavailable("not read"), Reading.unavailable("not read"),
				Reading.unavailable("not read"), Reading.unavailable("not read"), Duration.ZERO);
		return new PreOomReport(NOW, warning(), full, Reading.unavailable("no smaps"),
				new Diagnosis("No leak.", false, false, "untracked", List.of()), allocations,
				Reading.of(new PreOomReport.History(List.of(), List.of())), null);
	}

	private PreOomWarning warning() {
		return TestWarnings.warning("warning", this.snapshotter.capture(), NOW);
	}

	private static EvidenceGatherer gatherer() {
		return new EvidenceGatherer(Duration.ofMinutes(10), 16 << 20, 0.1);
	}

	private static MemoryHistory history() {
		return new MemoryHistory(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1), Instant.now());
	}

	private static JsonNode json(PreOomReport report) {
		return JsonMapper.builder().build().readTree(report.toJson());
	}

}
