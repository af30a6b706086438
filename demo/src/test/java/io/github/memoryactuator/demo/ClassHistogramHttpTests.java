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
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /actuator/memory/histogram} over real HTTP: it obeys the
 * reclaim's rules, since it too stops the application for a full GC.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=60s",
				"management.endpoints.web.exposure.include=health,memory" })
@AutoConfigureRestTestClient
class ClassHistogramHttpTests {

	@Autowired
	private RestTestClient client;

	@Test
	void aHistogramThenTheSharedCooldownRefusesTheNextHistogramAndAReclaim() {
		this.client.post()
			.uri("/actuator/memory/histogram")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.top.length()")
			.isEqualTo(20)
			.jsonPath("$.top[0].className")
			.isNotEmpty()
			.jsonPath("$.pauseMillis")
			.value((Number pause) -> assertThat(pause.doubleValue()).isPositive())
			.jsonPath("$.note")
			.value((String note) -> assertThat(note).startsWith("the first histogram"))
			.jsonPath("$.diff")
			.doesNotExist();
		for (String path : new String[] { "/actuator/memory/histogram", "/actuator/memory" }) {
			this.client.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.exchange()
				.expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.value("Retry-After", (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60))
				.expectBody()
				.jsonPath("$.error")
				.value((String error) -> assertThat(error).startsWith("A class histogram ran recently"))
				.jsonPath("$.retryAfterSeconds")
				.isNumber();
		}
	}

	@Test
	void badRequestsGetAClientErrorThatSaysWhatIsWrong() {
		this.client.post()
			.uri("/actuator/memory/histogram")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"rows\": tru")
			.exchange()
			.expectStatus()
			.isBadRequest();
		// Nothing runs: the test that takes a histogram finds no cooldown.
		this.client.post()
			.uri("/actuator/memory/histogram")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"rows\": 5}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo("rows")
			.jsonPath("$.error")
			.value((String error) -> assertThat(error).startsWith("Unknown parameter 'rows'; nothing was run."));
		this.client.post()
			.uri("/actuator;x=1/memory/histogram")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"pad\":\"" + "x".repeat(128 * 1024) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(413);
		this.client.get()
			.uri("/actuator/memory/histogram")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectBody()
			.jsonPath("$.error")
			.value((String error) -> assertThat(error).startsWith("The class histogram is a write operation"));
		this.client.post()
			.uri("/actuator/memory/allocations")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.value((String error) -> assertThat(error).startsWith("Unknown operation 'allocations'"));
		this.client.get()
			.uri("/actuator/memory/pprof/allocations")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.value((String error) -> assertThat(error).contains("/actuator/memory/allocations/pprof"));
	}

	@Test
	void anUnknownOperationIsNotFoundAndAPostWithoutJsonIsUnsupported() {
		this.client.post()
			.uri("/actuator/memory/heapdump")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.value((String error) -> assertThat(error).contains("'heapdump'"));
		this.client.post()
			.uri("/actuator/memory/histogram")
			.contentType(MediaType.TEXT_PLAIN)
			.body("x")
			.exchange()
			.expectStatus()
			.isEqualTo(415);
	}

}
