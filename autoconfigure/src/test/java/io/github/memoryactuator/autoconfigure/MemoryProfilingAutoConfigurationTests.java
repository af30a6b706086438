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
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.ProfilingSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryProfilingAutoConfiguration}.
 */
class MemoryProfilingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryProfilingAutoConfiguration.class));

	@Test
	void runShouldNotStartTheProfilerUnlessEnabled() {
		this.contextRunner
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AllocationProfiler.class));
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

}
