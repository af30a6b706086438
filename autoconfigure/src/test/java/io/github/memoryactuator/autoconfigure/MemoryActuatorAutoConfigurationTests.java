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
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.memoryactuator.diagnosis.Assessor;
import io.github.memoryactuator.diagnosis.LeakVerdict;
import io.github.memoryactuator.endpoint.MemoryEndpoint;
import io.github.memoryactuator.endpoint.MemoryEndpointWebExtension;
import io.github.memoryactuator.endpoint.WriteParametersAdvisor;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.histogram.HistogramOutcome;
import io.github.memoryactuator.history.HistorySampler;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.metrics.BreakdownMetrics;
import io.github.memoryactuator.metrics.LeakMetrics;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.metrics.ReclaimMetrics;
import io.github.memoryactuator.preoom.PreOomReportWriter;
import io.github.memoryactuator.preoom.PreOomWatch;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.ProfilingSettings;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.tuning.HeapTuning;
import io.github.memoryactuator.watch.MemoryWatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryActuatorAutoConfiguration},
 * {@link MemoryProfilingAutoConfiguration}, {@link MemoryEndpointAutoConfiguration} and
 * {@link MemoryMetricsAutoConfiguration}.
 */
class MemoryActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class,
				MemoryProfilingAutoConfiguration.class, MemoryEndpointAutoConfiguration.class,
				MemoryMetricsAutoConfiguration.class, EndpointAutoConfiguration.class))
		.withConfiguration(MetricsAutoConfigurations.simple())
		.withPropertyValues("management.endpoints.web.exposure.include=memory");

	@Test
	void runShouldHaveSnapshotEndpointAndMetricsBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GaugeSnapshotCache.class)
				.hasSingleBean(LiveSetTracker.class)
				.hasSingleBean(MemoryEndpoint.class)
				.hasSingleBean(MemoryMetrics.class)
				.hasSingleBean(ReclaimMetrics.class)
				.hasSingleBean(BreakdownMetrics.class)
				.hasSingleBean(ReclaimService.class)
				.hasSingleBean(ClassHistogramService.class)
				.hasSingleBean(PauseGuard.class)
				.hasSingleBean(MemoryEndpointWebExtension.class)
				.hasSingleBean(WriteParametersAdvisor.class)
				.doesNotHaveBean(AllocationProfiler.class);
			assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.committed.total").gauge()).isNotNull();
			assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.reclaims").counter()).isNotNull();
		});
	}

	@Test
	void runWithProfilingEnabledShouldStartTheProfilerAndStopItWithTheContext() {
		AtomicReference<AllocationProfiler> started = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("memory-actuator.profiling.enabled=true",
					"memory-actuator.profiling.allocation-samples-per-second=20",
					"memory-actuator.profiling.survivor-interval=5s", "memory-actuator.profiling.window=2m")
			.run((context) -> {
				assertThat(context).hasSingleBean(AllocationProfiler.class);
				AllocationProfiler profiler = context.getBean(AllocationProfiler.class);
				started.set(profiler);
				assertThat(profiler.settings())
					.isEqualTo(new ProfilingSettings(20, Duration.ofSeconds(5), Duration.ofMinutes(2)));
			});
		assertThat(started.get().status().state()).isEqualTo(AllocationProfiler.State.STOPPED);
	}

	@Test
	void runWithBadProfilingPropertiesShouldFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("memory-actuator.profiling.enabled=true",
					"memory-actuator.profiling.allocation-samples-per-second=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.profiling.allocation-samples-per-second' must be between 1 and 10000"));
		this.contextRunner.withPropertyValues("memory-actuator.profiling.survivor-interval=10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.profiling.survivor-interval' must be at least 1s"));
		this.contextRunner.withPropertyValues("memory-actuator.profiling.window=30s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.profiling.window' must be at least 1m"));
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
	void runWhenDisabledShouldHaveNoBeans() {
		this.contextRunner.withPropertyValues("memory-actuator.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GaugeSnapshotCache.class)
				.doesNotHaveBean(MemoryEndpoint.class)
				.doesNotHaveBean(MemoryMetrics.class));
	}

	@Test
	void runWhenNotExposedShouldNotHaveEndpointBean() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class,
					MemoryEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(GaugeSnapshotCache.class)
				.doesNotHaveBean(MemoryEndpoint.class));
	}

	@Test
	void runWhenExposedOverJmxOnlyShouldHaveTheEndpointButNoWebExtension() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class,
					MemoryEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=memory")
			.run((context) -> assertThat(context).hasSingleBean(MemoryEndpoint.class)
				.hasSingleBean(WriteParametersAdvisor.class)
				.doesNotHaveBean(MemoryEndpointWebExtension.class));
	}

	@Test
	void runWhenAccessIsNoneShouldNotHaveEndpointBean() {
		this.contextRunner.withPropertyValues("management.endpoint.memory.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryEndpoint.class)
				.doesNotHaveBean(MemoryEndpointWebExtension.class)
				.doesNotHaveBean(WriteParametersAdvisor.class));
	}

	@Test
	void runShouldSayTheReclaimIsAllowedExactlyWhenBootOpensTheWriteOperations() {
		assertReclaimAllowed(false);
		assertReclaimAllowed(false, "management.endpoint.memory.access=READ_ONLY");
		assertReclaimAllowed(true, "management.endpoint.memory.access=UNRESTRICTED");
		assertReclaimAllowed(true, "management.endpoints.access.default=UNRESTRICTED");
		assertReclaimAllowed(false, "management.endpoints.access.default=UNRESTRICTED",
				"management.endpoint.memory.access=READ_ONLY");
		assertReclaimAllowed(false, "management.endpoint.memory.access=UNRESTRICTED",
				"management.endpoints.access.max-permitted=READ_ONLY");
	}

	private void assertReclaimAllowed(boolean allowed, String... properties) {
		this.contextRunner.withPropertyValues(properties)
			.run((context) -> assertThat(context.getBean(MemoryEndpoint.class).memory().reclaimAllowed())
				.as("reclaimAllowed with %s", List.of(properties))
				.isEqualTo(allowed));
	}

	@Test
	void runWithoutMicrometerShouldKeepTheEndpointAndBackOffTheGauges() {
		// Boot's metrics auto-configurations are absent along with Micrometer in a real
		// app.
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryEndpointAutoConfiguration.class,
							MemoryMetricsAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=memory")
			.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MemoryEndpoint.class)
				.doesNotHaveBean(MemoryMetrics.class));
	}

	@Test
	void runWithoutActuatorEndpointsShouldKeepTheGaugesAndBackOffTheEndpoint() {
		// Only the endpoint support is hidden: on Boot 3.5 the metrics set-up lives in
		// the
		// actuator's auto-configuration too.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class,
					MemoryEndpointAutoConfiguration.class, MemoryMetricsAutoConfiguration.class))
			.withConfiguration(MetricsAutoConfigurations.simple())
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(GaugeSnapshotCache.class)
				.hasSingleBean(MemoryMetrics.class)
				.doesNotHaveBean(MemoryEndpoint.class));
	}

	@Test
	void runWithoutMeterRegistryShouldNotHaveMetricsBean() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryMetrics.class));
	}

	@Test
	void runWithUserBeansShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(MemoryEndpoint.class).hasBean("customEndpoint");
			assertThat(context).hasSingleBean(MemoryMetrics.class).hasBean("customMetrics");
			assertThat(context).hasSingleBean(LiveSetTracker.class).hasBean("customTracker");
		});
	}

	@Test
	void runWithBreakdownGaugeDisabledShouldNotHaveItsBinder() {
		this.contextRunner.withPropertyValues("memory-actuator.breakdown.gauge-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BreakdownMetrics.class)
				.hasSingleBean(MemoryMetrics.class));
	}

	@Test
	void runShouldDiagnoseEachHistorySampleForTheLeakGaugesAndNotWithoutTheHistory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LeakVerdict.class).hasSingleBean(LeakMetrics.class);
			// the sampler's first point is taken at start, on its thread
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						context.getBean(MeterRegistry.class).get("jvm.memory.heap.leak.suspected").gauge().value())
					.isEqualTo(0.0));
		});
		this.contextRunner.withPropertyValues("memory-actuator.history.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LeakVerdict.class)
				.doesNotHaveBean(LeakMetrics.class)
				.hasSingleBean(MemoryMetrics.class));
	}

	@Test
	void runWithTooShortBreakdownIntervalShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.breakdown.refresh-interval=10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.breakdown.refresh-interval' must be at least 1s"));
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
				.hasSingleBean(PreOomReportWriter.class)
				.hasSingleBean(MemoryEndpoint.class));
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
	void runWithAWatchIntervalOutsideItsBoundsShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.watch.interval=10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.watch.interval' must be between 25ms and 10s"));
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
	void runWithABadReportIntervalOrFileCountShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.pre-oom.min-interval=100ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.pre-oom.min-interval' must be at least 1s"));
		this.contextRunner.withPropertyValues("memory-actuator.pre-oom.max-files=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.pre-oom.max-files' must be between 1 and 1000"));
	}

	@Test
	void runWithAHistoryOfTooManyPointsShouldFailNamingTheProperties() {
		this.contextRunner
			.withPropertyValues("memory-actuator.history.interval=1s", "memory-actuator.history.retention=1d")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.history.retention' / 'memory-actuator.history.interval' must be at "
						+ "most 8639 points, but was 86400"));
		this.contextRunner.withPropertyValues("memory-actuator.pre-oom.threshold=90")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.pre-oom.threshold' must be above 0.05 and at most 1"));
	}

	@Test
	void runWithABadHealthThresholdOrStatusShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.health.threshold=90")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.health.threshold' must be above 0 and at most 1"));
		this.contextRunner.withPropertyValues("memory-actuator.health.status-above-threshold=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.health.status-above-threshold' must not be empty"));
	}

	@Test
	void runWithNegativeCooldownShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.reclaim.cooldown=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.reclaim.cooldown' must not be negative"));
	}

	@Test
	void runWithNegativeTimeToLiveShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.snapshot-time-to-live=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.snapshot-time-to-live' must not be negative"));
	}

	@Test
	void runWithTinyLiveSetHistoryShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.live-set-history=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("'memory-actuator.live-set-history' must be between 2 and 100000"));
	}

	@Test
	void runWithFixtureRootShouldReadThatTree() {
		this.contextRunner
			.withPropertyValues("memory-actuator.filesystem-root="
					+ io.github.memoryactuator.probe.Fixtures.root("cgroup-v1-hybrid-limited"))
			.run((context) -> assertThat(
					context.getBean(MeterRegistry.class).get("process.cgroup.memory.limit").gauge().value())
				.isEqualTo(512.0 * 1024 * 1024));
	}

	@Test
	void runWithMicrometerJvmExtrasShouldStartAndExportOneRssSeries() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryMetricsAutoConfiguration.class))
			.withConfiguration(MetricsAutoConfigurations.prometheus())
			.withBean(io.github.mweirauch.micrometer.jvm.extras.ProcessMemoryMetrics.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String scrape = context.getBean(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class).scrape();
				assertThat(scrape.lines().filter((line) -> line.startsWith("process_memory_rss_bytes"))).hasSize(1);
				assertThat(scrape).contains("jvm_memory_heap_live_bytes");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		@Bean
		LiveSetTracker customTracker() {
			return new LiveSetTracker(4, Clock.systemUTC(), Set.of());
		}

		@Bean
		MemoryEndpoint customEndpoint(GaugeSnapshotCache cache, Assessor assessor, HeapTuning tuning,
				ReclaimService reclaimer, ClassHistogramService histograms) {
			return new MemoryEndpoint(cache, assessor, tuning, reclaimer, java.util.List.of(), histograms, null, null);
		}

		@Bean
		MemoryMetrics customMetrics(GaugeSnapshotCache cache) {
			return new MemoryMetrics(cache);
		}

	}

}
