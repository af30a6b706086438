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

package io.github.memoryactuator.metrics;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeakMetrics}.
 */
class LeakMetricsTests {

	private final AtomicReference<Reading<Boolean>> heap = new AtomicReference<>(Reading.unavailable("not yet"));

	private final AtomicReference<Reading<Boolean>> nativeLeak = new AtomicReference<>(Reading.unavailable("not yet"));

	@Test
	void gaugesAreNaNUntilAVerdictThenOneOrZero() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new LeakMetrics(this.heap::get, this.nativeLeak::get).bindTo(registry);
		Gauge heapGauge = registry.get("jvm.memory.heap.leak.suspected").gauge();
		Gauge nativeGauge = registry.get("process.memory.native.leak.suspected").gauge();
		assertThat(heapGauge.value()).isNaN();
		assertThat(nativeGauge.value()).isNaN();
		this.heap.set(Reading.of(true));
		this.nativeLeak.set(Reading.of(false));
		assertThat(heapGauge.value()).isEqualTo(1.0);
		assertThat(nativeGauge.value()).isEqualTo(0.0);
		this.heap.set(Reading.of(false));
		this.nativeLeak.set(Reading.of(true));
		assertThat(heapGauge.value()).isEqualTo(0.0);
		assertThat(nativeGauge.value()).isEqualTo(1.0);
		for (Gauge gauge : new Gauge[] { heapGauge, nativeGauge }) {
			assertThat(gauge.getId().getDescription()).contains("leak");
			assertThat(gauge.getId().getBaseUnit()).isEqualTo("suspected");
		}
	}

	@Test
	void prometheusNamesEndInSuspectedOnce() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		this.heap.set(Reading.of(true));
		this.nativeLeak.set(Reading.of(false));
		new LeakMetrics(this.heap::get, this.nativeLeak::get).bindTo(registry);
		String scrape = registry.scrape();
		assertThat(scrape).containsPattern("(?m)^# HELP jvm_memory_heap_leak_suspected \\S.*$")
			.containsPattern("(?m)^jvm_memory_heap_leak_suspected 1\\.0$")
			.containsPattern("(?m)^process_memory_native_leak_suspected 0\\.0$")
			.doesNotContain("suspected_suspected");
	}

}
