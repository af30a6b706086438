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

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.github.memoryactuator.softlimit.SoftLimitController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the soft limit's target over real HTTP:
 * {@code POST /actuator/memory/softLimit} under the write path's rules (access, unknown
 * keys, refusals, the 409 for a held flag).
 */
class SoftLimitHttpTests {

	@Nested
	@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=0s" })
	@AutoConfigureRestTestClient
	class Unrestricted {

		@Autowired
		private RestTestClient client;

		@Autowired
		private SoftLimitController softLimit;

		@Test
		void theTargetIsSetHeldAgainstAReclaimAndRemovedAndEveryRefusalNamesTheTarget() {
			refused("{\"target\":\"lots\"}", "target", "'target' must be a size such as 1500MB");
			refused("{\"target\":\"0%\"}", "target", "'target' must be a share above 0% and at most 100%");
			refused("{\"target\":\"1MB\"}", "target", "'target' (1.0 MB) is below the floor");
			refused("{}", "target", "'target' is required");
			refused("{\"target\":\"3GB\",\"bogus\":1}", "bogus", "Unknown parameter 'bogus'");
			assertThat(this.softLimit.status().isSet()).isFalse();
			post("/actuator/memory/softLimit", "{\"target\":\"3GB\"}", 200).jsonPath("$.targetText")
				.isEqualTo("3GB")
				.jsonPath("$.target")
				.isEqualTo(3L * 1024 * 1024 * 1024);
			this.client.get()
				.uri("/actuator/memory/softLimit")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.targetText")
				.isEqualTo("3GB");
			if (this.softLimit.heldFlags().containsKey("G1PeriodicGCInterval")) {
				post("/actuator/memory", "{\"gc\":false,\"trim\":false,\"g1PeriodicGcInterval\":\"1m\"}", 409)
					.jsonPath("$.error")
					.value((String error) -> assertThat(error).startsWith(
							"G1PeriodicGCInterval is held by the soft limit (memory-actuator.soft-limit.target=3GB)"));
			}
			post("/actuator/memory/softLimit", "{\"target\":\"off\"}", 200).jsonPath("$.state")
				.isEqualTo("OFF")
				.jsonPath("$.heldFlags")
				.isEmpty();
			assertThat(this.softLimit.heldFlags()).isEmpty();
		}

		private void refused(String body, String parameter, String message) {
			post("/actuator/memory/softLimit", body, 400).jsonPath("$.parameter")
				.isEqualTo(parameter)
				.jsonPath("$.error")
				.value((String error) -> assertThat(error).contains(message));
		}

		private RestTestClient.BodyContentSpec post(String uri, String body, int status) {
			return this.client.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange()
				.expectStatus()
				.isEqualTo(status)
				.expectBody();
		}

	}

	@Nested
	@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureRestTestClient
	class ReadOnlyByDefault {

		@Autowired
		private RestTestClient client;

		@Autowired
		private SoftLimitController softLimit;

		@Test
		void theTargetCannotBeSetAndTheSectionSaysOff() {
			int status = this.client.post()
				.uri("/actuator/memory/softLimit")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"target\":\"600MB\"}")
				.exchange()
				.returnResult()
				.getStatus()
				.value();
			assertThat(status).isBetween(400, 499);
			assertThat(this.softLimit.status().isSet()).isFalse();
			this.client.get()
				.uri("/actuator/memory/softLimit")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.state")
				.isEqualTo("OFF");
		}

	}

}
