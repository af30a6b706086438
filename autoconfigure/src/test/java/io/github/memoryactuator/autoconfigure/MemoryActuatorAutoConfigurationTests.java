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

package io.github.memoryactuator.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.memoryactuator.endpoint.MemoryEndpoint;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.histogram.HistogramOutcome;
import io.github.memoryactuator.history.HistorySampler;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.preoom.PreOomReportWriter;
import io.github.memoryactuator.preoom.PreOomWatch;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.watch.MemoryWatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryActuatorAutoConfiguration}.
 */
class MemoryActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class));

	@Test
	void runShouldHaveTheSnapshotsAndTheWritesWithTheirGuard() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(GaugeSnapshotCache.class)
			.hasSingleBean(LiveSetTracker.class)
			.hasSingleBean(ReclaimService.class)
			.hasSingleBean(ClassHistogramService.class)
			.hasSingleBean(PauseGuard.class));
	}

	@Test
	void runShouldGiveTheReclaimAndTheClassHistogramOneGuard() {
		// No settle wait: the test is about the guard, not about the uncommit.
		this.contextRunner
			.withPropertyValues("memory-actuator.reclaim.cooldown=60s", "memory-actuator.reclaim.settle-timeout=0s")
			.run((context) -> {
				ReclaimOutcome reclaimed = context.getBean(ReclaimService.class)
					.reclaim(new ReclaimRequest(true, false, HeapSettings.none()));
				assertThat(reclaimed).isInstanceOf(ReclaimOutcome.Completed.class);
				assertThat(context.getBean(ClassHistogramService.class).histogram(5)).isInstanceOfSatisfying(
						HistogramOutcome.Refused.class,
						(refused) -> assertThat(refused.refusal()).isInstanceOfSatisfying(Refusal.CoolingDown.class,
								(cooling) -> assertThat(cooling.finished()).isEqualTo(PausingOperation.RECLAIM)));
			});
	}

	@Test
	void runWhenDisabledShouldHaveNoBeansHereNorInTheEndpointAndTheGauges() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MemoryEndpointAutoConfiguration.class,
					MemoryMetricsAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withConfiguration(MetricsAutoConfigurations.simple())
			.withPropertyValues("memory-actuator.enabled=false", "management.endpoints.web.exposure.include=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(GaugeSnapshotCache.class)
				.doesNotHaveBean(MemoryEndpoint.class)
				.doesNotHaveBean(MemoryMetrics.class));
	}

	@Test
	void runWithAUserTrackerShouldBackOff() {
		this.contextRunner
			.withBean("customTracker", LiveSetTracker.class, () -> new LiveSetTracker(4, Clock.systemUTC(), Set.of()))
			.run((context) -> assertThat(context).hasSingleBean(LiveSetTracker.class).hasBean("customTracker"));
	}

	@Test
	void runShouldKeepAHistoryAndWatchForTheLimitUnlessTurnedOff() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MemoryHistory.class)
			.hasSingleBean(HistorySampler.class)
			.hasSingleBean(PreOomWatch.class)
			.hasSingleBean(MemoryWatch.Subscription.class));
		this.contextRunner.withPropertyValues("memory-actuator.pre-oom.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(HistorySampler.class)
				.doesNotHaveBean(PreOomWatch.class)
				.doesNotHaveBean(MemoryWatch.Subscription.class));
	}

	@Test
	void runWithTheHistoryOffShouldStillWatchForTheLimit(@TempDir Path directory) {
		this.contextRunner
			.withPropertyValues("memory-actuator.history.enabled=false",
					"memory-actuator.pre-oom.directory=" + directory)
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryHistory.class)
				.doesNotHaveBean(HistorySampler.class)
				.hasSingleBean(PreOomWatch.class)
				.hasSingleBean(MemoryWatch.Subscription.class)
				.hasSingleBean(PreOomReportWriter.class));
	}

	@Test
	void runTwoContextsAtOnceShouldShareOneWatchThread() {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> {
			assertThat(first.getBean(MemoryWatch.class)).isSameAs(second.getBean(MemoryWatch.class));
			assertThat(first.getBean(MemoryWatch.Subscription.class))
				.isNotSameAs(second.getBean(MemoryWatch.Subscription.class));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
					.filteredOn((thread) -> thread.getName().equals(MemoryWatch.THREAD_NAME))
					.hasSize(1));
		}));
	}

	@Test
	void runWithAWatchIntervalShouldSampleAtIt() {
		this.contextRunner.withPropertyValues("memory-actuator.watch.interval=250ms")
			.run((context) -> assertThat(context.getBean(MemoryActuatorProperties.class).getWatch().getInterval())
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void runShouldWriteReportsOnlyWithADirectory(@TempDir Path directory) {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PreOomReportWriter.class));
		this.contextRunner
			.withPropertyValues("memory-actuator.pre-oom.directory=" + directory,
					"memory-actuator.pre-oom.min-interval=30m", "memory-actuator.pre-oom.max-files=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(PreOomReportWriter.class);
				MemoryActuatorProperties.PreOom preOom = context.getBean(MemoryActuatorProperties.class).getPreOom();
				assertThat(preOom.getDirectory()).isEqualTo(directory);
				assertThat(preOom.getMinInterval()).isEqualTo(Duration.ofMinutes(30));
				assertThat(preOom.getMaxFiles()).isEqualTo(3);
			});
		this.contextRunner
			.withPropertyValues("memory-actuator.pre-oom.directory=" + directory,
					"memory-actuator.pre-oom.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PreOomReportWriter.class));
	}

	@Test
	void runWithABadPropertyShouldFailTheStartNamingTheKeyAndTheValue() {
		this.contextRunner.withPropertyValues("memory-actuator.pre-oom.threshold=90")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"'memory-actuator.pre-oom.threshold' must be above 0.05 and at most 1, but was 90"));
	}

}
