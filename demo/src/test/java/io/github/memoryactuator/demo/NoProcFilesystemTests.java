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

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code memory-actuator.filesystem-root} at an empty directory: what a JVM
 * on macOS or Windows (no {@code /proc}, no cgroup) sees. The endpoint must still answer
 * and name what is missing, the Linux-only gauges must be absent, and the logs must stay
 * quiet: one line at startup, nothing per request.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=health,prometheus,memory")
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class NoProcFilesystemTests {

	// Lines logged by the starter (Spring Boot abbreviates the logger to i.g.m.*),
	// not by the demo application.
	private static final Pattern STARTER_LINE = Pattern
		.compile("(?m)^.*\\b(TRACE|DEBUG|INFO|WARN|ERROR)\\b.*\\bi\\.g\\.m(emoryactuator)?\\.(?!demo\\.).*$");

	@TempDir
	static Path emptyRoot;

	@DynamicPropertySource
	static void emptyFilesystemRoot(DynamicPropertyRegistry registry) {
		registry.add("memory-actuator.filesystem-root", () -> emptyRoot.toString());
	}

	@Autowired
	private RestTestClient client;

	@Test
	void endpointAnswersAndNamesWhatIsUnavailable() {
		this.client.get()
			.uri("/actuator/memory")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.process.unavailable")
			.value((String reason) -> assertThat(reason).contains("/proc/self/status"))
			.jsonPath("$.container.unavailable")
			.isNotEmpty()
			.jsonPath("$.breakdown.unavailable")
			.isNotEmpty()
			.jsonPath("$.breakdown.rss")
			.doesNotExist()
			.jsonPath("$.jvm.heap.committed")
			.isNumber()
			.jsonPath("$.diagnosis.verdict")
			.isNotEmpty();
	}

	@Test
	void linuxOnlyGaugesAreNotRegisteredAndTheJvmGaugesAre() {
		String scrape = scrape();
		assertThat(scrape).doesNotContain("process_memory_rss_bytes", "process_memory_breakdown_bytes",
				"process_cgroup_memory_usage_bytes");
		assertThat(scrape).contains("jvm_memory_committed_total_bytes", "jvm_memory_heap_live_bytes",
				"jvm_gc_headroom_ratio");
	}

	@Test
	void startupSaysItOnceAndRequestsLogNothing(CapturedOutput output) {
		List<String> startup = starterLines(output.getOut() + output.getErr());
		assertThat(startup).as("starter log lines at startup").hasSizeLessThanOrEqualTo(1);
		int mark = output.length();
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/actuator/memory").exchange().expectStatus().isOk();
			for (String section : List.of("process", "container", "nmt", "breakdown", "diagnosis")) {
				this.client.get().uri("/actuator/memory/" + section).exchange().expectStatus().isOk();
			}
			scrape();
		}
		String afterRequests = output.toString().substring(mark);
		assertThat(starterLines(afterRequests)).as("starter log lines per request").isEmpty();
		assertThat(afterRequests).doesNotContain(" WARN ", " ERROR ");
	}

	private String scrape() {
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(scrape).isNotNull();
		return scrape;
	}

	private static List<String> starterLines(String output) {
		return STARTER_LINE.matcher(output).results().map((match) -> match.group()).toList();
	}

}
