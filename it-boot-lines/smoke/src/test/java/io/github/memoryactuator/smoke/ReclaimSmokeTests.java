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

package io.github.memoryactuator.smoke;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /actuator/memory} with write access opened and Spring Security in
 * front, on the running Boot line. Every reclaim parameter is optional: Boot 3.5 reads
 * that from Spring's {@code @Nullable} only, Boot 4 from JSpecify's as well.
 */
@SmokeTest
class ReclaimSmokeTests {

	@Autowired
	private SmokeHttp http;

	@Test
	void emptyBodyReclaimsWithEveryDefault() {
		SmokeHttp.Response response = this.http.post("/actuator/memory", "{}", SmokeApplication.ADMIN);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.<String>json("$.summary")).isNotBlank();
		assertThat(response.<String>json("$.gc.status")).isEqualTo("completed");
		assertThat(response.<Number>json("$.durationMillis").doubleValue()).isPositive();
		assertThat(response.<String>json("$.before.capturedAt")).endsWith("Z");
		assertThat(response.<Object>json("$.released.heapCommitted")).isInstanceOf(Number.class);
	}

	@Test
	void someParametersReclaimWithTheRestDefaulted() {
		SmokeHttp.Response response = this.http.post("/actuator/memory", "{\"trim\": false}", SmokeApplication.ADMIN);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.<String>json("$.trim.status")).isEqualTo("skipped");
	}

	@Test
	void badParameterIsNamed() {
		SmokeHttp.Response response = this.http.post("/actuator/memory", "{\"gc\": \"maybe\"}", SmokeApplication.ADMIN);
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.<String>json("$.parameter")).isEqualTo("gc");
		assertThat(response.<String>json("$.error")).contains("'gc' must be true or false");
	}

	@Test
	void oversizedBodyIsRefusedBeforeItIsRead() {
		String body = "{\"gc\": true, \"padding\": \"" + "x".repeat(100 * 1024) + "\"}";
		SmokeHttp.Response response = this.http.post("/actuator/memory", body, SmokeApplication.ADMIN);
		assertThat(response.status()).as(response.toString()).isEqualTo(413);
		assertThat(response.<String>json("$.error")).contains("memory-actuator.max-request-size");
	}

	@Test
	void anonymousReadIsAllowed() {
		assertThat(this.http.get("/actuator/memory/process").status()).isEqualTo(200);
	}

	@Test
	void anonymousReclaimIsUnauthorized() {
		assertThat(this.http.post("/actuator/memory", "{}", null).status()).isEqualTo(401);
	}

	@Test
	void reclaimWithoutTheRoleIsForbidden() {
		assertThat(this.http.post("/actuator/memory", "{}", SmokeApplication.VIEWER).status()).isEqualTo(403);
	}

}
