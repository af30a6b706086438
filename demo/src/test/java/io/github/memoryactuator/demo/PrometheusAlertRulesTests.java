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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks {@code dashboards/memory-actuator-alerts.yml} with Prometheus' own
 * {@code promtool}: the rules parse ({@code promtool check rules}), and the unit tests of
 * {@code memory-actuator-alerts.test.yml} pass ({@code promtool test rules}): for each
 * alert an instance where it fires, one where its expression holds for less than its
 * {@code for:}, and one where it fires and resolves. Also that every alert has such
 * tests, a {@code for:}, a severity, a summary and a runbook.
 * <p>
 * Needs {@code promtool} on the {@code PATH} (Debian's {@code prometheus} package;
 * {@code .ci/run} installs it). Without it the test is skipped, except when
 * {@code CI=true}, where it fails.
 */
class PrometheusAlertRulesTests {

	private static final String RULES = "memory-actuator-alerts.yml";

	private static final String RULE_TESTS = "memory-actuator-alerts.test.yml";

	private static Path promtool;

	private static Path dashboards;

	@BeforeAll
	static void findPromtool() {
		Optional<Path> path = PrometheusServer.onPath("promtool");
		if (path.isEmpty() && "true".equals(System.getenv("CI"))) {
			fail("promtool is not on the PATH, and CI=true: install Debian's prometheus package (.ci/run does)");
		}
		assumeTrue(path.isPresent(), "promtool is not on the PATH; install Debian's prometheus package");
		promtool = path.get();
		dashboards = Path.of(System.getProperty("dashboards.dir", "../dashboards")).toAbsolutePath().normalize();
	}

	@Test
	void rulesPassPromtoolsCheck() throws Exception {
		String output = promtool("check", "rules", RULES);
		assertThat(output).contains("SUCCESS: 5 rules found");
	}

	@Test
	void everyAlertFiresHoldsOffAndResolvesInPromtoolsUnitTests() throws Exception {
		String output = promtool("test", "rules", RULE_TESTS);
		assertThat(output).contains("SUCCESS");
	}

	@Test
	void everyAlertHasAForASeverityASummaryARunbookAndUnitTests() throws IOException {
		String tests = Files.readString(dashboards.resolve(RULE_TESTS), StandardCharsets.UTF_8);
		List<String> problems = new ArrayList<>();
		List<Map<String, Object>> rules = rules();
		assertThat(rules).hasSize(5);
		for (Map<String, Object> rule : rules) {
			String alert = String.valueOf(rule.get("alert"));
			if (!(rule.get("for") instanceof String)) {
				problems.add(alert + " has no for:");
			}
			Map<?, ?> labels = (Map<?, ?>) rule.getOrDefault("labels", Map.of());
			if (!List.of("critical", "warning", "info").contains(labels.get("severity"))) {
				problems.add(alert + " has no severity critical, warning or info: " + labels.get("severity"));
			}
			Map<?, ?> annotations = (Map<?, ?>) rule.getOrDefault("annotations", Map.of());
			if (!String.valueOf(annotations.get("summary")).contains("$labels.instance")) {
				problems.add(alert + "'s summary does not name the instance");
			}
			if (!String.valueOf(annotations.get("runbook")).contains("/actuator/memory")) {
				problems.add(alert + "'s runbook names no endpoint section");
			}
			// a firing case, a held-off one and a resolved one each need an evaluation
			long evaluations = tests.lines().filter((line) -> line.strip().equals("alertname: " + alert)).count();
			if (evaluations < 2) {
				problems.add(alert + " is evaluated " + evaluations + " times in " + RULE_TESTS);
			}
		}
		assertThat(problems).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(dashboards.resolve(RULES), StandardCharsets.UTF_8));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	private static String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(promtool.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(dashboards.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
		assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
		return output;
	}

}
