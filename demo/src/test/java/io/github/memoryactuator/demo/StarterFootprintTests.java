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

package io.github.memoryactuator.demo;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter itself costs: the heap its beans retain, the threads it starts, and
 * what one scrape allocates. The figures are printed for the README; the assertions are
 * loose bounds that catch a regression by an order of magnitude, not noise.
 */
@EnabledOnOs(OS.LINUX)
class StarterFootprintTests {

	private static final long KB = 1024;

	private static final long MB = KB * KB;

	private static final int RUNS = 3;

	// Serial: a full GC compacts everything into the old generation, so "used after a
	// full
	// GC" is the live heap, with little noise from region or TLAB rounding.
	private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
			"-Xshare:auto");

	private static final List<String> EXPOSURE = List
		.of("--management.endpoints.web.exposure.include=health,prometheus,memory");

	// JDK 17 says "def new generation" and "tenured generation", JDK 25 "DefNew" and
	// "Tenured".
	private static final Pattern GENERATION_USED = Pattern
		.compile("(?m)^\\s*(def new generation|tenured generation|DefNew|Tenured)\\s+total \\d+K, used (\\d+)K");

	private static final Pattern HISTOGRAM_LINE = Pattern
		.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(io\\.github\\.memoryactuator\\.(?!demo\\.)\\S+)");

	private static final Pattern THREAD_NAME = Pattern.compile("(?m)^\"([^\"]+)\"");

	@Test
	void theStarterRetainsLittleHeapAndStartsExactlyThreeThreads() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<Long> enabledHeap = new ArrayList<>();
		List<Long> disabledHeap = new ArrayList<>();
		List<Measurement> measurements = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Measurement>> futures = new ArrayList<>();
			for (int run = 0; run < RUNS; run++) {
				int number = run;
				futures.add(pool.submit(() -> measure(java, true, number)));
				futures.add(pool.submit(() -> measure(java, false, number)));
			}
			for (Future<Measurement> future : futures) {
				measurements.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		for (Measurement measurement : measurements) {
			(measurement.enabled() ? enabledHeap : disabledHeap).add(measurement.heapAfterGc());
		}
		Measurement enabled = measurements.get(0);
		Measurement disabled = measurements.get(1);
		Set<String> extraThreads = new TreeSet<>(enabled.threads());
		extraThreads.removeAll(disabled.threads());
		long retained = median(enabledHeap) - median(disabledHeap);
		System.out.printf(Locale.ROOT, "%nStarter footprint (%s, Serial GC, -Xmx256m, median of %d runs each):%n"
				+ "  heap after full GC, starter enabled:  %s KB%n" + "  heap after full GC, starter disabled: %s KB%n"
				+ "  difference (the starter, its meters and its endpoint; compare with the spread): %d KB%n"
				+ "  our classes in the heap histogram: %d instances, %d KB shallow%n"
				+ "  threads only with the starter: %s%n", Runtime.version(), RUNS, kilobytes(enabledHeap),
				kilobytes(disabledHeap), retained / KB, enabled.instances(), enabled.shallowBytes() / KB, extraThreads);
		assertThat(extraThreads).containsExactly("memory-actuator-breakdown", "memory-actuator-history",
				"memory-actuator-watch");
		assertThat(enabled.shallowBytes()).isPositive().isLessThan(MB);
		assertThat(retained).isLessThan(8 * MB);
	}

	@Test
	void oneScrapeAllocatesAFewKilobytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		try (LiveSetTracker liveSet = LiveSetTracker.startPlatform(256)) {
			GaugeSnapshotter snapshotter = new GaugeSnapshotter(new ProcStatusReader(Path.of("/")),
					new CgroupMemoryReader(Path.of("/")), JvmMemoryReader.platform(), liveSet,
					GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
			// A cache that never expires on its own: refresh() is the one capture per
			// scrape.
			GaugeSnapshotCache cache = new GaugeSnapshotCache(snapshotter::capture, Duration.ofHours(1));
			SimpleMeterRegistry simple = new SimpleMeterRegistry();
			new MemoryMetrics(cache).bindTo(simple);
			PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
			new MemoryMetrics(cache).bindTo(prometheus);
			List<Gauge> gauges = simple.getMeters()
				.stream()
				.filter(Gauge.class::isInstance)
				.map(Gauge.class::cast)
				.toList();
			int iterations = 2_000;
			long thread = Thread.currentThread().getId();
			Runnable capture = snapshotter::capture;
			Runnable scrape = () -> {
				cache.refresh();
				for (Gauge gauge : gauges) {
					gauge.value();
				}
			};
			Runnable prometheusScrape = () -> {
				cache.refresh();
				prometheus.scrape();
			};
			long perCapture = allocatedPerRun(threads, thread, capture, iterations);
			long perScrape = allocatedPerRun(threads, thread, scrape, iterations);
			long perPrometheusScrape = allocatedPerRun(threads, thread, prometheusScrape, iterations / 4);
			System.out.printf(Locale.ROOT,
					"%nAllocation (%s, average of %d runs after as many to warm up):%n"
							+ "  one snapshot capture (/proc/self/status, cgroup, MXBeans): %d bytes%n"
							+ "  one scrape through the cache (capture + reading our %d gauges): %d bytes%n"
							+ "  one Prometheus scrape of only our gauges (capture + text format): %d bytes%n",
					Runtime.version(), iterations, perCapture, gauges.size(), perScrape, perPrometheusScrape);
			assertThat(gauges).hasSizeGreaterThanOrEqualTo(8);
			assertThat(perScrape).isLessThan(128 * KB);
		}
	}

	private static long allocatedPerRun(com.sun.management.ThreadMXBean threads, long thread, Runnable task,
			int iterations) {
		for (int i = 0; i < iterations; i++) {
			task.run();
		}
		long before = threads.getThreadAllocatedBytes(thread);
		for (int i = 0; i < iterations; i++) {
			task.run();
		}
		return (threads.getThreadAllocatedBytes(thread) - before) / iterations;
	}

	private Measurement measure(Path java, boolean enabled, int run) throws Exception {
		List<String> arguments = new ArrayList<>(EXPOSURE);
		arguments.add("--memory-actuator.enabled=" + enabled);
		String name = "footprint-" + (enabled ? "enabled-" : "disabled-") + run;
		return ForkedDemo.withRetry(() -> ForkedDemo.start(java, name, JVM_OPTIONS, arguments), (demo) -> {
			// The same requests on both sides, so that Tomcat, MVC and Prometheus warm up
			// alike (a GET of /actuator/memory would be a 404 and warm up the error pages
			// instead). The starter's full capture is in the heap all the same: the
			// breakdown gauge makes one at startup.
			for (int i = 0; i < 3; i++) {
				demo.get("/actuator/prometheus");
				demo.get("/actuator/health");
			}
			demo.jcmd(java, "GC.run");
			demo.jcmd(java, "GC.run");
			long used = 0;
			Matcher generations = GENERATION_USED.matcher(demo.jcmd(java, "GC.heap_info"));
			while (generations.find()) {
				used += Long.parseLong(generations.group(2)) * KB;
			}
			assertThat(used).as("heap used from GC.heap_info").isPositive();
			long instances = 0;
			long bytes = 0;
			Matcher ours = HISTOGRAM_LINE.matcher(enabled ? demo.jcmd(java, "GC.class_histogram") : "");
			while (ours.find()) {
				instances += Long.parseLong(ours.group(1));
				bytes += Long.parseLong(ours.group(2));
			}
			Set<String> threads = new TreeSet<>();
			Matcher names = THREAD_NAME.matcher(demo.jcmd(java, "Thread.print"));
			while (names.find()) {
				// Numbered pool threads differ in number, not in kind.
				threads.add(names.group(1).replaceAll("\\d+", "N"));
			}
			return new Measurement(enabled, used, instances, bytes, threads);
		});
	}

	private static long median(List<Long> values) {
		List<Long> sorted = sorted(values);
		return sorted.get(sorted.size() / 2);
	}

	private static List<Long> sorted(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted;
	}

	private static List<Long> kilobytes(List<Long> values) {
		return sorted(values).stream().map((bytes) -> bytes / KB).toList();
	}

	private record Measurement(boolean enabled, long heapAfterGc, long instances, long shallowBytes,
			Set<String> threads) {
	}

}
