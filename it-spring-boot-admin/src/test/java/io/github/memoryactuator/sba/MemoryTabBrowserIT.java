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

package io.github.memoryactuator.sba;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;

import io.github.memoryactuator.sba.Chromium.Exchange;
import io.github.memoryactuator.snapshot.ByteSizes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Memory tab in a real Spring Boot Admin server of this module's line, in a real
 * headless Chromium. The server (secured with a login and a CSRF cookie, as SBA's
 * documentation secures it), the demo and a second demo whose filesystem root is an empty
 * folder (what an instance off Linux answers: no {@code /proc}) run in JVMs of their own
 * on loopback; the server also registers itself, an instance without the {@code memory}
 * endpoint. What the tab shows is compared with the responses the browser received
 * (recorded from the DevTools Protocol), never with a second request of the test's own.
 * Screenshots go to {@code target/sba/}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the demo's breakdown reads /proc")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryTabBrowserIT {

	// The demo's own JVM options (demo/pom.xml): NMT on for the most precise breakdown.
	private static final List<String> DEMO_JVM = List.of("-Xms64m", "-Xmx1g", "-XX:+UseG1GC",
			"-XX:NativeMemoryTracking=summary");

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String SOFT_LIMIT_TARGET = "3000MB";

	private static final String TAB = "[data-sba-group=\"memory-actuator\"]";

	private static final String ROOT = ".ma-root";

	// what the reclaim panel shows once the POST has answered
	private static final String ANSWERED = "[data-ma-reclaim-report], [data-ma-refused], [data-ma-error=reclaim]";

	private static final Json json = new Json();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Path output = Path.of(System.getProperty("sba.output", "target/sba"));

	private static Chromium chromium;

	private static AdminServer admin;

	private static ForkedApp demo;

	private static ForkedApp demoWithoutProc;

	private static String demoId;

	private static String demoWithoutProcId;

	private static String adminId;

	@BeforeAll
	static void startServerDemosAndBrowser() throws Exception {
		long start = System.nanoTime();
		// The browser first: without one the test is skipped before anything starts.
		chromium = Chromium.start(output);
		Path emptyRoot = Files.createDirectories(output.resolve("empty-filesystem-root"));
		String password = AdminServer.newPassword();
		String jar = System.getProperty("sba.demo.jar");
		List<ForkedApp.Starting> starting = new ArrayList<>();
		try {
			starting.add(AdminServer.start(Path.of(System.getProperty("sba.server.classes")),
					Path.of(System.getProperty("sba.server.classpath")), output, password));
			// A soft-limit target far above what the demo charges: the controller holds
			// it
			// without acting, so the panel has a state to show and the reclaim is not
			// refused for a flag the controller holds.
			starting.add(ForkedApp.start("demo", output, DEMO_JVM, List.of("-jar", jar),
					List.of("--management.endpoint.memory.access=unrestricted",
							"--memory-actuator.profiling.enabled=true",
							"--memory-actuator.soft-limit.target=" + SOFT_LIMIT_TARGET)));
			starting.add(ForkedApp.start("demo-without-proc", output, DEMO_JVM, List.of("-jar", jar),
					List.of("--memory-actuator.filesystem-root=" + emptyRoot.toAbsolutePath())));
			admin = AdminServer.await(starting.get(0), password);
			demo = starting.get(1).awaitStarted();
			demoWithoutProc = starting.get(2).awaitStarted();
		}
		catch (Exception | AssertionError ex) {
			starting.forEach(ForkedApp.Starting::abandon);
			throw ex;
		}
		log("server and demos started", start);
		// The story's first two acts (demo/story.sh), shortened: the committed heap
		// grows, glibc keeps freed native memory. So the tab and its screenshots have
		// something to show, and the reclaim something to give back.
		assertThat(post(demo.baseUrl() + "/scenario/heap-churn?megabytes=256").statusCode()).isEqualTo(200);
		assertThat(post(demo.baseUrl() + "/scenario/native-churn?megabytes=256&threads=8").statusCode()).isEqualTo(200);
		log("the story's first acts played", start);
		demoId = admin.register("memory-actuator-demo", demo.baseUrl());
		demoWithoutProcId = admin.register("memory-actuator-demo-without-proc", demoWithoutProc.baseUrl());
		adminId = admin.register("spring-boot-admin", admin.baseUrl());
		assertThat(admin.awaitEndpoints(demoId, PATIENCE)).contains("memory");
		assertThat(admin.awaitEndpoints(demoWithoutProcId, PATIENCE)).contains("memory");
		assertThat(admin.awaitEndpoints(adminId, PATIENCE)).doesNotContain("memory").contains("health");
		log("SBA read every instance's endpoints", start);
		chromium.signIn(admin.baseUrl(), AdminServer.USER, admin.password());
		log("instances registered, signed in", start);
	}

	@AfterAll
	static void stopEverything() {
		try {
			if (chromium != null) {
				chromium.close();
			}
		}
		finally {
			for (AutoCloseable closeable : new AutoCloseable[] { demo, demoWithoutProc, admin }) {
				try {
					if (closeable != null) {
						closeable.close();
					}
				}
				catch (Exception ex) {
					System.err.println("closing " + closeable + ": " + ex);
				}
			}
		}
	}

	@Test
	@Order(1)
	void memoryTabIsThereWhereTheEndpointIsAndNowhereElse() throws IOException {
		openDetails(demoId);
		WebElement tab = chromium.await(PATIENCE, () -> chromium.first(By.cssSelector(TAB + " a")));
		assertThat(tab.getText()).contains("Memory");
		chromium.screenshot(output.resolve("sidebar-with-memory-tab.png"), "aside");

		openDetails(adminId);
		// Absent must mean absent, not "not drawn yet": the extension is loaded and the
		// sidebar shows the instance's other tabs first.
		chromium.await(PATIENCE, () -> Boolean.TRUE.equals(chromium.script("return !!window.memoryActuatorSba"
				+ " && SBA.viewRegistry.views.some((view) => view.name === 'instances/memory')")));
		chromium.await(PATIENCE, () -> {
			WebElement sidebar = chromium.first(By.cssSelector("aside"));
			return sidebar != null && sidebar.getText().contains(adminId)
					&& !sidebar.findElements(By.cssSelector("[data-sba-group]")).isEmpty();
		});
		assertThat(chromium.driver().findElements(By.cssSelector(TAB))).isEmpty();
	}

	@Test
	@Order(2)
	void tabShowsTheResponsesItFetched() throws IOException {
		Map<String, Exchange> responses = openMemoryTab(demoId);
		chromium.screenshot(output.resolve("memory-tab.png"), ROOT);
		Map<String, Object> memory = responses.get("memory").json();
		Map<String, Object> history = responses.get("history").json();
		assertThat(memory).as("the demo runs with management.endpoint.memory.access=unrestricted")
			.containsEntry("reclaimAllowed", true);

		assertThat(text("[data-ma-section=verdict] .ma-verdict")).isEqualTo(memory.get("verdict"));
		List<?> findings = (List<?>) pointer(memory, "/diagnosis/findings");
		assertThat(attributes("[data-ma-finding]", "data-ma-finding"))
			.isEqualTo(findings.stream().map((finding) -> ((Map<?, ?>) finding).get("code")).toList());

		List<?> categories = (List<?>) pointer(memory, "/breakdown/categories");
		assertThat(categories).isNotEmpty();
		assertThat(attributes("[data-ma-category]", "data-ma-category"))
			.isEqualTo(categories.stream().map((category) -> ((Map<?, ?>) category).get("category")).toList());
		List<String> drawn = categories.stream()
			.filter((category) -> ((Number) ((Map<?, ?>) category).get("bytes")).longValue() > 0)
			.map((category) -> String.valueOf(((Map<?, ?>) category).get("category")))
			.toList();
		assertThat(attributes("[data-ma-bar] .ma-segment", "data-category").stream().distinct().toList())
			.as("one stacked bar, a segment per category that holds memory")
			.isEqualTo(drawn);

		List<?> points = (List<?>) history.get("points");
		int lastWithRss = -1;
		int withRss = 0;
		for (int i = 0; i < points.size(); i++) {
			if (((Map<?, ?>) points.get(i)).get("rss") != null) {
				lastWithRss = i;
				withRss++;
			}
		}
		assertThat(lastWithRss).as("history points with RSS").isGreaterThanOrEqualTo(0);
		long latestRss = ((Number) ((Map<?, ?>) points.get(lastWithRss)).get("rss")).longValue();
		WebElement latest = chromium.driver().findElement(By.cssSelector("[data-ma-legend=rss] [data-field]"));
		assertThat(latest.getAttribute("data-field")).isEqualTo("/points/" + lastWithRss + "/rss");
		assertThat(latest.getAttribute("data-bytes")).isEqualTo(Long.toString(latestRss));
		assertThat(latest.getText()).isEqualTo(ByteSizes.format(latestRss));
		assertThat(drawnPoints("rss")).as("every RSS point of the history is drawn").isEqualTo(withRss);

		// Profiling is on in this demo: the tables are the endpoint's rows.
		Map<String, Object> allocations = responses.get("allocations").json();
		assertThat(responses.get("allocations").status).isEqualTo(200);
		assertRows("allocation", (List<?>) pointer(allocations, "/allocations/sites"));
		assertRows("survivor", (List<?>) pointer(allocations, "/survivors/groups"));

		assertSoftLimitShown(memory, responses.get("softLimit"));
		assertThat(chromium.first(By.cssSelector("[data-ma-reclaim]"))).as("the reclaim button").isNotNull();
		assertEveryFigureTraces(responses, 50);
		assertOnlyLoopbackAndNoWrite();
	}

	@Test
	@Order(3)
	void instanceWithoutProcShowsWhyInsteadOfEmptyCharts() throws IOException {
		Map<String, Exchange> responses = openMemoryTab(demoWithoutProcId);
		chromium.screenshot(output.resolve("memory-tab-without-proc.png"), ROOT);
		Map<String, Object> memory = responses.get("memory").json();
		String reason = (String) pointer(memory, "/process/unavailable");
		assertThat(reason).as("the endpoint's reason").contains("/proc/self/status");
		assertThat(text("[data-ma-unavailable=process]")).contains(reason);
		assertThat(text("[data-ma-unavailable=breakdown]"))
			.contains((String) pointer(memory, "/breakdown/unavailable"));
		assertThat(text("[data-ma-unavailable=history]")).contains(reason);
		assertThat(chromium.driver().findElements(By.cssSelector("[data-ma-chart=memory]"))).isEmpty();
		assertThat(chromium.driver().findElements(By.cssSelector("[data-ma-section=softLimit]")))
			.as("no target set here: no soft limit panel (the section answered %d)", responses.get("softLimit").status)
			.isEmpty();

		// Profiling is off here: the endpoint's 409 says which property turns it on.
		Exchange allocations = responses.get("allocations");
		assertThat(allocations.status).isEqualTo(409);
		String off = (String) allocations.json().get("error");
		assertThat(off).contains("memory-actuator.profiling.enabled=true");
		assertThat(text("[data-ma-profiling=off]")).contains(off);

		// Read-only access (the default): the endpoint says so, and nothing asked.
		assertThat(memory).containsEntry("reclaimAllowed", false);
		assertThat(chromium.driver().findElements(By.cssSelector("[data-ma-reclaim]"))).isEmpty();
		assertEveryFigureTraces(responses, 10);
		assertOnlyLoopbackAndNoWrite();
	}

	@Test
	@Order(4)
	void clickRunsOneReclaimThroughSbaAndShowsItsReport() throws Exception {
		openMemoryTab(demoId);
		String path = "/instances/" + demoId + "/actuator/memory";
		double reclaimsBefore = reclaims();

		// The same POST without SBA's client: SBA refuses it (no CSRF token), so the
		// tab's
		// reclaim passes because it goes through that client, with the user's session.
		Object refused = chromium.driver()
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ " fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})"
					+ ".then((r) => done(r.status), (e) => done(String(e)));", path.substring(1));
		assertThat(refused).isEqualTo(403L);

		chromium.clearNetwork();
		chromium.driver().findElement(By.cssSelector("[data-ma-reclaim]")).click();
		Exchange reclaim = chromium.awaitResponse("POST", path, PATIENCE);
		chromium.await(PATIENCE, () -> chromium.first(By.cssSelector(ANSWERED)));
		assertThat(chromium.first(By.cssSelector("[data-ma-reclaim-report]")))
			.as("the reclaim's report; the tab shows: %s", text("[data-ma-section=reclaim]"))
			.isNotNull();
		assertThat(reclaim.status).isEqualTo(200);
		assertThat(reclaim.requestBody).isEqualTo("{}");
		assertThat(reclaim.requestHeaders).as("SBA's CSRF header").containsKey("x-xsrf-token");
		assertThat(posts()).as("one click, one POST").hasSize(1);
		assertThat(reclaims()).as("reclaims the demo counted").isEqualTo(reclaimsBefore + 1);
		Map<String, Object> report = reclaim.json();
		assertThat(text("[data-ma-reclaim-report] .ma-verdict")).isEqualTo(report.get("summary"));
		assertThat(attributes("[data-ma-step]", "data-ma-step")).containsExactly("gc", "trim");
		assertEveryFigureTraces(Map.of("reclaim", reclaim), 8);
		// and then the tab reads the endpoint again, to show memory after the reclaim
		chromium.awaitResponse("GET", path, PATIENCE);
		chromium.screenshot(output.resolve("memory-tab-reclaim.png"), "[data-ma-section=reclaim]");

		// Within the cooldown the endpoint refuses; the tab says so and for how long.
		chromium.clearNetwork();
		chromium.driver().findElement(By.cssSelector("[data-ma-reclaim]")).click();
		Exchange refusal = chromium.awaitResponse("POST", path, PATIENCE);
		assertThat(refusal.status).isEqualTo(429);
		chromium.await(PATIENCE, () -> chromium.first(By.cssSelector("[data-ma-refused]")));
		String retryAfter = refusal.header("retry-after").orElseThrow();
		assertThat(chromium.driver()
			.findElement(By.cssSelector("[data-ma-retry-after]"))
			.getAttribute("data-ma-retry-after")).isEqualTo(retryAfter);
		assertThat(text("[data-ma-refused]")).contains((String) refusal.json().get("error"))
			.contains("Retry after " + retryAfter + " s");
		assertThat(reclaims()).as("a refused reclaim runs nothing").isEqualTo(reclaimsBefore + 1);
		assertEveryFigureTraces(Map.of("reclaim", refusal), 1);
	}

	@Test
	@Order(5)
	void sizesReadAsTheEndpointWritesThem() {
		// exact ties: 1.25 KB, 100.5 KB, 1.25 MB, 999.5 MB; 1023.96 MB reads 1.0 GB
		List<Long> values = new ArrayList<>(List.of(0L, 1L, 1023L, 1024L, 1025L, 1280L, 1536L, 10_239L, 10_240L,
				102_400L, 102_912L, 1_310_720L, 1_048_051_712L, 104_805_171L, 104_857_600L, 1_073_699_880L,
				1_073_741_824L, 2_000_000_000L, 9_007_199_254_740_991L));
		for (long unit = 1024; unit <= 1L << 40; unit *= 1024) {
			for (long twentieth = 0; twentieth <= 20_480; twentieth++) {
				// every twentieth of a unit, the ties among them, and a byte below each
				long at = unit * twentieth / 20;
				values.add(at);
				values.add(Math.max(0, at - 1));
			}
		}
		Random random = new Random(21);
		for (int i = 0; i < 5000; i++) {
			values.add(random.nextLong(1L << 53));
		}
		@SuppressWarnings("unchecked")
		List<String> formatted = (List<String>) chromium.script(
				"return arguments[0].map((v) => window.memoryActuatorSba.formatBytes(Number(v)))",
				values.stream().map(String::valueOf).toList());
		List<String> mismatches = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			String expected = ByteSizes.format(values.get(i));
			if (!expected.equals(formatted.get(i))) {
				mismatches.add(values.get(i) + ": tab " + formatted.get(i) + ", endpoint " + expected);
			}
		}
		assertThat(mismatches).as("sizes formatted otherwise than ByteSizes").isEmpty();
	}

	// ------------------------------------------------------------------ helpers

	private static void openDetails(String id) {
		chromium.open(admin.baseUrl() + "/instances/" + id + "/details");
	}

	/**
	 * Open an instance's details, click its Memory tab and wait until the tab has read
	 * the endpoint.
	 * @return the responses the tab read, by section: memory, history, allocations,
	 * softLimit
	 */
	private static Map<String, Exchange> openMemoryTab(String id) {
		openDetails(id);
		WebElement tab = chromium.await(PATIENCE, () -> chromium.first(By.cssSelector(TAB + " a")));
		chromium.clearNetwork();
		tab.click();
		chromium.await(PATIENCE, () -> chromium.first(By.cssSelector(ROOT + "[data-ma-state=loaded]")));
		String base = "/instances/" + id + "/actuator/memory";
		Map<String, Exchange> responses = new LinkedHashMap<>();
		responses.put("memory", chromium.awaitResponse("GET", base, PATIENCE));
		responses.put("history", chromium.awaitResponse("GET", base + "/history", PATIENCE));
		responses.put("allocations", chromium.awaitResponse("GET", base + "/allocations", PATIENCE));
		responses.put("softLimit", chromium.awaitResponse("GET", base + "/softLimit", PATIENCE));
		return responses;
	}

	// Ten rows, and a button for the rest; then every row, each the endpoint's type.
	private static void assertRows(String table, List<?> entries) {
		List<?> all = (entries != null) ? entries : List.of();
		By rows = By.cssSelector("[data-ma-row=" + table + "] .ma-type");
		assertThat(chromium.driver().findElements(rows)).hasSize(Math.min(10, all.size()));
		if (all.size() > 10) {
			chromium.driver().findElement(By.cssSelector("[data-ma-more=" + table + "s]")).click();
			chromium.await(PATIENCE, () -> chromium.driver().findElements(rows).size() == all.size());
		}
		assertThat(chromium.driver().findElements(rows).stream().map(WebElement::getText).toList())
			.isEqualTo(all.stream().map((entry) -> ((Map<?, ?>) entry).get("type")).toList());
	}

	// The demo runs with a target: its panel and the overview's cell show the section's
	// state and target (every figure of the panel is traced to the response after this).
	private static void assertSoftLimitShown(Map<String, Object> memory, Exchange softLimit) throws IOException {
		assertThat(softLimit.status).as("the softLimit section").isEqualTo(200);
		Map<String, Object> section = softLimit.json();
		assertThat(section.get("targetText")).isEqualTo(SOFT_LIMIT_TARGET);
		assertThat(section.get("state")).as("a target far above the charged memory")
			.isIn("HOLDING", "OVER", "UNREACHABLE", "THROTTLED");
		assertThat(text("[data-ma-section=softLimit] .ma-state")).isEqualTo(section.get("state"));
		WebElement target = chromium.driver()
			.findElement(By.cssSelector("[data-ma-section=softLimit] [data-source=softLimit][data-field='/target']"));
		assertThat(target.getText()).isEqualTo(ByteSizes.format(((Number) section.get("target")).longValue()));
		// the overview reads the same section from GET /actuator/memory
		assertThat(chromium.driver()
			.findElement(By.cssSelector("[data-ma-soft-limit-state]"))
			.getAttribute("data-ma-soft-limit-state")).isEqualTo(pointer(memory, "/softLimit/state"));
		chromium.screenshot(output.resolve("memory-tab-soft-limit.png"), "[data-ma-section=softLimit]");
	}

	/**
	 * Every figure on the tab names its response and field; each must be that field's
	 * value, sizes formatted as the endpoint formats them (ByteSizes).
	 */
	private static void assertEveryFigureTraces(Map<String, Exchange> responses, int atLeast) {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> figures = (List<Map<String, Object>>) chromium
			.script("return Array.from(document.querySelectorAll('" + ROOT + " [data-field]')).map((e) => ({"
					+ "source: e.getAttribute('data-source'), field: e.getAttribute('data-field'),"
					+ " bytes: e.getAttribute('data-bytes'), number: e.getAttribute('data-number'),"
					+ " time: e.getAttribute('data-time'), text: e.textContent}))");
		List<String> wrong = new ArrayList<>();
		int checked = 0;
		for (Map<String, Object> figure : figures) {
			Exchange exchange = responses.get((String) figure.get("source"));
			if (exchange == null) {
				continue;
			}
			checked++;
			String field = (String) figure.get("field");
			Object value = pointer(exchange.json(), field);
			String shown = (String) figure.get("text");
			String where = figure.get("source") + field;
			if (value == null) {
				wrong.add(where + ": no such field, shown '" + shown + "'");
			}
			else if (figure.get("bytes") != null) {
				long bytes = ((Number) value).longValue();
				if (!String.valueOf(bytes).equals(figure.get("bytes")) || !ByteSizes.format(bytes).equals(shown)) {
					wrong.add(where + ": " + value + ", shown '" + shown + "' (" + figure.get("bytes") + ")");
				}
			}
			else if (figure.get("number") != null) {
				if (Double.parseDouble((String) figure.get("number")) != ((Number) value).doubleValue()
						|| !shown.equals(figure.get("number"))) {
					wrong.add(where + ": " + value + ", shown '" + shown + "'");
				}
			}
			else if (figure.get("time") != null) {
				if (!figure.get("time").equals(value)) {
					wrong.add(where + ": " + value + ", shown for '" + figure.get("time") + "'");
				}
			}
			else if (!String.valueOf(value).equals(shown)) {
				wrong.add(where + ": '" + value + "', shown '" + shown + "'");
			}
		}
		assertThat(checked).as("figures traced to %s", responses.keySet()).isGreaterThanOrEqualTo(atLeast);
		assertThat(wrong).as("figures that are not what the response says").isEmpty();
	}

	// The tab works with the SBA server offline: nothing leaves the loopback. And it
	// never
	// writes on its own.
	private static void assertOnlyLoopbackAndNoWrite() {
		List<Exchange> exchanges = chromium.exchanges();
		assertThat(exchanges).isNotEmpty();
		assertThat(exchanges.stream().filter((e) -> e.url.startsWith("http")).map(Exchange::host).distinct())
			.containsOnly("127.0.0.1");
		assertThat(posts()).as("requests that write").isEmpty();
	}

	private static List<Exchange> posts() {
		return chromium.exchanges()
			.stream()
			.filter((e) -> !e.method.equals("GET") && !e.method.equals("HEAD") && !e.method.equals("OPTIONS"))
			.toList();
	}

	private static int drawnPoints(String series) {
		return attributes("[data-series=" + series + "]", "data-ma-points").stream().mapToInt(Integer::parseInt).sum();
	}

	private static String text(String selector) {
		return chromium.driver().findElement(By.cssSelector(selector)).getText();
	}

	private static List<String> attributes(String selector, String attribute) {
		return chromium.driver()
			.findElements(By.cssSelector(selector))
			.stream()
			.map((element) -> element.getAttribute(attribute))
			.toList();
	}

	// RFC 6901
	private static Object pointer(Object document, String pointer) {
		Object current = document;
		for (String token : pointer.substring(1).split("/", -1)) {
			String key = token.replace("~1", "/").replace("~0", "~");
			if (current instanceof Map<?, ?> map) {
				current = map.get(key);
			}
			else if (current instanceof List<?> list && key.matches("\\d+") && Integer.parseInt(key) < list.size()) {
				current = list.get(Integer.parseInt(key));
			}
			else {
				return null;
			}
		}
		return current;
	}

	// jvm.memory.reclaims, read from the demo itself, not through SBA
	private static double reclaims() throws IOException, InterruptedException {
		HttpResponse<String> response = get(demo.baseUrl() + "/actuator/metrics/jvm.memory.reclaims");
		assertThat(response.statusCode()).isEqualTo(200);
		List<?> measurements = (List<?>) json.<Map<String, Object>>toType(response.body(), Json.MAP_TYPE)
			.get("measurements");
		return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void log(String what, long startNanos) {
		System.out.printf("SBA %s (Boot %s): %s after %.1f s%n", System.getProperty("sba.version"),
				System.getProperty("sba.boot.version"), what, (System.nanoTime() - startNanos) / 1e9);
	}

}
