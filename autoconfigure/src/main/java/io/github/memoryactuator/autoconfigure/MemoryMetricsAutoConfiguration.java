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

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.diagnosis.LeakVerdict;
import io.github.memoryactuator.metrics.BreakdownMetrics;
import io.github.memoryactuator.metrics.LeakMetrics;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.metrics.ReclaimMetrics;
import io.github.memoryactuator.metrics.SoftLimitMetrics;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.softlimit.SoftLimitController;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the memory gauges, the RSS
 * breakdown gauge, the leak verdict's gauges and the reclaim meters.
 * <p>
 * It must run after the line's own registry set-up, or {@code @ConditionalOnBean} finds
 * no {@link MeterRegistry} yet and the gauges are silently left out. Boot 4 moved that
 * set-up to another package, so both lines' classes are named as text: a class reference
 * to either would not load on the other line, and a class condition on one would switch
 * the gauges off on the other (what a pre-release build did on Boot 3.5).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MemoryActuatorAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, GaugeSnapshotCache.class })
public final class MemoryMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoryMetrics memoryActuatorMetrics(GaugeSnapshotCache snapshots) {
		return new MemoryMetrics(snapshots);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LeakVerdict.class)
	LeakMetrics memoryActuatorLeakMetrics(LeakVerdict verdict) {
		return new LeakMetrics(verdict::heapLeakSuspected, verdict::nativeLeakSuspected);
	}

	@Bean
	@ConditionalOnMissingBean
	ReclaimMetrics memoryActuatorReclaimMetrics() {
		return new ReclaimMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SoftLimitController.class)
	SoftLimitMetrics memoryActuatorSoftLimitMetrics(SoftLimitController softLimit) {
		return new SoftLimitMetrics(softLimit);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory-actuator.breakdown.gauge-enabled", matchIfMissing = true)
	BreakdownMetrics memoryActuatorBreakdownMetrics(FullSnapshotCache fullSnapshots,
			MemoryActuatorProperties properties) {
		return new BreakdownMetrics(() -> BreakdownCalculator.compute(fullSnapshots.get()),
				properties.getBreakdown().getRefreshInterval());
	}

}
