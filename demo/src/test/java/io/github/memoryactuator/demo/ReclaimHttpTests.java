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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /actuator/memory} over real HTTP, with the access opened up.
 */
class ReclaimHttpTests {

	@Nested
	@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=60s" })
	@AutoConfigureRestTestClient
	class OneReclaimThenCooldown {

		@Autowired
		private RestTestClient client;

		@Test
		void reclaimReportsEveryStepThenTheCooldownRefusesWithSecondsLeft() {
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.summary")
				.value((String summary) -> assertThat(summary).startsWith("released"))
				.jsonPath("$.gc.status")
				.isEqualTo("completed")
				.jsonPath("$.gc.pauseMillis")
				.isNumber()
				.jsonPath("$.trim.status")
				.value((String status) -> assertThat(status).isIn("completed", "unavailable"))
				.jsonPath("$.collector.explanation")
				.isNotEmpty()
				.jsonPath("$.before.rss")
				.isNumber()
				.jsonPath("$.after.heapCommitted")
				.isNumber();
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.exchange()
				.expectStatus()
				.isEqualTo(429)
				.expectBody()
				.jsonPath("$.retryAfterSeconds")
				.value((Integer seconds) -> assertThat(seconds).isBetween(1, 60))
				.jsonPath("$.error")
				.value((String error) -> assertThat(error).startsWith("A reclaim ran recently")
					.contains("the next reclaim or class histogram is allowed in"));
		}

		@Test
		void wrongTypesAndOutOfRangeValuesAreBadRequestsNamingTheParameter() {
			badRequest("{\"gc\":\"maybe\"}", "gc");
			badRequest("{\"trim\":42}", "trim");
			badRequest("{\"maxHeapFreeRatio\":150}", "maxHeapFreeRatio");
			badRequest("{\"minHeapFreeRatio\":\"ten\"}", "minHeapFreeRatio");
			badRequest("{\"g1PeriodicGcInterval\":\"soon\"}", "g1PeriodicGcInterval");
		}

		@Test
		void malformedJsonIsABadRequest() {
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"gc\": tru")
				.exchange()
				.expectStatus()
				.isBadRequest();
		}

		@Test
		void queryParametersWorkToo() {
			this.client.post()
				.uri("/actuator/memory?gc=perhaps")
				.contentType(MediaType.APPLICATION_JSON)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo("gc");
		}

		@Test
		void tuningOnlyRequestChangesTheFlagsWithoutACollection() {
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"gc\":false,\"trim\":false,\"maxHeapFreeRatio\":60}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.gc.status")
				.isEqualTo("skipped")
				.jsonPath("$.tuning.after.maxHeapFreeRatio")
				.isEqualTo(60);
			this.client.get()
				.uri("/actuator/memory/tuning")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.maxHeapFreeRatio")
				.isEqualTo(60);
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"gc\":false,\"trim\":false,\"maxHeapFreeRatio\":70}")
				.exchange()
				.expectStatus()
				.isOk();
		}

		@Test
		void minAboveMaxIsABadRequestAndNothingChanges() {
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"gc\":false,\"trim\":false,\"minHeapFreeRatio\":80,\"maxHeapFreeRatio\":50}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.value((String error) -> assertThat(error).contains("80").contains("50"));
			this.client.get()
				.uri("/actuator/memory/tuning")
				.exchange()
				.expectBody()
				.jsonPath("$.minHeapFreeRatio")
				.isEqualTo(40);
		}

		private void badRequest(String body, String parameter) {
			this.client.post()
				.uri("/actuator/memory")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo(parameter)
				.jsonPath("$.error")
				.value((String error) -> assertThat(error).contains("'" + parameter + "'"));
		}

	}

	@Nested
	@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=5m",
					"server.tomcat.threads.max=32" })
	class Concurrency {

		@LocalServerPort
		private int port;

		@Test
		void twentyConcurrentPostsRunExactlyOneFullGc() throws Exception {
			long before = fullCollections();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/memory"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"trim\":false}"))
				.build();
			ExecutorService pool = Executors.newFixedThreadPool(20);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			try {
				for (int i = 0; i < 20; i++) {
					statuses.add(pool.submit(() -> {
						start.await();
						return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
					}));
				}
				start.countDown();
				List<Integer> codes = new ArrayList<>();
				for (Future<Integer> status : statuses) {
					codes.add(status.get());
				}
				assertThat(codes).containsOnly(200, 429);
				assertThat(codes).filteredOn((code) -> code == 200).hasSize(1);
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(fullCollections() - before).isEqualTo(1);
		}

		// GC.run is a full collection: it counts on the old-generation collector only,
		// whatever young collections happen meanwhile.
		private static long fullCollections() {
			long count = 0;
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				String name = collector.getName();
				if (name.contains("Old") || name.contains("MarkSweep") || name.contains("Major")
						|| name.equals("ZGC Cycles") || name.equals("Shenandoah Cycles")) {
					count += collector.getCollectionCount();
				}
			}
			return count;
		}

	}

}
