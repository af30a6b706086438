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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.ParseContext;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo in forked JVMs under every collector on JDK 17 and JDK 25, with and without
 * Native Memory Tracking and with {@code -XX:+DisableExplicitGC}: the endpoint, the
 * gauges, a breakdown of the RSS the response reports and a reclaim must work under each,
 * with nothing logged at ERROR.
 * <p>
 * The matrix forks both JDKs itself, whatever JDK runs the build, so CI's second pass
 * (JDK 25) would repeat it exactly; it skips there unless {@code -Dmatrix.always=true}.
 */
@EnabledOnOs(OS.LINUX)
class CollectorMatrixTests {

	private static final String SERIAL = "-XX:+UseSerialGC";

	private static final String PARALLEL = "-XX:+UseParallelGC";

	private static final String G1 = "-XX:+UseG1GC";

	private static final String ZGC = "-XX:+UseZGC";

	private static final String SHENANDOAH = "-XX:+UseShenandoahGC";

	private static final String NMT = "-XX:NativeMemoryTracking=summary";

	private static final String NO_EXPLICIT_GC = "-XX:+DisableExplicitGC";

	// @formatter:off
	private static final List<Config> MATRIX = List.of(
			//          name                   JDK  options
			new Config("serial",               17, SERIAL),
			new Config("parallel",             17, PARALLEL),
			new Config("g1",                   17, G1),
			new Config("zgc",                  17, ZGC),
			new Config("shenandoah",           17, SHENANDOAH),
			new Config("serial",               25, SERIAL),
			new Config("parallel",             25, PARALLEL),
			new Config("g1",                   25, G1),
			new Config("zgc",                  25, ZGC),
			new Config("shenandoah",           25, SHENANDOAH),
			new Config("g1 nmt",               17, G1, NMT),
			new Config("zgc nmt",              17, ZGC, NMT),
			new Config("g1 nmt",               25, G1, NMT),
			new Config("zgc nmt",              25, ZGC, NMT),
			new Config("g1 no-explicit-gc",    17, G1, NO_EXPLICIT_GC),
			new Config("g1 no-explicit-gc",    25, G1, NO_EXPLICIT_GC));
	// @formatter:on

	// Small and quick: the matrix is about correctness, not about warm code.
	private static final List<String> COMMON_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

	private static final List<String> APP_ARGUMENTS = List.of("--management.endpoint.memory.access=unrestricted",
			"--memory-actuator.reclaim.cooldown=0s",
			"--management.endpoints.web.exposure.include=health,prometheus,memory");

	private static final List<String> SECTIONS = List.of("process", "jvm", "gc", "container", "tuning", "nmt",
			"breakdown", "diagnosis");

	private static final String NUMBER = "[0-9.E+-]+";

	private static final List<Pattern> GAUGES = List.of(series("process_memory_rss_bytes", NUMBER),
			series("jvm_memory_heap_committed_bytes", NUMBER),
			// NaN until the first collection, which a quick start may not have had.
			series("jvm_memory_heap_live_bytes", "(NaN|" + NUMBER + ")"),
			series("jvm_gc_headroom_ratio", "(NaN|" + NUMBER + ")"), Pattern.compile(
					"(?m)^process_memory_breakdown_bytes\\{[^}]*category=\"unexplained\"[^}]*\\} " + NUMBER + "$"));

	// ERROR log lines, uncaught exceptions and stack frames.
	private static final Pattern TROUBLE = Pattern
		.compile("(?m)^(.* ERROR .*|Exception in thread .*|\\s+at [\\w$.]+\\(.*\\)|Caused by: .*)$");

	private static final long MB = 1L << 20;

	// The endpoint leaves out null members: a missing one reads as null, not an
	// exception.
	private static final ParseContext JSON = JsonPath
		.using(Configuration.defaultConfiguration().addOptions(Option.DEFAULT_PATH_LEAF_TO_NULL));

