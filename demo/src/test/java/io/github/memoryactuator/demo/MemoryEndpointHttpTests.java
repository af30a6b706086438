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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code /actuator/memory} and the gauges over real HTTP, with the default
 * (read-only) access.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=health,prometheus,memory")
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class MemoryEndpointHttpTests {

	@Autowired
	private RestTestClient client;

	@Test
	void getReturnsEverySection() {
		this.client.get()
			.uri("/actuator/memory")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.process.rss")
			.isNumber()
			.jsonPath("$.jvm.heap.committed")
			.isNumber()
			.jsonPath("$.jvm.nonHeap.pools")
			.isArray()
			.jsonPath("$.jvm.buffers[?(@.name == 'direct')]")
			.exists()
			.jsonPath("$.gc.collectors")
			.isArray()
			.jsonPath("$.container")
			.exists();
	}

	@Test
	void getSectionReturnsOnlyThatSection() {
		this.client.get()
			.uri("/actuator/memory/process")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.rss")
			.isNumber()
			.jsonPath("$.jvm")
			.doesNotExist();
	}

	@Test
	void unknownSectionIsNotFound() {
		this.client.get()
			.uri("/actuator/memory/nonsense")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.value((String error) -> assertThat(error).contains("'nonsense'"));
	}

	@Test
	void postIsNotAllowedByDefault() {
		this.client.post()
			.uri("/actuator/memory")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(405);
	}

	@Test
	void classHistogramIsAWriteOperationAndNotAllowedByDefault() {
		this.client.post()
			.uri("/actuator/memory/histogram")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(405);
	}

	@Test
	void withProfilingOffTheAllocationsAndTheirProfileAreAConflictThatSaysHowToTurnItOn() {
		for (String path : new String[] { "/actuator/memory/allocations", "/actuator/memory/allocations/pprof" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectHeader()
				.value("Content-Type", (type) -> assertThat(type).contains("json"))
				.expectBody()
				.jsonPath("$.error")
				.value((String error) -> assertThat(error)
					.startsWith("allocation profiling is off: start the application with "
							+ "memory-actuator.profiling.enabled=true"));
		}
		this.client.get().uri("/actuator/memory/allocations/svg").exchange().expectStatus().isNotFound();
	}

	@Test
	void prometheusScrapeHasTheGaugesWithUnitSuffixes() {
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(scrape).isNotNull();
		for (String series : new String[] { "process_memory_rss_bytes", "process_memory_rss_anon_bytes",
				"process_memory_rss_file_bytes", "process_memory_rss_shmem_bytes", "process_memory_swap_bytes",
				"jvm_memory_heap_max_bytes", "jvm_memory_committed_total_bytes",
				"process_cgroup_memory_usage_bytes" }) {
			assertThat(scrape).containsPattern("(?m)^" + series + "(\\{[^}]*\\})? [0-9.E+]+$");
		}
		// cAdvisor, kube-state-metrics and node_exporter own these names in a Kubernetes
		// Prometheus; heap used and committed are Micrometer's, per pool.
		assertThat(scrape).doesNotContainPattern("(?m)^(container|kube|node|machine)_")
			.doesNotContain("jvm_memory_heap_used_bytes", "jvm_memory_heap_committed_bytes")
			.containsPattern("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"");
		// NaN until a GC completes after this context's tracker started, which depends on
		// which test classes ran before in the same JVM.
		for (String series : new String[] { "jvm_memory_heap_live_bytes", "jvm_gc_headroom_ratio" }) {
			assertThat(scrape).containsPattern("(?m)^" + series + "(\\{[^}]*\\})? (NaN|[0-9.E+]+)$");
		}
	}

}
