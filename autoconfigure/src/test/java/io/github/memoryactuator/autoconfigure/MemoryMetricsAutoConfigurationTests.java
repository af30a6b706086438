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

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.memoryactuator.diagnosis.LeakVerdict;
import io.github.memoryactuator.endpoint.MemoryEndpoint;
import io.github.memoryactuator.metrics.BreakdownMetrics;
import io.github.memoryactuator.metrics.LeakMetrics;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.metrics.ReclaimMetrics;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryMetricsAutoConfiguration}.
 */
class MemoryMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryMetricsAutoConfiguration.class))
		.withConfiguration(MetricsAutoConfigurations.simple());

	@Test
	void runShouldRegisterTheGauges() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MemoryMetrics.class)
				.hasSingleBean(ReclaimMetrics.class)
				.hasSingleBean(BreakdownMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.committed.total").gauge()).isNotNull();
			assertThat(context.getBean(MeterRegistry.class).find("jvm.memory.reclaims").counter()).isNotNull();
		});
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
	void runWithoutMeterRegistryShouldNotHaveMetricsBean() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryMetrics.class));
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

	@Test
	void runWithUserGaugesShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomMetrics.class)
			.run((context) -> assertThat(context).hasSingleBean(MemoryMetrics.class).hasBean("customMetrics"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetrics {

		@Bean
		MemoryMetrics customMetrics(GaugeSnapshotCache cache) {
			return new MemoryMetrics(cache);
		}

	}

}