	@Test
	void everyCollectorOnBothJdksServesTheEndpointTheGaugesAndAReclaim() throws Exception {
		boolean haveJdk17 = ForkedDemo.java(17).isPresent();
		Assumptions.assumeFalse(Runtime.version().feature() == 25 && haveJdk17 && !Boolean.getBoolean("matrix.always"),
				"the matrix forks JDK 17 and JDK 25 itself and ran on the JDK 17 pass");
		int parallelism = Integer.getInteger("matrix.parallelism", 2);
		long start = System.nanoTime();
		List<Result> results = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		try {
			List<Future<Result>> futures = new ArrayList<>();
			for (Config config : MATRIX) {
				futures.add(pool.submit(() -> run(config)));
			}
			for (Future<Result> future : futures) {
				results.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		long seconds = Math.round((System.nanoTime() - start) / 1e9);
		System.out.println(table(results, seconds, parallelism));
		assertThat(results).filteredOn((result) -> result.status() == Status.FAIL)
			.as("failed configurations (logs in %s)", ForkedDemo.LOGS.toAbsolutePath())
			.isEmpty();
		if (ForkedDemo.onCi()) {
			assertThat(results).filteredOn((result) -> result.status() == Status.SKIP)
				.as("configurations skipped on CI")
				.isEmpty();
		}
	}

	private Result run(Config config) throws Exception {
		Optional<Path> java = ForkedDemo.java(config.jdk());
		if (java.isEmpty()) {
			return config.skipped("JDK " + config.jdk() + " is not installed (set -Dmatrix.jdk" + config.jdk() + ")");
		}
		List<String> options = new ArrayList<>(COMMON_OPTIONS);
		options.addAll(config.options());
		try {
			return ForkedDemo.withRetry(() -> ForkedDemo.start(java.get(), config.fileName(), options, APP_ARGUMENTS),
					(demo) -> check(demo, config));
		}
		catch (ForkedDemo.StartFailure ex) {
			if (ex.log().contains("Unrecognized VM option") || ex.log().contains("not supported")) {
				// A JDK built without that collector.
				return config.skipped(ex.log().lines().findFirst().orElse(ex.getMessage()));
			}
			return config.failed(ex.getMessage() + "\n" + ex.log());
		}
		catch (Exception ex) {
			return config.failed(ex.toString());
		}
	}

	private Result check(ForkedDemo demo, Config config) throws Exception {
		SoftAssertions softly = new SoftAssertions();
		Figures figures;
		try {
			figures = exercise(demo, config, softly);
		}
		catch (Exception ex) {
			softly.fail(config + ": " + ex, ex);
			figures = Figures.NONE;
		}
		if (!softly.errorsCollected().isEmpty() && demo.terminatedFromOutside()) {
			throw new IllegalStateException(config + ": the JVM was terminated from outside");
		}
		// Stopped first, so that errors during the shutdown are in the log too.
		demo.close();
		String log = demo.log();
		List<String> trouble = TROUBLE.matcher(log).results().map((match) -> match.group()).limit(20).toList();
		softly.assertThat(trouble).as("%s: ERROR lines and stack traces in the log", config).isEmpty();
		List<String> problems = softly.errorsCollected().stream().map(Throwable::getMessage).toList();
		return new Result(config, problems.isEmpty() ? Status.PASS : Status.FAIL, demo.startupMillis(), figures,
				problems);
	}

	private Figures exercise(ForkedDemo demo, Config config, SoftAssertions softly) throws Exception {
		HttpResponse<String> memory = demo.get("/actuator/memory");
		softly.assertThat(memory.statusCode()).as("%s: GET /actuator/memory", config).isEqualTo(200);
		if (memory.statusCode() != 200) {
			return Figures.NONE;
		}
		DocumentContext report = JSON.parse(memory.body());
		Map<String, Object> sections = report.read("$");
		for (String section : SECTIONS) {
			softly.assertThat(sections.get(section)).as("%s: section %s", config, section).isNotNull();
		}
		softly.assertThat(report.<String>read("$.verdict")).as("%s: verdict", config).isNotBlank();
		Long rss = breakdown(report, config, softly);
		List<Number> unexplained = report.read("$.breakdown.categories[?(@.category == 'unexplained')].bytes");
		if (config.options().contains(NMT)) {
			softly.assertThat(report.<Object>read("$.nmt.totalCommitted")).as("%s: NMT summary", config).isNotNull();
		}

		String scrape = demo.get("/actuator/prometheus").body();
		for (Pattern gauge : GAUGES) {
			softly.assertThat(scrape).as("%s: /actuator/prometheus", config).containsPattern(gauge);
		}

		HttpResponse<String> reclaim = demo.post("/actuator/memory", "{}");
		softly.assertThat(reclaim.statusCode())
			.as("%s: POST /actuator/memory: %s", config, reclaim.body())
			.isEqualTo(200);
		Long released = null;
		if (reclaim.statusCode() == 200) {
			DocumentContext result = JSON.parse(reclaim.body());
			softly.assertThat(result.<String>read("$.gc.status")).as("%s: gc.status", config).isEqualTo("completed");
			Number rssReleased = result.read("$.released.rss");
			released = (rssReleased != null) ? rssReleased.longValue() : null;
			// Even under -XX:+DisableExplicitGC: the live-set tracker saw a collection
			// that
			// ended during the reclaim.
			Instant before = Instant.parse(result.read("$.before.capturedAt"));
			List<String> collections = JSON.parse(demo.get("/actuator/memory/gc").body()).read("$.liveSet[*].time");
			softly.assertThat(collections.stream().map(Instant::parse))
				.as("%s: a collection during the reclaim", config)
				.anyMatch((time) -> !time.isBefore(before));
		}
		// Right after a GC, with the full capture invalidated.
		breakdown(JSON.parse(demo.get("/actuator/memory").body()), config, softly);
		return new Figures(rss, (rss != null && rss > 0 && unexplained.size() == 1)
				? unexplained.get(0).longValue() * 100.0 / rss : null, released);
	}

	// The categories' sum is RSS by construction and proves nothing; what must hold is
	// that the breakdown describes the RSS the same response reports, and says how much
	// of it it measured.
	private static Long breakdown(DocumentContext report, Config config, SoftAssertions softly) {
		Number rss = report.read("$.breakdown.rss");
		softly.assertThat(rss)
			.as("%s: breakdown (unavailable: %s)", config, report.<Object>read("$.breakdown.unavailable"))
			.isNotNull();
		Number processRss = report.read("$.process.rss");
		if (rss == null || processRss == null) {
			return null;
		}
		softly.assertThat(rss.doubleValue())
			.as("%s: the breakdown's RSS against the process section's", config)
			.isCloseTo(processRss.doubleValue(), org.assertj.core.data.Percentage.withPercentage(10));
		Number measured = report.read("$.breakdown.coverage.measured");
		softly.assertThat(measured).as("%s: measured share", config).isNotNull();
		if (measured != null) {
			softly.assertThat(measured.doubleValue()).as("%s: measured share", config).isBetween(1.0, 100.0);
		}
		return rss.longValue();
	}

	private static Pattern series(String name, String value) {
		return Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? " + value + "$");
	}

	private static String table(List<Result> results, long seconds, int parallelism) {
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%nCollector matrix: %d configurations in %d s, %d at a time%n",
				results.size(), seconds, parallelism));
		table.append(String.format(Locale.ROOT, "| %-22s | %3s | %10s | %6s | %12s | %11s | %-6s |%n", "configuration",
				"JDK", "startup ms", "RSS MB", "unexplained %", "released MB", "result"));
		table.append("|------------------------|-----|------------|--------|---------------|-------------|--------|\n");
		for (Result result : results) {
			Figures figures = result.figures();
			table.append(String.format(Locale.ROOT, "| %-22s | %3d | %10s | %6s | %13s | %11s | %-6s |%n",
					result.config().name(), result.config().jdk(),
					(result.startupMillis() > 0) ? Long.toString(result.startupMillis()) : "",
					(figures.rss() != null) ? String.format(Locale.ROOT, "%.0f", figures.rss() / (double) MB) : "",
					(figures.unexplainedPercent() != null)
							? String.format(Locale.ROOT, "%.1f", figures.unexplainedPercent()) : "",
					(figures.released() != null) ? String.format(Locale.ROOT, "%.1f", figures.released() / (double) MB)
							: "",
					result.status()));
		}
		for (Result result : results) {
			for (String problem : result.problems()) {
				table.append(result.config()).append(": ").append(problem).append('\n');
			}
		}
		return table.toString();
	}

	private enum Status {

		PASS, FAIL, SKIP

	}

	private record Config(String name, int jdk, List<String> options) {

		Config(String name, int jdk, String... options) {
			this(name, jdk, List.of(options));
		}

		String fileName() {
			return name().replace(' ', '-') + "-" + jdk();
		}

		Result skipped(String why) {
			return new Result(this, ForkedDemo.onCi() ? Status.FAIL : Status.SKIP, 0, Figures.NONE, List.of(why));
		}

		Result failed(String why) {
			return new Result(this, Status.FAIL, 0, Figures.NONE, List.of(why));
		}

		@Override
		public String toString() {
			return name() + " on JDK " + jdk();
		}

	}

	private record Figures(Long rss, Double unexplainedPercent, Long released) {

		static final Figures NONE = new Figures(null, null, null);

	}

	private record Result(Config config, Status status, long startupMillis, Figures figures, List<String> problems) {

	}

}
