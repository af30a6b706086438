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

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeTypeUtils;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.ProfilingSettings;
import io.github.memoryactuator.profiling.TestProfilers;
import io.github.memoryactuator.tuning.HeapTuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MemoryEndpointWebExtension}: the neutral endpoint's outcomes as HTTP
 * statuses, and the same refusal over the neutral endpoint as an exception.
 */
class MemoryEndpointWebExtensionTests {

	private final LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());

	private final MemoryEndpoint endpoint = TestEndpoints.endpoint(Fixtures.root("cgroup-v1-hybrid-limited"),
			this.tracker);

	private final MemoryEndpointWebExtension web = new MemoryEndpointWebExtension(this.endpoint);

	@Test
	void sectionIsOk() {
		WebEndpointResponse<Object> response = this.web.section("process", null, null);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isInstanceOf(Sections.ProcessSection.class);
	}

	@Test
	void unknownSectionIsNotFoundAndListsTheSections() {
		WebEndpointResponse<Object> response = this.web.section("heapz", null, null);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(body(response).get("error").toString()).contains("'heapz'")
			.contains("process, jvm, gc, container, tuning, nmt, breakdown, diagnosis");
	}

	@Test
	void parameterThatIsWrongInItselfIsABadRequestNamingIt() {
		WebEndpointResponse<Object> response = this.web.reclaim(null, null, null, null, "500ms");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(body(response)).containsEntry("parameter", "g1PeriodicGcInterval")
			.containsEntry("error", "'g1PeriodicGcInterval' must be 0 (off) or at least 10s, but was 500ms");
		assertThat(this.web.reclaim(null, null, 80, 50, null).getStatus()).isEqualTo(400);
	}

	@Test
	void writeDuringTheCooldownIsTooManyRequestsWithTheSecondsLeftAndAnExceptionOverJmx() {
		// A flag-only write to the value the flag has: carried out, so it starts the
		// cooldown, without changing this JVM.
		Integer current = HeapTuning.platform().current().maxHeapFreeRatio();
		WebEndpointResponse<Object> first = this.web.reclaim(false, false, null, current, null);
		assertThat(first.getStatus()).as(String.valueOf(first.getBody())).isEqualTo(200);
		WebEndpointResponse<Object> second = this.web.reclaim(false, false, null, current, null);
		assertThat(second.getStatus()).isEqualTo(429);
		assertThat(body(second)).hasEntrySatisfying("retryAfterSeconds",
				(seconds) -> assertThat((Long) seconds).isBetween(1L, 60L));
		assertThat(body(second).get("error").toString())
			.startsWith("A reclaim ran recently; the next write is allowed in ");
		assertThatExceptionOfType(WriteRefusedException.class)
			.isThrownBy(() -> this.endpoint.reclaim(false, false, null, current, null))
			.withMessageStartingWith("A reclaim ran recently; the next write is allowed in ");
	}

	@Test
	void withProfilingOffTheAllocationsAndTheirProfileAreAConflictNamingTheProperty() {
		WebEndpointResponse<Object> allocations = this.web.section("allocations", null, null);
		assertThat(allocations.getStatus()).isEqualTo(409);
		assertThat(body(allocations).get("error").toString()).contains("memory-actuator.profiling.enabled=true");
		WebEndpointResponse<Object> pprof = this.web.profile("allocations", "pprof");
		assertThat(pprof.getStatus()).isEqualTo(409);
		assertThat(pprof.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
		assertThat(body(pprof).get("error").toString()).contains("memory-actuator.profiling.enabled=true");
		WebEndpointResponse<Object> unknown = this.web.profile("allocations", "svg");
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(body(unknown).get("error").toString()).contains("'allocations/svg'")
			.contains("/actuator/memory/allocations/pprof");
		assertThat(this.web.section("allocations", "15m", null).getStatus()).isEqualTo(400);
	}

	@Test
	void withProfilingOnTheAllocationsAreOkAndTheProfileIsAnOctetStream() {
		AllocationProfiler profiler = AllocationProfiler.start(ProfilingSettings.defaults());
		try {
			MemoryEndpointWebExtension web = new MemoryEndpointWebExtension(
					TestEndpoints.withProfiler(Fixtures.root("cgroup-v1-hybrid-limited"), this.tracker, profiler));
			WebEndpointResponse<Object> allocations = web.section("allocations", null, null);
			assertThat(allocations.getStatus()).isEqualTo(200);
			assertThat(allocations.getBody()).isInstanceOf(ProfilingSections.AllocationsSection.class);
			WebEndpointResponse<Object> pprof = web.profile("allocations", "pprof");
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
			MemoryEndpointWebExtension web = new MemoryEndpointWebExtension(
					TestEndpoints.withProfiler(Fixtures.root("cgroup-v1-hybrid-limited"), this.tracker, profiler));
			WebEndpointResponse<Object> allocations = web.section("allocations", null, null);
			assertThat(allocations.getStatus()).isEqualTo(503);
			assertThat(body(allocations)).containsEntry("error", "Flight Recorder is not available in this JVM");
			WebEndpointResponse<Object> pprof = web.profile("allocations", "pprof");
			assertThat(pprof.getStatus()).isEqualTo(503);
			assertThat(pprof.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
			assertThat(body(pprof)).containsEntry("error", "Flight Recorder is not available in this JVM");
			assertThat(web.section("diagnosis", null, null).getStatus()).isEqualTo(200);
		}
		finally {
			profiler.close();
		}
	}

	@Test
	void readingTheClassHistogramIsMethodNotAllowedAndSaysToPost() {
		WebEndpointResponse<Object> read = this.web.section("histogram", null, null);
		assertThat(read.getStatus()).isEqualTo(405);
		assertThat(body(read).get("error").toString()).startsWith(
				"The class histogram is a write operation (it runs a full GC): POST /actuator/memory/histogram");
	}

	@Test
	void aClassHistogramIsOkThenTooManyRequestsForItAndForAReclaimAndAnUnknownOperationIsNotFound() {
		WebEndpointResponse<Object> first = this.web.run("histogram", null);
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(first.getBody()).isInstanceOf(HistogramSections.HistogramSection.class);
		for (WebEndpointResponse<Object> refused : new WebEndpointResponse[] { this.web.run("histogram", null),
				this.web.reclaim(false, false, null, null, null) }) {
			assertThat(refused.getStatus()).isEqualTo(429);
			assertThat(body(refused).get("error").toString())
				.startsWith("A class histogram ran recently; the next write is allowed in ");
			assertThat(body(refused)).hasEntrySatisfying("retryAfterSeconds",
					(seconds) -> assertThat((Long) seconds).isBetween(1L, 60L));
		}
		WebEndpointResponse<Object> unknown = this.web.run("heapdump", null);
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(body(unknown).get("error").toString()).startsWith("Unknown operation 'heapdump'");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(WebEndpointResponse<Object> response) {
		return (Map<String, Object>) response.getBody();
	}

}
