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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.mweirauch.micrometer.jvm.extras.ProcessMemoryMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryMetrics}.
 */
class MemoryMetricsTests {

	private static final String[] BYTE_GAUGES = { "process.memory.rss", "process.memory.rss.anon",
			"process.memory.rss.file", "process.memory.rss.shmem", "process.memory.swap", "process.memory.charged",
			"jvm.memory.heap.max", "jvm.memory.heap.live", "jvm.memory.committed.total", "process.cgroup.memory.limit",
			"process.cgroup.memory.usage" };

	private final LiveSetTracker tracker = new LiveSetTracker(8, Clock.systemUTC(), Set.of());

	private GaugeSnapshotCache cache(Path root) {
		GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(root, this.tracker);
		return new GaugeSnapshotCache(snapshotter::capture, java.time.Duration.ZERO);
	}

	@Test
	void everyGaugeHasADescriptionAndABaseUnit() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(Fixtures.root("cgroup-v1-hybrid-limited"))).bindTo(registry);
		for (String name : BYTE_GAUGES) {
			Gauge gauge = registry.get(name).gauge();
			assertThat(gauge.getId().getBaseUnit()).as(name).isEqualTo(BaseUnits.BYTES);
			assertThat(gauge.getId().getDescription()).as(name).isNotBlank();
		}
		Gauge ratio = registry.get("jvm.gc.headroom.ratio").gauge();
		assertThat(ratio.getId().getBaseUnit()).isEqualTo("ratio");
		assertThat(ratio.getId().getDescription()).contains("GOGC");
	}

	@Test
	void gaugesReadTheFixtureValues() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(Fixtures.root("cgroup-v1-hybrid-limited"))).bindTo(registry);
		assertThat(registry.get("process.memory.rss").gauge().value()).isEqualTo(102804.0 * 1024);
		assertThat(registry.get("process.cgroup.memory.limit").gauge().value()).isEqualTo(512.0 * 1024 * 1024);
		assertThat(registry.get("process.cgroup.memory.usage").gauge().value()).isEqualTo(85598208.0);
	}

	@Test
	void chargedIsTheLargerOfRssAndTheWorkingSetAndRssWithoutACgroup() {
		// RSS above the working set (usage 85598208 less inactive_file 32768)
		assertThat(charged("cgroup-v1-hybrid-limited")).isEqualTo(102804.0 * 1024);
		// the working set (usage 187326464 less inactive_file 62914560) above RSS
		assertThat(charged("cgroup-v2-container-limited")).isEqualTo(187326464.0 - 62914560);
		assertThat(charged("no-cgroup")).isEqualTo(104516.0 * 1024);
	}

	private double charged(String fixture) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(Fixtures.root(fixture))).bindTo(registry);
		return registry.get("process.memory.charged").gauge().value();
	}

	@Test
	void liveAndHeadroomAreNaNUntilACollectionMarksTheOldGenerationThenFollowIt() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(Fixtures.root("cgroup-v1-hybrid-limited"))).bindTo(registry);
		assertThat(registry.get("jvm.memory.heap.live").gauge().value()).isNaN();
		assertThat(registry.get("jvm.gc.headroom.ratio").gauge().value()).isNaN();
		this.tracker.record(Instant.now(), 300 * 1024 * 1024, 512 * 1024 * 1024, CollectionScope.YOUNG);
		assertThat(registry.get("jvm.memory.heap.live").gauge().value()).as("a young collection is no reading").isNaN();
		this.tracker.record(Instant.now(), 1024 * 1024, 3 * 1024 * 1024, CollectionScope.FULL);
		assertThat(registry.get("jvm.memory.heap.live").gauge().value()).isEqualTo(1024.0 * 1024);
		assertThat(registry.get("jvm.gc.headroom.ratio").gauge().value()).isEqualTo(2.0);
	}

	@Test
	void unlimitedCgroupRegistersUsageButNoLimit() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(Fixtures.root("cgroup-v1-hybrid-unlimited"))).bindTo(registry);
		assertThat(registry.find("process.cgroup.memory.limit").gauge()).isNull();
		assertThat(registry.find("process.cgroup.memory.usage").gauge()).isNotNull();
	}

	@Test
	void withoutProcOrCgroupNoProcessOrContainerGaugeIsRegistered(@TempDir Path empty) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(empty)).bindTo(registry);
		assertThat(registry.find("process.memory.rss").gauge()).isNull();
		assertThat(registry.find("process.memory.swap").gauge()).isNull();
		assertThat(registry.find("process.memory.charged").gauge()).isNull();
		assertThat(registry.find("process.cgroup.memory.usage").gauge()).isNull();
		assertThat(registry.find("jvm.memory.committed.total").gauge()).isNotNull();
	}

	@Test
	void noGaugeTakesAKubernetesExporterNameOrRepeatsMicrometersJvmMemoryMetrics() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new JvmMemoryMetrics().bindTo(registry);
		Set<String> micrometers = registry.getMeters()
			.stream()
			.map((meter) -> meter.getId().getName())
			.collect(Collectors.toSet());
		new MemoryMetrics(cache(Fixtures.root("cgroup-v1-hybrid-limited"))).bindTo(registry);
		Set<String> ours = registry.getMeters()
			.stream()
			.map((meter) -> meter.getId().getName())
			.filter((name) -> !micrometers.contains(name))
			.collect(Collectors.toSet());
		assertThat(ours).contains(BYTE_GAUGES).contains("jvm.gc.headroom.ratio").hasSize(BYTE_GAUGES.length + 1);
		// cAdvisor, kube-state-metrics and node_exporter export these for every pod and
		// node: a series of ours under one of them would be counted twice in a sum.
		assertThat(ours).noneMatch((name) -> name.startsWith("container.") || name.startsWith("kube.")
				|| name.startsWith("node.") || name.startsWith("machine."));
		// Summing Micrometer's per-pool jvm.memory.used or .committed gives the heap's.
		assertThat(ours).doesNotContain("jvm.memory.heap.used", "jvm.memory.heap.committed");
	}

	@Test
	void oldKernelRegistersRssButNotItsSplit() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new MemoryMetrics(cache(Fixtures.root("linux-4.4-status"))).bindTo(registry);
		assertThat(registry.find("process.memory.rss").gauge()).isNotNull();
		assertThat(registry.find("process.memory.rss.anon").gauge()).isNull();
	}

	@Test
	void prometheusScrapeHasEveryGaugeWithUnitSuffixes() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new MemoryMetrics(cache(Fixtures.root("cgroup-v1-hybrid-limited"))).bindTo(registry);
		this.tracker.record(Instant.now(), 1024 * 1024, 3 * 1024 * 1024, CollectionScope.FULL);
		String scrape = registry.scrape();
		for (String name : BYTE_GAUGES) {
			String series = name.replace('.', '_') + "_bytes";
			assertThat(scrape).containsPattern("(?m)^# HELP " + series + " \\S.*$");
			assertThat(scrape).containsPattern("(?m)^" + series + " [0-9.E+]+$");
		}
		assertThat(scrape).containsPattern("(?m)^# HELP jvm_gc_headroom_ratio \\S.*$");
		assertThat(scrape).containsPattern("(?m)^jvm_gc_headroom_ratio [0-9.E+]+$");
		assertThat(scrape).doesNotContain("ratio_ratio");
		assertThat(scrape).doesNotContainPattern("(?m)^(# \\w+ )?(container|kube|node|machine)_");
	}

	@Test
	void coexistsWithMicrometerJvmExtrasBoundFirst() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new ProcessMemoryMetrics().bindTo(registry);
		new MemoryMetrics(cache(Path.of("/"))).bindTo(registry);
		assertOneRssSeries(registry.scrape());
	}

	@Test
	void coexistsWithMicrometerJvmExtrasBoundAfter() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new MemoryMetrics(cache(Path.of("/"))).bindTo(registry);
		new ProcessMemoryMetrics().bindTo(registry);
		assertOneRssSeries(registry.scrape());
	}

	private static void assertOneRssSeries(String scrape) {
		assertThat(scrape.lines().filter((line) -> line.startsWith("process_memory_rss_bytes"))).hasSize(1);
		assertThat(scrape.lines().filter((line) -> line.startsWith("# TYPE process_memory_rss_bytes"))).hasSize(1);
	}

}
