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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the gauges in {@code /actuator/prometheus} on the running Boot line: the
 * metrics auto-configuration must come after the line's own registry set-up, whose
 * package differs between Boot 3.5 and 4.
 */
@SmokeTest
class PrometheusSmokeTests {

	@Autowired
	private SmokeHttp http;

	@Test
	void scrapeHasEveryGauge() {
		SmokeHttp.Response response = this.http.get("/actuator/prometheus");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		String scrape = response.body();
		for (String series : new String[] { "jvm_memory_heap_used_bytes", "jvm_memory_heap_committed_bytes",
				"jvm_memory_committed_total_bytes" }) {
			assertThat(scrape).containsPattern("(?m)^" + series + "(\\{[^}]*\\})? [0-9.E+]+$");
		}
		// NaN until an old-generation collection has completed in this JVM
		for (String series : new String[] { "jvm_memory_heap_live_bytes", "jvm_gc_headroom_ratio" }) {
			assertThat(scrape).containsPattern("(?m)^" + series + "(\\{[^}]*\\})? (NaN|[0-9.E+]+)$");
		}
		assertThat(scrape).containsPattern("(?m)^jvm_memory_reclaims_total(\\{[^}]*\\})? ");
	}

	@Test
	void scrapeHasTheLinuxGaugesWhereProcCanBeRead() {
		String scrape = this.http.get("/actuator/prometheus").body();
		// off Linux these are not registered at all: no gauge for a value the platform
		// cannot give
		boolean linux = Files.isReadable(Path.of("/proc/self/smaps"));
		for (String series : new String[] { "process_memory_rss_bytes", "process_memory_rss_anon_bytes",
				"process_memory_swap_bytes", "process_memory_breakdown_bytes" }) {
			assertThat(scrape.contains("\n" + series)).as(series).isEqualTo(linux);
		}
		if (linux) {
			assertThat(scrape).containsPattern("(?m)^process_memory_rss_bytes [0-9.E+]+$")
				.containsPattern("(?m)^process_memory_breakdown_bytes\\{category=\"java_heap\"[^}]*\\} [0-9.E+]+$");
		}
	}

}
