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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.github.memoryactuator.softlimit.SoftLimitSettings;
import io.github.memoryactuator.watch.MemoryWatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryActuatorProperties}: every bad value fails the binding, with a
 * message that names the full key and the value.
 */
class MemoryActuatorPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					snapshot-time-to-live=-1s                          | 'memory-actuator.snapshot-time-to-live' must not be negative, but was PT-1S
					max-request-size=512B                              | 'memory-actuator.max-request-size' must be at least 1KB, but was 512B
					gc.recent-collections=1                            | 'memory-actuator.gc.recent-collections' must be between 2 and 100000, but was 1
					full-capture.min-interval=-1s                      | 'memory-actuator.full-capture.min-interval' must not be negative, but was PT-1S
					breakdown.refresh-interval=10ms                    | 'memory-actuator.breakdown.refresh-interval' must be at least 1s, but was PT0.01S
					history.interval=500ms                             | 'memory-actuator.history.interval' must be at least 1s, but was PT0.5S
					history.breakdown-interval=2h                      | 'memory-actuator.history.retention' must be at least 'memory-actuator.history.breakdown-interval' (PT2H), but was PT1H
					history.retention=1d                               | 'memory-actuator.history.retention' / 'memory-actuator.history.interval' must be at most 8639 points, but was 8640
					watch.interval=10ms                                | 'memory-actuator.watch.interval' must be between 25ms and 10s, but was PT0.01S
					pre-oom.threshold=90                               | 'memory-actuator.pre-oom.threshold' must be above 0.05 and at most 1, but was 90.0
					pre-oom.min-interval=100ms                         | 'memory-actuator.pre-oom.min-interval' must be at least 1s, but was PT0.1S
					pre-oom.max-files=0                                | 'memory-actuator.pre-oom.max-files' must be between 1 and 1000, but was 0
					diagnosis.leak-window=0s                           | 'memory-actuator.diagnosis.leak-window' must be between 1s and 1d, but was PT0S
					diagnosis.leak-min-growth=-1MB                     | 'memory-actuator.diagnosis.leak-min-growth' must not be negative, but was -1048576B
					diagnosis.leak-min-growth-ratio=101                | 'memory-actuator.diagnosis.leak-min-growth-ratio' must be between 0 and 100, but was 101.0
					reclaim.cooldown=-1s                               | 'memory-actuator.reclaim.cooldown' must not be negative, but was PT-1S
					reclaim.settle-timeout=61s                         | 'memory-actuator.reclaim.settle-timeout' must be between 0 and 60s, but was PT1M1S
					reclaim.settle-poll-interval=0ms                   | 'memory-actuator.reclaim.settle-poll-interval' must be at least 1ms, but was PT0S
					profiling.allocation-samples-per-second=0          | 'memory-actuator.profiling.allocation-samples-per-second' must be between 1 and 10000, but was 0
					profiling.survivor-interval=10ms                   | 'memory-actuator.profiling.survivor-interval' must be at least 1s, but was PT0.01S
					profiling.window=30s                               | 'memory-actuator.profiling.window' must be at least 1m, but was PT30S
					health.threshold=90                                | 'memory-actuator.health.threshold' must be above 0 and at most 1, but was 90.0
					health.status-above-threshold=                     | 'memory-actuator.health.status-above-threshold' must not be empty, but was
					soft-limit.target=lots                             | 'memory-actuator.soft-limit.target' must be a size such as 1500MB or a share of the memory limit
					soft-limit.aim=0.4                                 | 'memory-actuator.soft-limit.aim' must be above 0.5 and at most 1, but was 0.4
					soft-limit.gc-cpu-budget=0                         | 'memory-actuator.soft-limit.gc-cpu-budget' must be above 0 and at most 1, but was 0.0
					soft-limit.max-forced-collections-per-minute=61    | 'memory-actuator.soft-limit.max-forced-collections-per-minute' must be between 1 and 60, but was 61
					""")
	void aBadValueFailsNamingTheKeyAndTheValue(String property, String message) {
		this.contextRunner.withPropertyValues("memory-actuator." + property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(message.strip()));
	}

	@Test
	void theDefaultsAreValid() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	// Written as literals so that the configuration metadata, and so the IDE, shows them.
	@Test
	void theDefaultsWrittenForTheIdeAreTheCoresDefaults() {
		MemoryActuatorProperties properties = new MemoryActuatorProperties();
		assertThat(properties.getWatch().getInterval()).isEqualTo(MemoryWatch.DEFAULT_INTERVAL);
		MemoryActuatorProperties.SoftLimit softLimit = properties.getSoftLimit();
		assertThat(softLimit.getAim()).isEqualTo(SoftLimitSettings.DEFAULT_AIM);
		assertThat(softLimit.getGcCpuBudget()).isEqualTo(SoftLimitSettings.DEFAULT_GC_CPU_BUDGET);
		assertThat(softLimit.getMaxForcedCollectionsPerMinute())
			.isEqualTo(SoftLimitSettings.DEFAULT_MAX_FORCED_PER_MINUTE);
	}

	@Test
	void everyBadValueIsReportedAtOnce() {
		this.contextRunner
			.withPropertyValues("memory-actuator.pre-oom.max-files=0", "memory-actuator.reclaim.cooldown=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'memory-actuator.pre-oom.max-files'")
				.hasMessageContaining("'memory-actuator.reclaim.cooldown'"));
	}

	@Test
	void goodValuesAreBound() {
		this.contextRunner
			.withPropertyValues("memory-actuator.gc.recent-collections=16", "memory-actuator.history.retention=2h",
					"memory-actuator.soft-limit.target=85%")
			.run((context) -> {
				MemoryActuatorProperties properties = context.getBean(MemoryActuatorProperties.class);
				assertThat(properties.getGc().getRecentCollections()).isEqualTo(16);
				assertThat(properties.getHistory().getRetention()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.getSoftLimit().getTarget()).isEqualTo("85%");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MemoryActuatorProperties.class)
	static class PropertiesOnly {

	}

}
