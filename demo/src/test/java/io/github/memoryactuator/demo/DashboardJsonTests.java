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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of {@code dashboards/memory-actuator.json} that need no Prometheus: what Grafana
 * needs to import it, and that every query is scoped by the dashboard's variables.
 * {@link PrometheusDashboardIT} runs the queries for real.
 */
class DashboardJsonTests {

	private static JsonNode dashboard;

	@BeforeAll
	static void readDashboard() {
		// surefire runs in demo/; the property is for running from elsewhere
		Path file = Path.of(System.getProperty("dashboards.dir", "../dashboards"), "memory-actuator.json");
		dashboard = JsonMapper.builder().build().readTree(file);
	}

	@Test
	void importAsksForAPrometheusDataSource() {
		JsonNode input = dashboard.path("__inputs").path(0);
		assertThat(input.path("name").asString()).isEqualTo("DS_PROMETHEUS");
		assertThat(input.path("type").asString()).isEqualTo("datasource");
		assertThat(input.path("pluginId").asString()).isEqualTo("prometheus");
		List<String> required = new ArrayList<>();
		dashboard.path("__requires").forEach((node) -> required.add(node.path("id").asString()));
		assertThat(required).contains("grafana", "prometheus", "timeseries", "stat");
	}

	@Test
	void variablesSelectApplicationThenInstance() {
		JsonNode variables = dashboard.path("templating").path("list");
		assertThat(variables.path(0).path("name").asString()).isEqualTo("application");
		assertThat(variables.path(0).path("query").path("query").asString())
			.isEqualTo("label_values(process_memory_rss_bytes, application)");
		assertThat(variables.path(1).path("name").asString()).isEqualTo("instance");
		assertThat(variables.path(1).path("query").path("query").asString())
			.isEqualTo("label_values(process_memory_rss_bytes{application=\"$application\"}, instance)");
		variables.forEach((variable) -> assertThat(variable.path("datasource").path("uid").asString())
			.isEqualTo("${DS_PROMETHEUS}"));
	}

	@Test
	void everyQueryUsesTheImportedDataSourceAndIsScopedToOneInstance() {
		int targets = 0;
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
				.isEqualTo("${DS_PROMETHEUS}");
			for (JsonNode target : panel.path("targets")) {
				targets++;
				String expr = target.path("expr").asString();
				assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${DS_PROMETHEUS}");
				// every selector, not just one of them: a binary operation between two
				// instances would silently produce a wrong number
				int selectors = expr.split("\\{", -1).length - 1;
				assertThat(expr.split("application=\"\\$application\", instance=\"\\$instance\"", -1).length - 1)
					.as(expr)
					.isEqualTo(selectors)
					.isPositive();
			}
		}
		assertThat(targets).isGreaterThanOrEqualTo(20);
	}

	@Test
	void panelsHaveUniqueIdsAndDoNotOverlapOnTheGrid() {
		Set<Integer> ids = new HashSet<>();
		boolean[][] cells = new boolean[200][24];
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
			JsonNode grid = panel.path("gridPos");
			int x = grid.path("x").asInt();
			int w = grid.path("w").asInt();
			assertThat(x + w).as("%s fits in 24 columns", panel.path("title")).isLessThanOrEqualTo(24);
			for (int row = grid.path("y").asInt(); row < grid.path("y").asInt() + grid.path("h").asInt(); row++) {
				for (int column = x; column < x + w; column++) {
					assertThat(cells[row][column]).as("%s overlaps another panel", panel.path("title")).isFalse();
					cells[row][column] = true;
				}
			}
		}
	}

	@Test
	void hasThePanelsTheIssueAsksFor() {
		List<String> titles = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> titles.add(panel.path("title").asString()));
		assertThat(titles).contains("RSS vs heap committed vs live set", "RSS breakdown", "GC headroom ratio",
				"Container memory: usage vs limit", "Reclaims and what they released", "Non-heap pools (committed)",
				"Threads");
	}

	@Test
	void headroomPanelDrawsALineAtGogc100() {
		for (JsonNode panel : dashboard.path("panels")) {
			if (panel.path("title").asString().equals("GC headroom ratio")) {
				JsonNode defaults = panel.path("fieldConfig").path("defaults");
				assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asString()).isEqualTo("dashed");
				assertThat(defaults.path("thresholds").path("steps").path(1).path("value").asDouble()).isEqualTo(1.0);
				return;
			}
		}
		throw new AssertionError("no GC headroom ratio panel");
	}

}
