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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code GET /actuator/memory} on the running Boot line: every section answers,
 * and serialises to the same JSON whether Jackson 2 (Boot 3.5) or Jackson 3 (Boot 4)
 * writes it.
 */
@SmokeTest
class EndpointSmokeTests {

	private static final List<String> SECTIONS = List.of("process", "jvm", "gc", "container", "tuning", "nmt",
			"breakdown", "diagnosis");

	private static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

	@Autowired
	private SmokeHttp http;

	@Test
	void reportHasEverySectionAndDatesAsIsoText() {
		SmokeHttp.Response response = this.http.get("/actuator/memory");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.contentType()).contains("json");
		Map<String, Object> report = response.json("$");
		assertThat(report).containsKeys("capturedAt", "verdict", "reclaimAllowed")
			.containsKeys(SECTIONS.toArray(String[]::new));
		// SmokeTest opens the write: this line's access decision says so
		assertThat(report).containsEntry("reclaimAllowed", true);
		assertThat((String) response.json("$.capturedAt")).matches(ISO_INSTANT);
		assertThat((String) response.json("$.verdict")).isNotBlank();
	}

	@Test
	void historyAnswersWithItsPointsAndABadRangeIsA400() {
		SmokeHttp.Response history = this.http.get("/actuator/memory/history?from=1h");
		assertThat(history.status()).as(history.toString()).isEqualTo(200);
		assertThat((String) history.json("$.startedAt")).matches(ISO_INSTANT);
		assertThat(history.<Number>json("$.intervalSeconds").longValue()).isEqualTo(10);
		assertThat(history.<List<?>>json("$.points")).isNotNull();
		SmokeHttp.Response bad = this.http.get("/actuator/memory/history?from=yesterday");
		assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
		assertThat(bad.<String>json("$.parameter")).isEqualTo("from");
	}

	@Test
	void everySectionAnswersAlone() {
		for (String section : SECTIONS) {
			SmokeHttp.Response response = this.http.get("/actuator/memory/" + section);
			assertThat(response.status()).as(section + ": " + response).isEqualTo(200);
			assertThat(response.<Object>json("$")).as(section).isInstanceOf(Map.class);
		}
	}

	@Test
	void sectionsCarryTheirFiguresInBytes() {
		assertThat(this.http.get("/actuator/memory/jvm").<Number>json("$.heap.committed").longValue()).isPositive();
		assertThat(this.http.get("/actuator/memory/gc").<List<?>>json("$.collectors")).isNotEmpty();
		assertThat(this.http.get("/actuator/memory/tuning").<String>json("$.collector")).isNotBlank();
		assertThat(this.http.get("/actuator/memory/diagnosis").<String>json("$.verdict")).isNotBlank();
		SmokeHttp.Response nmt = this.http.get("/actuator/memory/nmt");
		assertThat(nmt.body()).as(nmt.toString()).containsAnyOf("\"unavailable\"", "\"totalCommitted\"");
	}

	@Test
	void linuxSectionsCarryTheirFiguresOrSayWhyNot() {
		SmokeHttp.Response process = this.http.get("/actuator/memory/process");
		SmokeHttp.Response breakdown = this.http.get("/actuator/memory/breakdown");
		if (!Files.isReadable(Path.of("/proc/self/smaps"))) {
			assertThat(process.<String>json("$.unavailable")).contains("does not exist");
			assertThat(breakdown.<String>json("$.unavailable")).contains("does not exist");
			return;
		}
		assertThat(process.<Number>json("$.rss").longValue()).isPositive();
		List<Number> bytes = breakdown.json("$.categories[*].bytes");
		assertThat(bytes).as(breakdown.toString()).isNotEmpty();
		// The categories sum to RSS by construction; what must hold is that the breakdown
		// describes the RSS the process section reports, and says how much it measured.
		assertThat(breakdown.<Number>json("$.rss").doubleValue()).isCloseTo(process.<Number>json("$.rss").doubleValue(),
				org.assertj.core.data.Percentage.withPercentage(10));
		assertThat(breakdown.<Number>json("$.coverage.measured").doubleValue()).isPositive();
	}

	@Test
	void unknownSectionIsNotFoundWithTheList() {
		SmokeHttp.Response response = this.http.get("/actuator/memory/heapz");
		assertThat(response.status()).as(response.toString()).isEqualTo(404);
		assertThat(response.<String>json("$.error")).contains("'heapz'").contains(String.join(", ", SECTIONS));
	}

}
