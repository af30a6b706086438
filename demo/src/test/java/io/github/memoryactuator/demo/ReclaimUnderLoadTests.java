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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load on loopback: 32 clients for 10 s scrape {@code /actuator/prometheus} and
 * read {@code /actuator/memory} as fast as they can, while 4 of them ask for a reclaim
 * every 500 ms with no cooldown. No request may fail with 5xx, and reclaims must never
 * overlap.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=0s",
				"management.endpoints.web.exposure.include=health,prometheus,memory", "server.tomcat.threads.max=64" })
@AutoConfigureMetrics
class ReclaimUnderLoadTests {

	private static final int CLIENTS = 32;

	private static final int RECLAIMERS = 4;

	private static final Duration DURATION = Duration.ofSeconds(10);

	private static final Duration RECLAIM_EVERY = Duration.ofMillis(500);

	@LocalServerPort
	private int port;

	@Test
	void reclaimsNeverOverlapAndNothingFailsUnderConcurrentScrapesAndReads() throws Exception {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
		long fullCollectionsBefore = fullCollections();
		long deadline = System.nanoTime() + DURATION.toNanos();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> futures = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				int client = i;
				futures.add(clients.submit(() -> {
					go.await();
					if (client < RECLAIMERS) {
						// Staggered, so that the reclaimers collide with each other only
						// sometimes.
						Thread.sleep(client * RECLAIM_EVERY.toMillis() / RECLAIMERS);
						while (System.nanoTime() < deadline) {
							long start = System.nanoTime();
							samples.add(send(http, Kind.RECLAIM));
							long left = RECLAIM_EVERY.toNanos() - (System.nanoTime() - start);
							if (left > 0) {
								TimeUnit.NANOSECONDS.sleep(Math.min(left, Math.max(0, deadline - System.nanoTime())));
							}
						}
					}
					else {
						Kind kind = (client % 2 == 0) ? Kind.SCRAPE : Kind.READ;
						while (System.nanoTime() < deadline) {
							samples.add(send(http, kind));
						}
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> future : futures) {
				// Bounded: every client stops at the deadline, plus one request's
				// timeout.
				future.get(DURATION.toSeconds() + 60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		long fullCollections = fullCollections() - fullCollectionsBefore;

		Map<Kind, List<Sample>> byKind = samples.stream().collect(Collectors.groupingBy(Sample::kind));
		System.out.println(summary(byKind, fullCollections));
		assertThat(samples).as("5xx responses").noneMatch((sample) -> sample.status() >= 500);
		assertThat(byKind.get(Kind.SCRAPE)).isNotEmpty().allMatch((sample) -> sample.status() == 200);
		assertThat(byKind.get(Kind.READ)).isNotEmpty().allMatch((sample) -> sample.status() == 200);
		List<Sample> reclaims = byKind.get(Kind.RECLAIM);
		assertThat(reclaims).allMatch((sample) -> sample.status() == 200 || sample.status() == 429);
		List<Sample> completed = reclaims.stream()
			.filter((sample) -> sample.status() == 200)
			.sorted(Comparator.comparing(Sample::reclaimStart))
			.toList();
		assertThat(completed).isNotEmpty();
		for (int i = 1; i < completed.size(); i++) {
			assertThat(completed.get(i).reclaimStart()).as("reclaim %d started after reclaim %d ended", i, i - 1)
				.isAfterOrEqualTo(completed.get(i - 1).reclaimEnd());
		}
		oldGenerationCollector().ifPresent(
				(name) -> assertThat(fullCollections).as("full collections of %s: one per completed reclaim", name)
					.isEqualTo(completed.size()));
	}

	private Sample send(HttpClient http, Kind kind) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + kind.path))
			.timeout(Duration.ofSeconds(30));
		if (kind == Kind.RECLAIM) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
		}
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			long nanos = System.nanoTime() - start;
			if (kind == Kind.RECLAIM && response.statusCode() == 200) {
				String body = response.body();
				return new Sample(kind, 200, nanos, Instant.parse(JsonPath.read(body, "$.before.capturedAt")),
						Instant.parse(JsonPath.read(body, "$.after.capturedAt")));
			}
			return new Sample(kind, response.statusCode(), nanos, null, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.io.IOException ex) {
			// A refused or reset connection is a failure like a 5xx.
			return new Sample(kind, 599, System.nanoTime() - start, null, null);
		}
	}

	// The collector that counts full collections (what GC.run does) and nothing else.
	private static Optional<String> oldGenerationCollector() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.filter((name) -> List.of("G1 Old Generation", "MarkSweepCompact", "PS MarkSweep").contains(name))
			.findFirst();
	}

	private static long fullCollections() {
		Optional<String> name = oldGenerationCollector();
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.filter((bean) -> name.isPresent() && bean.getName().equals(name.get()))
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	private static String summary(Map<Kind, List<Sample>> byKind, long fullCollections) {
		StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
				"%nLoad: %d clients for %d s on loopback (%s)%n| %-34s | %8s | %8s | %8s | %-18s |%n", CLIENTS,
				DURATION.toSeconds(), Runtime.version(), "request", "count", "p50 ms", "p99 ms", "status"));
		for (Kind kind : Kind.values()) {
			List<Sample> samples = byKind.getOrDefault(kind, List.of());
			List<Long> nanos = new ArrayList<>(samples.stream().map(Sample::nanos).toList());
			Collections.sort(nanos);
			Map<Integer, Long> statuses = samples.stream()
				.collect(Collectors.groupingBy(Sample::status, java.util.TreeMap::new, Collectors.counting()));
			summary.append(String.format(Locale.ROOT, "| %-34s | %8d | %8.1f | %8.1f | %-18s |%n", kind.label,
					samples.size(), percentile(nanos, 0.50), percentile(nanos, 0.99), statuses));
		}
		summary.append("full collections during the load: ").append(fullCollections).append('\n');
		return summary.toString();
	}

	private static double percentile(List<Long> sorted, double fraction) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(fraction * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private enum Kind {

		SCRAPE("GET /actuator/prometheus", "/actuator/prometheus"),

		READ("GET /actuator/memory", "/actuator/memory"),

		RECLAIM("POST /actuator/memory (reclaim)", "/actuator/memory");

		private final String label;

		private final String path;

		Kind(String label, String path) {
			this.label = label;
			this.path = path;
		}

	}

	private record Sample(Kind kind, int status, long nanos, Instant reclaimStart, Instant reclaimEnd) {
	}

}
