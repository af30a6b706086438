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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.ProfilingSettings;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for allocation profiling with Java
 * Flight Recorder, off unless {@code memory-actuator.profiling.enabled=true}. A class of
 * its own, so that with profiling off Spring never loads it or the profiler.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MemoryActuatorAutoConfiguration.class)
@ConditionalOnBooleanProperty("memory-actuator.profiling.enabled")
@ConditionalOnBean(GaugeSnapshotCache.class)
public final class MemoryProfilingAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AllocationProfiler memoryActuatorAllocationProfiler(MemoryActuatorProperties properties) {
		MemoryActuatorProperties.Profiling profiling = properties.getProfiling();
		return AllocationProfiler.start(new ProfilingSettings(profiling.getAllocationSamplesPerSecond(),
				profiling.getSurvivorInterval(), profiling.getWindow()));
	}

}
