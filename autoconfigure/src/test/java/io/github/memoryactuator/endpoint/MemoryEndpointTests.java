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
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.ProfilingSettings;
import io.github.memoryactuator.profiling.TestProfilers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
		assertThat(report.gc().unavailable())
			.contains("young collections and Shenandoah's cycles give only an upper bound");
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
		assertThat(endpoint.sectionNames()).containsExactly("process", "jvm", "gc", "container", "tuning", "nmt",
				"breakdown", "diagnosis", "history");
		for (String section : endpoint.sectionNames()) {
			assertThat(endpoint.section(section, null, null)).as(section).isNotNull();
		}
		assertThat(endpoint.section("container", null, null)).isInstanceOfSatisfying(Sections.ContainerSection.class,
				(container) -> assertThat(container.workingSet()).isEqualTo(187326464L - 62914560L));
	}

	@Test
	void unknownSectionIsNull() {
		assertThat(endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).section("heapz", null, null)).isNull();
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
				io.github.memoryactuator.liveset.CollectionScope.YOUNG);
		MemoryEndpoint.MemoryReport report = endpoint(Fixtures.root("cgroup-v1-hybrid-limited")).memory();
		assertThat(report.jvm().live()).isNull();
		assertThat(report.gc().upperBound()).isEqualTo(205L * 1024 * 1024);
		assertThat(report.gc().liveSet()).singleElement().satisfies((point) -> {
			assertThat(point.scope()).isEqualTo("young");
			assertThat(point.liveSet()).isFalse();
		});
		this.tracker.record(java.time.Instant.now(), 30 * 1024 * 1024, 60 * 1024 * 1024,
				io.github.memoryactuator.liveset.CollectionScope.FULL);
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
	void reclaimParametersThatAreWrongInThemselvesThrowNamingTheParameterBeforeAnythingRuns() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v1-hybrid-limited"));
		assertInvalid(() -> endpoint.reclaim(null, null, 101, null, null), "minHeapFreeRatio", "between 0 and 100");
		assertInvalid(() -> endpoint.reclaim(null, null, null, -1, null), "maxHeapFreeRatio", "between 0 and 100");
		assertInvalid(() -> endpoint.reclaim(null, null, null, null, "soon"), "g1PeriodicGcInterval",
				"must be milliseconds or a duration such as 5m, but was 'soon'");
		assertInvalid(() -> endpoint.reclaim(null, null, null, null, "-5s"), "g1PeriodicGcInterval", "negative");
		assertInvalid(() -> endpoint.reclaim(null, null, null, null, "1"), "g1PeriodicGcInterval",
				"must be 0 (off) or at least 10s, but was 1ms");
	}

	private static void assertInvalid(ThrowingCallable call, String parameter, String message) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(call)
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo(parameter))
			.isInstanceOf(InvalidEndpointRequestException.class);
	}

	@Test
	void operationResponseTypesAreVisibleToAotReflectionHints() {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, MemoryEndpoint.class);
		for (Class<?> type : new Class<?>[] { MemoryEndpoint.MemoryReport.class, ReclaimSections.ReclaimResult.class,
				ReclaimSections.GcStep.class, ReclaimSections.TrimStep.class, Sections.ProcessSection.class,
				Sections.ContainerSection.class, DeepSections.BreakdownSection.class, ReclaimSections.Tuning.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
	}

	@Test
	void withProfilingOffTheAllocationsSayHowToTurnItOnAndThereIsNoProfile() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v1-hybrid-limited"));
		assertThatExceptionOfType(SectionUnavailableException.class)
			.isThrownBy(() -> endpoint.section("allocations", null, null))
			.withMessageContaining("memory-actuator.profiling.enabled=true");
		Reading<byte[]> pprof = endpoint.pprof();
		assertThat(pprof.cause()).isEqualTo(Reading.Cause.NOT_ENABLED);
		assertThat(pprof.reason()).contains("memory-actuator.profiling.enabled=true");
	}

	@Test
	void withProfilingOnTheAllocationsAreTablesAndTheProfileIsGzippedProtobuf() {
		AllocationProfiler profiler = AllocationProfiler.start(ProfilingSettings.defaults());
		try {
			MemoryEndpoint endpoint = TestEndpoints.withProfiler(Fixtures.root("cgroup-v1-hybrid-limited"),
					this.tracker, profiler);
			assertThat(endpoint.section("allocations", null, null))
				.isInstanceOfSatisfying(ProfilingSections.AllocationsSection.class, (section) -> {
					assertThat(section.status()).isIn("starting", "recording");
					assertThat(section.pprof()).isEqualTo("/actuator/memory/allocations/pprof");
					assertThat(section.allocations().howToRead()).startsWith("Estimates from");
				});
			assertThat(endpoint.sectionNames()).contains("allocations");
			assertThat(endpoint.pprof().orNull()).startsWith((byte) 0x1f, (byte) 0x8b);
		}
		finally {
			profiler.close();
		}
	}

	@Test
	void whenFlightRecorderCannotRunTheAllocationsGiveTheReasonAndTheDiagnosisStillAnswers() {
		AllocationProfiler profiler = TestProfilers.unavailable("Flight Recorder is not available in this JVM");
		try {
			MemoryEndpoint endpoint = TestEndpoints.withProfiler(Fixtures.root("cgroup-v1-hybrid-limited"),
					this.tracker, profiler);
			assertThatExceptionOfType(SectionUnavailableException.class)
				.isThrownBy(() -> endpoint.section("allocations", null, null))
				.withMessage("Flight Recorder is not available in this JVM");
			assertThat(endpoint.pprof().reason()).isEqualTo("Flight Recorder is not available in this JVM");
			assertThat(endpoint.pprof().cause()).isNotEqualTo(Reading.Cause.NOT_ENABLED);
			assertThat(endpoint.section("diagnosis", null, null)).isNotNull();
		}
		finally {
			profiler.close();
		}
	}

	@Test
	void aClassHistogramRunsOnceThenWaitsOutTheCooldownAndAnUnknownOperationIsInvalid() {
		MemoryEndpoint endpoint = endpoint(Fixtures.root("cgroup-v1-hybrid-limited"));
		HistogramSections.HistogramSection histogram = (HistogramSections.HistogramSection) endpoint.run("histogram",
				null);
		assertThat(histogram.top()).hasSize(20);
		assertThat(histogram.pauseMillis()).isPositive();
		assertThat(histogram.diff()).isNull();
		assertThat(histogram.note()).startsWith("the first histogram");
		assertThatExceptionOfType(WriteRefusedException.class).isThrownBy(() -> endpoint.run("histogram", null))
			.withMessageStartingWith("A class histogram ran recently; the next write is allowed in ");
		assertThatExceptionOfType(WriteRefusedException.class)
			.isThrownBy(() -> endpoint.reclaim(false, false, null, null, null))
			.withMessageStartingWith("A class histogram ran recently");
		assertInvalid(() -> endpoint.run("heapdump", null), "operation", "Unknown operation 'heapdump'");
	}

}
