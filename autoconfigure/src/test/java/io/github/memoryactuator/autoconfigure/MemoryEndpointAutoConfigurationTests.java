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

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.endpoint.MemoryEndpoint;
import io.github.memoryactuator.endpoint.MemoryEndpointWebExtension;
import io.github.memoryactuator.endpoint.WriteParametersAdvisor;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.tuning.HeapTuning;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryEndpointAutoConfiguration}.
 */
class MemoryEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class,
				MemoryEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=memory");

	@Test
	void runShouldHaveTheEndpointItsWebExtensionAndTheCheckOfItsParameters() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MemoryEndpoint.class)
			.hasSingleBean(MemoryEndpointWebExtension.class)
			.hasSingleBean(WriteParametersAdvisor.class));
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
	void runWithAUserEndpointShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomEndpoint.class)
			.run((context) -> assertThat(context).hasSingleBean(MemoryEndpoint.class).hasBean("customEndpoint"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpoint {

		@Bean
		MemoryEndpoint customEndpoint(GaugeSnapshotCache cache, CaptureDiagnoser diagnoser, HeapTuning tuning,
				ReclaimService reclaimer, ClassHistogramService histograms) {
			return new MemoryEndpoint(cache, diagnoser, tuning, reclaimer, List.of(), histograms, null, null);
		}

	}

}
