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

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeTypeUtils;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.LiveSetTracker;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.ProfilingSettings;
import io.github.memoryactuator.profiling.TestProfilers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryEndpoint}.
 */
class MemoryEndpointTests {

	private final LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());

	private MemoryEndpoint endpoint(Path root) {
		return TestEndpoints.endpoint(root, this.tracker);
	}

	@Test
	void reportHasEverySectionInBytes() {
		MemoryEndpoint.MemoryReport report = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).memory();
		assertThat(report.process().rss()).isEqualTo(102804L * 1024);
		assertThat(report.process().unavailable()).isNull();
		assertThat(report.jvm().heap().committed()).isPositive();
		assertThat(report.jvm().nonHeap().pools()).isNotEmpty();
		assertThat(report.gc().collectors()).isNotEmpty();
		assertThat(report.container().limit()).isEqualTo(512L * 1024 * 1024);
		assertThat(report.container().cgroupVersion()).isEqualTo(1);
	}

	@Test
	void beforeTheFirstCollectionLiveAndHeadroomSayWhy() {
		MemoryEndpoint.MemoryReport report = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).memory();
		assertThat(report.jvm().live()).isNull();
		assertThat(report.gc().headroomRatio()).isNull();
		assertThat(report.gc().unavailable()).contains("young collections give only an upper bound");
	}

	@Test
	void withoutProcEveryLinuxPartNamesWhatIsMissing(@TempDir Path empty) {
		MemoryEndpoint.MemoryReport report = endpoint(empty).memory();
		assertThat(report.process().rss()).isNull();
		assertThat(report.process().unavailable()).contains("/proc/self/status does not exist");
		assertThat(report.container().unavailable()).contains("/proc/self/cgroup does not exist");
		assertThat(report.jvm().heap().used()).isPositive();
	}

	@Test
	void eachSectionCanBeReadAlone() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v2-container-limited"));
		for (String section : MemoryEndpoint.SECTIONS) {
			WebEndpointResponse<Object> response = endpoint.section(section, null, null);
			assertThat(response.getStatus()).as(section).isEqualTo(200);
			assertThat(response.getBody()).as(section).isNotNull();
		}
		assertThat(endpoint.section("container", null, null).getBody()).isInstanceOfSatisfying(
				Sections.ContainerSection.class,
				(container) -> assertThat(container.workingSet()).isEqualTo(187326464L - 62914560L));
	}

	@Test
	void unknownSectionIsNotFoundAndListsTheSections() {
		WebEndpointResponse<Object> response = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).section("heapz",
				null, null);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getBody()).isInstanceOfSatisfying(Map.class,
				(body) -> assertThat(body.get("error").toString()).contains("'heapz'")
					.contains("process, jvm, gc, container, tuning, nmt, breakdown, diagnosis"));
	}

	@Test
	void fullReportHasAVerdictABreakdownAndTheTuningFlags() {
		MemoryEndpoint.MemoryReport report = endpoint(Path.of("/")).memory();
		assertThat(report.verdict()).isNotBlank();
		assertThat(report.diagnosis().verdict()).isEqualTo(report.verdict());
		assertThat(report.tuning().collector()).isNotBlank();
		if (java.nio.file.Files.isReadable(Path.of("/proc/self/smaps"))) {
			assertThat(report.breakdown().categories()).hasSize(12);
			// the verdict quotes no RSS more than 10% from the process section's
			assertThat((double) report.breakdown().rss()).isCloseTo(report.process().rss(),
					org.assertj.core.data.Percentage.withPercentage(10));
			DeepSections.Coverage coverage = report.breakdown().coverage();
			assertThat(coverage.measured()).isPositive().isLessThan(100);
			assertThat(report.breakdown().categories())
				.filteredOn((category) -> category.category().equals("java_heap"))
				.singleElement()
				.satisfies((heap) -> assertThat(heap.upperBound()).isFalse());
		}
	}

	@Test
	void youngCollectionsAreListedAsUpperBoundsAndGiveNoLiveSet() {
		this.tracker.record(java.time.Instant.now(), 205 * 1024 * 1024, 512 * 1024 * 1024,
				io.github.memoryactuator.probe.CollectionScope.YOUNG);
		MemoryEndpoint.MemoryReport report = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).memory();
		assertThat(report.jvm().live()).isNull();
		assertThat(report.gc().upperBound()).isEqualTo(205L * 1024 * 1024);
		assertThat(report.gc().liveSet()).singleElement().satisfies((point) -> {
			assertThat(point.scope()).isEqualTo("young");
			assertThat(point.liveSet()).isFalse();
		});
		this.tracker.record(java.time.Instant.now(), 30 * 1024 * 1024, 60 * 1024 * 1024,
				io.github.memoryactuator.probe.CollectionScope.FULL);
		report = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).memory();
		assertThat(report.jvm().live()).isEqualTo(30L * 1024 * 1024);
		assertThat(report.gc().headroomRatio()).isEqualTo(1.0);
	}

	@Test
	void withoutSmapsTheBreakdownSaysWhy(@TempDir Path empty) {
		MemoryEndpoint.MemoryReport report = endpoint(empty).memory();
		assertThat(report.breakdown().unavailable()).startsWith("no breakdown without /proc/self/smaps");
		assertThat(report.verdict()).contains("RSS is unavailable on this platform");
	}

	@Test
	void badReclaimParametersAreNamed() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v1-hybrid-limited"));
		assertBadRequest(endpoint.reclaim("maybe", null, null, null, null), "gc", "'gc' must be true or false");
		assertBadRequest(endpoint.reclaim(null, "1", null, null, null), "trim", "'trim' must be true or false");
		assertBadRequest(endpoint.reclaim(null, null, "101", null, null), "minHeapFreeRatio", "between 0 and 100");
		assertBadRequest(endpoint.reclaim(null, null, null, "ten", null), "maxHeapFreeRatio", "whole percentage");
		assertBadRequest(endpoint.reclaim(null, null, null, null, "soon"), "g1PeriodicGcInterval", "duration");
		assertBadRequest(endpoint.reclaim(null, null, null, null, "-5s"), "g1PeriodicGcInterval", "negative");
	}

	@Test
	void withProfilingOffTheAllocationsAndTheirProfileSayHowToTurnItOn() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v1-hybrid-limited"));
		WebEndpointResponse<Object> allocations = endpoint.section("allocations", null, null);
		assertThat(allocations.getStatus()).isEqualTo(409);
		assertThat(error(allocations)).contains("memory-actuator.profiling.enabled=true");
		WebEndpointResponse<Object> pprof = endpoint.export("allocations", "pprof");
		assertThat(pprof.getStatus()).isEqualTo(409);
		assertThat(pprof.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
		assertThat(error(pprof)).contains("memory-actuator.profiling.enabled=true");
		WebEndpointResponse<Object> unknown = endpoint.export("allocations", "svg");
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(error(unknown)).contains("'allocations/svg'").contains("/actuator/memory/allocations/pprof");
	}

	@Test
	void withProfilingOnTheAllocationsAreTablesAndTheProfileIsGzippedProtobuf() {
		AllocationProfiler profiler = AllocationProfiler.start(ProfilingSettings.defaults());
		try {
			MemoryEndpoint endpoint = TestEndpoints.withProfiler(Fixtures.root("cgroup-v1-hybrid-limited"),
					this.tracker, profiler);
			WebEndpointResponse<Object> allocations = endpoint.section("allocations", null, null);
			assertThat(allocations.getStatus()).isEqualTo(200);
			assertThat(allocations.getBody()).isInstanceOfSatisfying(ProfilingSections.AllocationsSection.class,
					(section) -> {
						assertThat(section.status()).isIn("starting", "recording");
						assertThat(section.pprof()).isEqualTo("/actuator/memory/allocations/pprof");
						assertThat(section.allocations().howToRead()).startsWith("Estimates from");
					});
			WebEndpointResponse<Object> pprof = endpoint.export("allocations", "pprof");
			assertThat(pprof.getStatus()).isEqualTo(200);
			assertThat(pprof.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_OCTET_STREAM);
			assertThat((byte[]) pprof.getBody()).startsWith((byte) 0x1f, (byte) 0x8b);
		}
		finally {
			profiler.close();
		}
	}

	@Test
	void whenFlightRecorderCannotRunTheAllocationsAndTheirProfileAreUnavailableWithTheReason() {
		AllocationProfiler profiler = TestProfilers.unavailable("Flight Recorder is not available in this JVM");
		try {
			MemoryEndpoint endpoint = TestEndpoints.withProfiler(Fixtures.root("cgroup-v1-hybrid-limited"),
					this.tracker, profiler);
			WebEndpointResponse<Object> allocations = endpoint.section("allocations", null, null);
			assertThat(allocations.getStatus()).isEqualTo(503);
			assertThat(error(allocations)).isEqualTo("Flight Recorder is not available in this JVM");
			WebEndpointResponse<Object> pprof = endpoint.export("allocations", "pprof");
			assertThat(pprof.getStatus()).isEqualTo(503);
			assertThat(pprof.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
			assertThat(error(pprof)).isEqualTo("Flight Recorder is not available in this JVM");
			assertThat(endpoint.section("diagnosis", null, null).getStatus()).isEqualTo(200);
		}
		finally {
			profiler.close();
		}
	}

	@Test
	void readingTheClassHistogramSaysItIsAWriteOperation() {
		WebEndpointResponse<Object> read = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).section("histogram",
				null, null);
		assertThat(read.getStatus()).isEqualTo(405);
		assertThat(error(read)).startsWith(
				"The class histogram is a write operation (it runs a full GC): POST " + "/actuator/memory/histogram");
	}

	@Test
	void aClassHistogramRunsOnceThenWaitsOutTheCooldown() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v1-hybrid-limited"));
		WebEndpointResponse<Object> first = endpoint.run("histogram");
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(first.getBody()).isInstanceOfSatisfying(HistogramSections.HistogramSection.class, (histogram) -> {
			assertThat(histogram.top()).hasSize(20);
			assertThat(histogram.pauseMillis()).isPositive();
			assertThat(histogram.diff()).isNull();
			assertThat(histogram.note()).startsWith("the first histogram");
		});
		WebEndpointResponse<Object> second = endpoint.run("histogram");
		assertThat(second.getStatus()).isEqualTo(429);
		assertThat(error(second)).startsWith("A class histogram ran recently; the next reclaim or class histogram");
		assertThat(endpoint.run("heapdump").getStatus()).isEqualTo(404);
	}

	@SuppressWarnings("unchecked")
	private static String error(WebEndpointResponse<Object> response) {
		return ((Map<String, Object>) response.getBody()).get("error").toString();
	}

	@SuppressWarnings("unchecked")
	private static void assertBadRequest(WebEndpointResponse<Object> response, String parameter, String message) {
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat((Map<String, Object>) response.getBody()).containsEntry("parameter", parameter)
			.hasEntrySatisfying("error", (error) -> assertThat(error.toString()).contains(message));
	}

}
