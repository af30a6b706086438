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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the demo's scenarios get the verdicts the story promises: a growing retained
 * set is a suspected leak; churn that is freed again is no leak, with allocator retention
 * named.
 */
class DiagnosisScenarioTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static Map<String, Object> diagnosis(RestTestClient client) {
		return client.get()
			.uri("/actuator/memory/diagnosis")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JSON)
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<String> codes(Map<String, Object> diagnosis) {
		return ((List<Map<String, Object>>) diagnosis.get("findings")).stream()
			.map((finding) -> finding.get("code").toString())
			.toList();
	}

	@Nested
	@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "memory-actuator.diagnosis.leak-window=8s", "memory-actuator.full-capture.min-interval=0s" })
	@AutoConfigureRestTestClient
	class GrowingRetainedSet {

		@Autowired
		private RestTestClient client;

		@AfterEach
		void release() {
			this.client.post().uri("/scenario/release").exchange().expectStatus().isOk();
		}

		@Test
		void liveSetThatGrowsAfterEveryCollectionIsASuspectedLeak() throws InterruptedException {
			for (int i = 0; i < 12; i++) {
				this.client.post().uri("/scenario/heap-leak?megabytes=8").exchange().expectStatus().isOk();
				System.gc();
				Thread.sleep(500);
			}
			Map<String, Object> diagnosis = diagnosis(this.client);
			assertThat(diagnosis).isNotNull();
			assertThat(diagnosis.get("verdict").toString()).startsWith("Suspected heap leak: the live set rose ");
			assertThat(diagnosis.get("leakSuspected")).isEqualTo(true);
			assertThat(codes(diagnosis)).contains("LIVE_SET_GROWTH");
		}

	}

	@Nested
	@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "memory-actuator.diagnosis.leak-window=4s", "memory-actuator.full-capture.min-interval=0s" })
	@AutoConfigureRestTestClient
	class ChurnAndFree {

		@Autowired
		private RestTestClient client;

		@AfterEach
		void release() {
			this.client.post().uri("/scenario/release").exchange().expectStatus().isOk();
		}

		@Test
		void churnThatIsFreedIsNoLeakAndNamesAllocatorRetention() throws InterruptedException {
			this.client.post().uri("/scenario/native-churn?megabytes=384&threads=16").exchange().expectStatus().isOk();
			for (int i = 0; i < 8; i++) {
				this.client.post().uri("/scenario/heap-churn?megabytes=32").exchange().expectStatus().isOk();
				System.gc();
				Thread.sleep(400);
			}
			Map<String, Object> diagnosis = diagnosis(this.client);
			assertThat(diagnosis).isNotNull();
			assertThat(diagnosis.get("leakSuspected")).isEqualTo(false);
			assertThat(diagnosis.get("verdict").toString()).startsWith("No leak: RSS ").contains("allocator-retained");
			assertThat(codes(diagnosis)).contains("ALLOCATOR_RETENTION").doesNotContain("LIVE_SET_GROWTH");
		}

	}

}
