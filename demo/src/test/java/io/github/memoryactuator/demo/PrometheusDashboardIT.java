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
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.memoryactuator.demo.PrometheusServer.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the demo app in-process, scrapes it with a real Prometheus every second, plays a
 * short memory story, and then evaluates every panel query of
 * {@code dashboards/memory-actuator.json} through Prometheus' HTTP API: a query that
 * returns nothing would be an empty panel in Grafana. Also lints the scrape with
 * {@code promtool check metrics}.
 * <p>
 * Needs {@code prometheus} and {@code promtool} on the {@code PATH} (Debian's
 * {@code prometheus} package; {@code .ci/run} installs it). Without them the test is
 * skipped, except when {@code CI=true}, where it fails.
 * <p>
 * With {@code -Ddashboard.render=<png>} it also plays a story of a few minutes and draws
 * the dashboard from this Prometheus with {@code dashboards/render/render.sh}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the process gauges read /proc")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusDashboardIT {

	/**
	 * Metrics that are exported only where the platform has them. A query that uses one
	 * may be empty only when the scrape does not contain the metric.
	 */
	private static final Map<String, String> PLATFORM_DEPENDENT = Map.of("process_cgroup_memory_limit_bytes",
			"registered only when the cgroup has a memory limit");

	/**
	 * Metrics whose value is NaN until they are configured. A query that uses one may
	 * return only NaN (Grafana draws nothing) when the scrape has it at NaN.
	 */
	private static final Map<String, String> NAN_UNTIL_CONFIGURED = Map.of("memory_softlimit_target_bytes",
			"NaN while no soft-limit target is set");

	/**
	 * The metric name prefixes this project exports; promtool's complaints about them
	 * fail the test, complaints about Spring Boot's and Micrometer's own metrics are
	 * printed.
	 */
	private static final List<String> OUR_PREFIXES = List.of("process_memory_", "jvm_memory_heap_",
			"jvm_memory_committed_total_", "jvm_gc_headroom_", "process_cgroup_memory_", "jvm_memory_reclaim",
			"memory_softlimit_");

	/**
	 * What the interval variables become; a Grafana with a 1s-scraping data source would
	 * use similar values.
	 */
	private static final Map<String, String> INTERVALS = Map.of("$__rate_interval", "15s", "$__interval", "5s",
			"$__range", "1m");

	private static final Pattern METRIC_IN_SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((?:(.*),\\s*)?(\\w+)\\)");

	private static final String JOB = "memory-actuator-demo";

	private static final String ALERT_RULES = "memory-actuator-alerts.yml";

	private static final String NEAR_LIMIT = "MemoryActuatorNearMemoryLimit";

	private static final long MB = 1024 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static Path promtool;

	private static ConfigurableApplicationContext demo;

	private static int demoPort;

	private static PrometheusServer prometheus;

	private static Instant started;

	@BeforeAll
	static void startDemoAndPrometheus() throws Exception {
		// The queries and the rules do not depend on the JDK: one pass runs them, the JDK
		// 25 one, where the near-limit demo runs.
		assumeFalse(Runtime.version().feature() != 25 && ForkedDemo.java(25).isPresent()
				&& !Boolean.getBoolean("matrix.always"), "the JDK 25 pass runs it");
		Optional<Path> prometheusBinary = required("prometheus");
		promtool = required("promtool").orElseThrow();
		started = Instant.now();
		SpringApplication application = new SpringApplication(DemoApplication.class);
		// otherwise the log says it started surefire's ForkedBooter, found on the stack
		application.setMainApplicationClass(DemoApplication.class);
		demo = application.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--management.endpoint.memory.access=unrestricted", "--memory-actuator.breakdown.refresh-interval=1s");
		demoPort = ((WebServerApplicationContext) demo).getWebServer().getPort();
		prometheus = PrometheusServer.start(prometheusBinary.orElseThrow(), "127.0.0.1:" + demoPort,
				"/actuator/prometheus", JOB, dashboards().resolve(ALERT_RULES));
		await("Prometheus to scrape the demo", Duration.ofSeconds(30), () -> prometheus.targetUp());
		// a few scrapes before the story, so increase() has a baseline
		Thread.sleep(3000);
		MemoryStory.quick().play(demoPort);
		// the gauges after the story (live set, headroom) need a scrape or two
		Thread.sleep(3000);
	}

	private static Optional<Path> required(String executable) {
		Optional<Path> path = PrometheusServer.onPath(executable);
		if (path.isEmpty() && "true".equals(System.getenv("CI"))) {
			fail(executable + " is not on the PATH, and CI=true: install Debian's prometheus package (.ci/run does)");
		}
		assumeTrue(path.isPresent(), () -> executable + " is not on the PATH; install Debian's prometheus package");
		return path;
	}

	@AfterAll
	static void stopPrometheusAndDemo() {
		try {
			if (prometheus != null) {
				prometheus.close();
			}
		}
		finally {
			if (demo != null) {
				demo.close();
			}
		}
	}

	@Test
	@Order(1)
	void dashboardVariablesResolveToTheDemo() throws Exception {
		Map<String, List<String>> variables = resolveVariables();
		assertThat(variables.get("application")).containsExactly("memory-actuator-demo");
		assertThat(variables.get("instance")).containsExactly("127.0.0.1:" + demoPort);
	}

	@Test
	@Order(2)
	void everyPanelQueryReturnsDataFromARealPrometheus() throws Exception {
		Map<String, String> values = new LinkedHashMap<>();
		resolveVariables().forEach((name, resolved) -> values.put(name, resolved.get(0)));
		List<PanelQuery> queries = panelQueries(values);
		assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
		String scrape = scrape();
		// the story's last gauges reach Prometheus a scrape later: retry before judging
		List<String> problems = List.of();
		Instant deadline = Instant.now().plusSeconds(30);
		do {
			problems = new ArrayList<>();
			for (PanelQuery query : queries) {
				problems.addAll(check(query, scrape));
			}
			if (problems.isEmpty()) {
				break;
			}
			Thread.sleep(1000);
		}
		while (Instant.now().isBefore(deadline));
		assertThat(problems).as("panel queries that would draw an empty panel").isEmpty();
	}

	private List<String> check(PanelQuery query, String scrape) throws Exception {
		List<Sample> samples;
		try {
			samples = prometheus.query(query.promql());
		}
		catch (IllegalArgumentException ex) {
			// a syntax error is a real failure, even in a pending query
			return List.of(query + ": " + ex.getMessage());
		}
		boolean hasData = samples.stream().anyMatch((sample) -> Double.isFinite(sample.value()));
		if (hasData) {
			return List.of();
		}
		for (String metric : query.metrics()) {
			if (NAN_UNTIL_CONFIGURED.containsKey(metric)
					&& Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? NaN$").matcher(scrape).find()) {
				System.out.println(
						"NaN here, as expected (" + metric + " is " + NAN_UNTIL_CONFIGURED.get(metric) + "): " + query);
				return List.of();
			}
			if (PLATFORM_DEPENDENT.containsKey(metric)
					&& !Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrape).find()) {
				System.out.println(
						"Empty here, as expected (" + metric + " is " + PLATFORM_DEPENDENT.get(metric) + "): " + query);
				return List.of();
			}
		}
		return List.of(query + " returned " + ((samples.isEmpty()) ? "no series" : "only " + samples));
	}

	@Test
	@Order(3)
	void promtoolFindsNoLintProblemsInOurMetrics() throws Exception {
		String scrape = scrape();
		Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
		try {
			try (OutputStream stdin = process.getOutputStream()) {
				stdin.write(scrape.getBytes(StandardCharsets.UTF_8));
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			// 0: clean; 3: lint problems, one "<metric> <problem>" line each; else: an
			// error
			assertThat(process.exitValue()).as("promtool exit code, output:%n%s", output).isIn(0, 3);
			List<String> ours = new ArrayList<>();
			List<String> theirs = new ArrayList<>();
			for (String line : output.split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				String metric = line.strip().split("\\s+", 2)[0];
				(OUR_PREFIXES.stream().anyMatch(metric::startsWith) ? ours : theirs).add(line.strip());
			}
			theirs.forEach((line) -> System.out.println("promtool, not our metric: " + line));
			assertThat(ours).as("promtool check metrics complaints about memory-actuator's metrics").isEmpty();
			assertThat(scrape).contains("process_memory_rss_bytes", "jvm_gc_headroom_ratio");
		}
		finally {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	// The alert rules are loaded into this Prometheus; a demo in a child memory cgroup,
	// with the default settings, holds native memory up to 93 % of its 768 MB limit and
	// is scraped as a second job. The near-limit alert must be pending for it (its for:
	// has not elapsed, and the test does not wait for it) and for nothing else.
	@Test
	@Order(4)
	void nearLimitAlertIsPendingForADemoNearItsCgroupLimitAndNowhereElse() throws Exception {
		assertThat(prometheus.query("ALERTS{alertname=\"" + NEAR_LIMIT + "\"}")).as("before the second demo").isEmpty();
		long limit = 768 * MB;
		try (PreOomRun run = nearLimitRun(limit)) {
			long megabytes = ((long) (0.93 * limit) - run.charged()) / MB;
			run.grow("native", 100, megabytes);
			awaitHeldNative(run, megabytes * MB);
			assertThat((double) run.charged() / limit).as("the share the kernel weighs").isBetween(0.9, 0.98);
			String instance = "127.0.0.1:" + run.demo().port();
			prometheus.scrapeAlso("memory-actuator-near-limit", instance);
			String pending = "ALERTS{alertname=\"" + NEAR_LIMIT + "\",alertstate=\"pending\",instance=\"" + instance
					+ "\"}";
			await("the near-limit alert to be pending for " + instance, Duration.ofSeconds(30),
					() -> prometheus.query(pending).size() == 1);
			List<Sample> share = prometheus.query("process_memory_charged_bytes{instance=\"" + instance
					+ "\"} / process_cgroup_memory_limit_bytes{instance=\"" + instance + "\"}");
			System.out.println("near-limit alert pending at charged/limit " + share + " (the observer's: "
					+ (double) run.charged() / limit + ")");
			assertThat(share).singleElement().satisfies((sample) -> assertThat(sample.value()).isBetween(0.9, 1.0));
			assertThat(prometheus.query("ALERTS{alertname=\"" + NEAR_LIMIT + "\"}"))
				.as("the alert, for the demo near its limit only")
				.singleElement()
				.satisfies((sample) -> assertThat(sample.labels()).containsEntry("instance", instance)
					.containsEntry("severity", "critical"));
		}
	}

	private static PreOomRun nearLimitRun(long limit) throws Exception {
		return PreOomRun.startOrSkip(Path.of(System.getProperty("java.home"), "bin", "java"), "near-limit-alert", limit,
				List.of("-Xmx256m"));
	}

	private static void awaitHeldNative(PreOomRun run, long bytes) throws Exception {
		await("the demo to hold " + bytes / MB + " MB of native memory", Duration.ofSeconds(60),
				() -> json.readTree(run.demo().get("/scenario").body()).at("/held/nativeBytes").asLong() >= bytes);
	}

	@Test
	@Order(5)
	@EnabledIfSystemProperty(named = "dashboard.render", matches = ".+")
	void rendersTheDashboardFromALongerStory() throws Exception {
		MemoryStory.forPicture().play(demoPort);
		Thread.sleep(5000);
		Path png = Path.of(System.getProperty("dashboard.render")).toAbsolutePath();
		Path script = dashboards().resolve("render/render.sh");
		long seconds = Duration.between(started, Instant.now()).toSeconds() + 5;
		ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), prometheus.url().toString(),
				png.toString())
			.redirectErrorStream(true)
			.inheritIO();
		builder.environment().put("RANGE", seconds + "s");
		Process process = builder.start();
		try {
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("render.sh finished").isTrue();
			assertThat(process.exitValue()).as("render.sh exit code").isZero();
		}
		finally {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		assertThat(png).isNotEmptyFile();
	}

	/**
	 * Resolve the dashboard's template variables as Grafana would, in order, each seeing
	 * the first value of the ones before.
	 */
	private static Map<String, List<String>> resolveVariables() throws Exception {
		Map<String, List<String>> resolved = new LinkedHashMap<>();
		Map<String, String> current = new LinkedHashMap<>();
		for (JsonNode variable : dashboard().path("templating").path("list")) {
			String name = variable.path("name").asString();
			JsonNode query = variable.path("query");
			String text = query.isObject() ? query.path("query").asString() : query.asString();
			Matcher matcher = LABEL_VALUES.matcher(substitute(text, current));
			assertThat(matcher.matches()).as("variable %s uses label_values(): %s", name, text).isTrue();
			List<String> values = prometheus.labelValues(matcher.group(2), matcher.group(1));
			resolved.put(name, values);
			if (!values.isEmpty()) {
				current.put(name, values.get(0));
			}
		}
		return resolved;
	}

	private static List<PanelQuery> panelQueries(Map<String, String> variables) throws IOException {
		List<PanelQuery> queries = new ArrayList<>();
		for (JsonNode panel : dashboard().path("panels")) {
			collect(panel, variables, queries);
			// panels inside a collapsed row
			for (JsonNode inner : panel.path("panels")) {
				collect(inner, variables, queries);
			}
		}
		return queries;
	}

	private static void collect(JsonNode panel, Map<String, String> variables, List<PanelQuery> queries) {
		for (JsonNode target : panel.path("targets")) {
			String expr = target.path("expr").asString();
			if (expr.isEmpty()) {
				continue;
			}
			String promql = substitute(expr, variables);
			assertThat(promql).as("%s after substituting %s", expr, variables).doesNotContain("$");
			Set<String> metrics = new LinkedHashSet<>();
			Matcher matcher = METRIC_IN_SELECTOR.matcher(promql);
			while (matcher.find()) {
				metrics.add(matcher.group(1));
			}
			queries
				.add(new PanelQuery(panel.path("title").asString(), target.path("refId").asString(), promql, metrics));
		}
	}

	private static String substitute(String text, Map<String, String> variables) {
		String result = text;
		for (Map.Entry<String, String> interval : INTERVALS.entrySet()) {
			result = result.replace(interval.getKey(), interval.getValue());
		}
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			result = result.replace("${" + variable.getKey() + "}", variable.getValue())
				.replace("$" + variable.getKey(), variable.getValue());
		}
		return result;
	}

	private static JsonNode dashboard() throws IOException {
		return json.readTree(dashboards().resolve("memory-actuator.json"));
	}

	private static Path dashboards() {
		// set by failsafe in demo/pom.xml; the fallback is for running from an IDE in
		// demo/
		return Path.of(System.getProperty("dashboards.dir", "../dashboards"));
	}

	private static String scrape() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + demoPort + "/actuator/prometheus"))
			.header("Accept", "text/plain;version=0.0.4")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static void await(String what, Duration timeout, Condition condition) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.holds()) {
			if (Instant.now().isAfter(deadline)) {
				fail("Timed out after " + timeout + " waiting for " + what);
			}
			Thread.sleep(250);
		}
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws Exception;

	}

	/**
	 * One target of one panel, with the variables substituted.
	 *
	 * @param panel the panel's title
	 * @param refId the target's id
	 * @param promql the query
	 * @param metrics the metric names it selects
	 */
	private record PanelQuery(String panel, String refId, String promql, Set<String> metrics) {

		@Override
		public String toString() {
			return "[" + this.panel + " / " + this.refId + "] " + this.promql;
		}

	}

}
