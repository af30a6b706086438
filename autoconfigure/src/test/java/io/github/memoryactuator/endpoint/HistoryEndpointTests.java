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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.history.HistorySampler;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryEndpoint}'s {@code history} section, over the web extension that
 * gives it HTTP statuses.
 */
class HistoryEndpointTests {

	private final LiveSetTracker tracker = new LiveSetTracker(4, Clock.systemUTC(), Set.of());

	private final MemoryHistory history = new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1),
			Duration.ofMinutes(10), Instant.now().minusSeconds(600));

	private final GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-limited"),
			this.tracker);

	private final MemoryEndpointWebExtension endpoint = new MemoryEndpointWebExtension(
			TestEndpoints.endpoint(Fixtures.root("cgroup-v1-hybrid-limited"), this.tracker, this.history));

	@Test
	void returnsTheSampledPointsOldestFirstWithTheFixtureFigures() {
		// A fixture with smaps, so that a full capture has a breakdown.
		Path smaps = Fixtures.root("smaps-jdk25-g1-nmt");
		GaugeSnapshotter withSmaps = TestSnapshots.snapshotter(smaps, this.tracker);
		FullSnapshotter full = new FullSnapshotter(withSmaps::capture, smaps, DiagnosticCommands.platform());
		HistorySampler sampler = new HistorySampler(this.history, this.snapshotter::capture, full::capture,
				BreakdownCalculator::compute);
		sampler.sampleGauge();
		sampler.sampleGauge();
		sampler.sampleBreakdown();
		HistorySection section = body(this.endpoint.section("history", null, null), HistorySection.class);
		assertThat(section.points()).hasSize(2);
		assertThat(section.points().get(0).time()).isBeforeOrEqualTo(section.points().get(1).time());
		assertThat(section.points().get(0).rss()).isEqualTo(102804L * 1024);
		assertThat(section.points().get(0).containerLimit()).isEqualTo(512L * 1024 * 1024);
		assertThat(section.footprintBytes()).isEqualTo(this.history.footprintBytes());
		assertThat(section.breakdowns()).hasSize(1);
		assertThat(section.breakdowns().get(0).categories()).containsKey("java_heap");
		assertThat(section.breakdowns().get(0).categories().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(section.breakdowns().get(0).rss());
	}

	@Test
	void eachPointCarriesTheSoftLimitsTargetAndStateWhileOneIsSetAndNullOtherwise() {
		AtomicReference<SoftLimitStatus> softLimit = new AtomicReference<>(
				softLimit(800L * 1024 * 1024, SoftLimitState.THROTTLED));
		FullSnapshotter full = new FullSnapshotter(this.snapshotter::capture, Fixtures.root("cgroup-v1-hybrid-limited"),
				DiagnosticCommands.platform());
		HistorySampler sampler = new HistorySampler(this.history, this.snapshotter::capture, full::capture,
				BreakdownCalculator::compute, List.of(), softLimit::get);
		sampler.sampleGauge();
		softLimit.set(softLimit(0, SoftLimitState.OFF));
		sampler.sampleGauge();
		softLimit.set(null);
		sampler.sampleGauge();
		HistorySection section = body(this.endpoint.section("history", null, null), HistorySection.class);
		assertThat(section.points()).extracting(HistorySection.Point::softLimitTarget)
			.containsExactly(800L * 1024 * 1024, null, null);
		assertThat(section.points()).extracting(HistorySection.Point::softLimitState)
			.containsExactly("THROTTLED", null, null);
	}

	@Test
	void aRangeAsInstantsOrAsDurationsBackFromNowSelectsThePointsInIt() {
		GaugeSnapshot snapshot = this.snapshotter.capture();
		Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
		for (int ago : new int[] { 300, 200, 100 }) {
			this.history.record(new GaugeSnapshot(now.minusSeconds(ago), snapshot.process(), snapshot.jvm(),
					snapshot.gc(), snapshot.container()));
		}
		HistorySection recent = body(this.endpoint.section("history", "150s", null), HistorySection.class);
		assertThat(recent.points()).extracting(HistorySection.Point::time).containsExactly(now.minusSeconds(100));
		HistorySection middle = body(this.endpoint.section("history", now.minusSeconds(250).toString(), "2m"),
				HistorySection.class);
		assertThat(middle.points()).extracting(HistorySection.Point::time).containsExactly(now.minusSeconds(200));
	}

	@Test
	void badParametersAreA400NamingTheParameter() {
		assertError(this.endpoint.section("history", "yesterday", null), 400, "from",
				"'from' must be an instant such as 2026-01-01T10:00:00Z or a duration back from now such as 15m, "
						+ "but was 'yesterday'");
		assertError(this.endpoint.section("history", null, "-5m"), 400, "to",
				"'to' must not be a negative duration, but was '-5m'");
		assertError(this.endpoint.section("history", "1m", "10m"), 400, "from", "must not be after 'to'");
		assertError(this.endpoint.section("jvm", "1m", null), 400, "from",
				"'from' applies only to the history section");
	}

	@Test
	void withoutAHistoryTheSectionIsNotFoundAndSaysHowToTurnItOn() {
		MemoryEndpointWebExtension off = new MemoryEndpointWebExtension(
				TestEndpoints.endpoint(Fixtures.root("cgroup-v1-hybrid-limited"), this.tracker, null));
		assertError(off.section("history", null, null), 404, null, "memory-actuator.history.enabled is false");
		assertThat(off.section("diagnosis", null, null).getBody()).isInstanceOfSatisfying(
				FullCaptureSections.DiagnosisSection.class,
				(diagnosis) -> assertThat(diagnosis.nativeGrowth()).contains("the memory history is off"));
	}

	private static SoftLimitStatus softLimit(long target, SoftLimitState state) {
		return new SoftLimitStatus(target, null, 0, 0, 0, state, "because", List.of(), Map.of(), List.of(), List.of(),
				Double.NaN, 0, 0, Map.of(), 0);
	}

	private static <T> T body(WebEndpointResponse<Object> response, Class<T> type) {
		assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(200);
		return type.cast(response.getBody());
	}

	private static void assertError(WebEndpointResponse<Object> response, int status, String parameter,
			String message) {
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getBody()).isInstanceOfSatisfying(Map.class, (body) -> {
			assertThat(body.get("error").toString()).contains(message);
			assertThat(body.get("parameter")).isEqualTo(parameter);
		});
	}

}
