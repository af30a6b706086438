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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the memory health indicator in the running application: whichever Boot line
 * it runs on, exactly one of the line modules contributes {@code memory}.
 */
@SmokeTest
class HealthSmokeTests {

	@Autowired
	private SmokeHttp http;

	@Test
	void memoryHealthShowsItsDetailsOnlyToAnAuthorizedUser() {
		SmokeHttp.Response anonymous = this.http.get("/actuator/health/memory");
		assertThat(anonymous.status()).as(anonymous.toString()).isIn(200, 503);
		assertThat(anonymous.<Map<String, Object>>json("$")).containsKey("status").doesNotContainKey("details");
		SmokeHttp.Response admin = this.http.get("/actuator/health/memory", SmokeApplication.ADMIN);
		Map<String, Object> details = admin.json("$.details");
		assertThat(details).as(admin.toString()).containsEntry("threshold", 0.9).containsKeys("rss", "verdict");
		assertThat((String) details.get("verdict")).isNotBlank();
		// The machine decides whether there is a limit and how close to it the process
		// is;
		// the status must agree with the figures it reports.
		if (details.containsKey("noLimit")) {
			assertThat(admin.<String>json("$.status")).isEqualTo("UP");
			assertThat(admin.status()).isEqualTo(200);
		}
		else {
			boolean above = ((Number) details.get("share")).doubleValue() >= 0.9;
			assertThat(admin.<String>json("$.status")).as(admin.toString()).isEqualTo(above ? "OUT_OF_SERVICE" : "UP");
			assertThat(admin.status()).isEqualTo(above ? 503 : 200);
		}
		SmokeHttp.Response overall = this.http.get("/actuator/health", SmokeApplication.ADMIN);
		assertThat(overall.<String>json("$.components.memory.status")).as(overall.toString())
			.isEqualTo(admin.<String>json("$.status"));
	}

}
