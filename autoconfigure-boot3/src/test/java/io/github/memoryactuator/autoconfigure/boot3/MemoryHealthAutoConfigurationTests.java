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

package io.github.memoryactuator.autoconfigure.boot3;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.memoryactuator.autoconfigure.MemoryActuatorAutoConfiguration;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.snapshot.LimitUse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryHealthAutoConfiguration} and the {@link MemoryHealthIndicator}
 * on Spring Boot 3.
 */
class MemoryHealthAutoConfigurationTests {

	private static final long LIMIT = 512L * 1024 * 1024;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryHealthAutoConfiguration.class))
		.withPropertyValues("memory-actuator.history.enabled=false");

	@Test
	void runShouldContributeMemoryHealthUnlessTurnedOff() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MemoryHealthIndicator.class)
			.hasBean("memoryHealthIndicator"));
		this.contextRunner.withPropertyValues("management.health.memory.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryHealthIndicator.class));
		this.contextRunner.withPropertyValues("memory-actuator.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoryHealthIndicator.class));
	}

	@Test
	void belowTheThresholdIsUpWithRssTheLimitAndTheVerdict() {
		this.contextRunner.withPropertyValues(root("cgroup-v2-container-limited")).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("rss", 104516L * 1024)
				.containsEntry("limit", LIMIT)
				.containsEntry("share", 0.232)
				.containsEntry("threshold", 0.9);
			assertThat((String) health.getDetails().get("verdict")).isNotBlank();
		});
	}

	@Test
	void aboveTheThresholdIsOutOfServiceOnCgroupV1AndV2() {
		for (String fixture : new String[] { "cgroup-v1-hybrid-limited", "cgroup-v2-container-limited" }) {
			this.contextRunner.withPropertyValues(root(fixture), "memory-actuator.health.threshold=0.15")
				.run((context) -> {
					Health health = health(context);
					assertThat(health.getStatus()).as(fixture).isEqualTo(Status.OUT_OF_SERVICE);
					assertThat(health.getDetails()).as(fixture).containsEntry("limit", LIMIT).containsKey("verdict");
				});
		}
	}

	@Test
	void aboveTheThresholdIsTheConfiguredStatus() {
		this.contextRunner
			.withPropertyValues(root("cgroup-v1-hybrid-limited"), "memory-actuator.health.threshold=0.15",
					"memory-actuator.health.status-above-threshold=MEMORY_PRESSURE")
			.run((context) -> assertThat(health(context).getStatus()).isEqualTo(new Status("MEMORY_PRESSURE")));
	}

	@Test
	void withoutALimitIsUpAndSaysThereIsNone() {
		this.contextRunner
			.withPropertyValues(root("cgroup-v2-container-unlimited"), "memory-actuator.health.threshold=0.01")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("noLimit", LimitUse.NO_LIMIT).doesNotContainKey("limit");
			});
	}

	private static String root(String fixture) {
		return "memory-actuator.filesystem-root=" + Fixtures.root(fixture);
	}

	private static Health health(AssertableApplicationContext context) {
		assertThat(context).hasSingleBean(MemoryHealthIndicator.class);
		return context.getBean(MemoryHealthIndicator.class).health();
	}

}
