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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Ground truth for the pre-OOM warning and report in real memory cgroups, at the default
 * watch and history settings (only the report directory is set): a forked demo with
 * {@code -Xmx2g} in a child cgroup of 1 GiB (the heap may outgrow the limit, the common
 * misconfiguration) grows its retained heap, or malloc'ed native memory, at 50 MB/s on a
 * thread of its own, never paused, until the kernel kills it (exit 137). The WARN line
 * must be in its log and a complete report file (valid JSON, the warning, the gauge
 * snapshot, the newest breakdown point, the history) in the directory: both are written
 * before the kill, since a killed process writes nothing more. A creep (quickly to 85 %,
 * then 1 MB/s past the threshold) is warned about exactly once. The times the observer
 * saw are printed; {@code benchmarks/pre-oom-timing.sh} repeats the fast cases for
 * figures.
 * <p>
 * Where cgroups cannot be written (not root, no memory controller), the tests skip, and
 * under {@code CI=true} fail. They run on the JDK 25 pass (the shorter one) unless
 * {@code -Dmatrix.always=true}, and fork the JDK 25 demo but for the heap case, which
 * forks JDK 17's (see there); without a JDK 25 they run on this one.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PreOomCgroupForkedJvmTests {

	private static final long MB = PreOomRun.MB;

	private static final long GIB = 1024 * MB;

	private static final List<String> HEAP_ABOVE_LIMIT = List.of("-Xmx2g");

	@BeforeEach
	void onePass() {
		Assumptions.assumeFalse(Runtime.version().feature() != 25 && ForkedDemo.java(25).isPresent()
				&& !Boolean.getBoolean("matrix.always"), "the JDK 25 pass runs it");
	}

	// JDK 17's: in 1 GiB on 2 CPUs it picks Serial, whose young collections move a young
	// generation full of the leak into the old one within one pause, the harder case.
	@Test
	void heapGrowthAt50MegabytesASecondIsWarnedAndReportedBeforeTheKill() throws Exception {
		growUntilKilled("heap", ForkedDemo.java(17).orElseGet(PreOomCgroupForkedJvmTests::thisJava));
	}

	@Test
	void nativeGrowthAt50MegabytesASecondIsWarnedAndReportedBeforeTheKill() throws Exception {
		growUntilKilled("native", thisJava());
	}

	// Native memory, whose charge follows what is kept: the heap's would also carry its
	// young generation, which a collection can promote into fresh pages at once.
	@Test
	void aCreepPastTheThresholdIsWarnedAboutOnce() throws Exception {
		long limit = 512 * MB;
		try (PreOomRun run = start(thisJava(), "pre-oom-creep", limit)) {
			long quickly = ((long) (0.85 * limit) - run.charged()) / MB;
			run.grow("native", 100, quickly);
			awaitHeldNative(run, quickly * MB);
			assertThat((double) run.charged() / limit).as("the share before the creep").isBetween(0.83, 0.87);
			// 1 MB/s: about 26 s to the threshold, then 14 s past it.
			run.grow("native", 1, 40);
			awaitHeldNative(run, (quickly + 40) * MB);
			Thread.sleep(3000);
			assertThat(run.demo().isAlive()).as("alive below the limit; log: %s", run.demo().logFile()).isTrue();
			assertThat(run.charged()).as("past the threshold").isGreaterThan((long) (PreOomRun.THRESHOLD * limit));
			List<String> warnings = run.preOomWarnings();
			System.out.println("pre-OOM creep: " + run.timings().describe() + "; warnings: " + warnings);
			assertThat(warnings).as("log: %s", run.demo().logFile())
				.singleElement()
				.asString()
				.startsWith("Memory is at 9")
				.contains("of the limit of 512 MB");
			assertThat(run.reportFiles()).hasSize(1);
		}
	}

	private void growUntilKilled(String source, Path java) throws Exception {
		try (PreOomRun run = start(java, "pre-oom-" + source, GIB)) {
			run.grow(source, 50, 1024);
			if (!run.awaitExit(Duration.ofSeconds(120))) {
				fail("not killed within 120 s; log: " + run.demo().logFile());
			}
			PreOomRun.Timings timings = run.timings();
			System.out.println("pre-OOM " + source + " at 50 MB/s to 1 GiB: " + timings.describe() + "; problems: "
					+ run.observerProblems());
			assertThat(run.demo().exitValue()).as("SIGKILL from the OOM killer; log: %s", run.demo().logFile())
				.isEqualTo(137);
			assertThat(timings.crossing()).as("the observer saw the crossing").isPositive();
			List<String> log = Files.readAllLines(run.demo().logFile());
			// 2.0 GB with G1; 1.9 GB with Serial, which the JVM picks in 1 GiB (a
			// survivor space is not part of the heap's maximum there).
			assertThat(log).as("the misconfiguration, at start")
				.anySatisfy((line) -> assertThat(line).contains(" WARN ")
					.containsPattern("The heap may grow to (1\\.9|2\\.0) GB but the container's limit is 1\\.0 GB: "
							+ "the kernel will kill the process before the JVM throws OutOfMemoryError"));
			List<String> warnings = run.preOomWarnings();
			assertThat(warnings).as("log: %s", run.demo().logFile())
				.singleElement()
				.asString()
				.matches("Memory is at (9\\d|100)% of the limit of 1\\.0 GB .*|Memory is at \\d+% of the limit of "
						+ "1\\.0 GB .*, or sooner: a stop-the-world collection may move up to .*");
			assertCompleteReport(run, warnings.get(0));
		}
	}

	// Valid JSON (a half-written file is not), with what the quick stage holds at least.
	private static void assertCompleteReport(PreOomRun run, String warning) throws Exception {
		List<Path> files = run.reportFiles();
		assertThat(files).as("report files; log: %s", run.demo().logFile())
			.singleElement()
			.satisfies(
					(file) -> assertThat(file.getFileName().toString()).matches("pre-oom-\\d{8}T[\\d.]+Z-\\d+\\.json"));
		String text = Files.readString(files.get(0));
		JsonNode report = JsonMapper.builder().build().readTree(text);
		System.out.println("pre-OOM report (" + report.get("stage").asString() + ", " + text.length()
				+ " bytes; unfinished files: " + run.unfinishedFiles().size() + ")");
		assertThat(report.get("stage").asString()).isIn("quick", "full");
		assertThat(report.get("warning").asString()).isEqualTo(warning);
		assertThat(report.at("/crossing/limit").asLong()).isEqualTo(run.limit());
		// At the threshold, or where one more pause like a recent one would reach the
		// limit.
		long level = Math.min((long) (PreOomRun.THRESHOLD * run.limit()),
				run.limit() - report.at("/crossing/pauseGrowth").asLong());
		assertThat(report.at("/crossing/charged").asLong()).isGreaterThanOrEqualTo(level);
		assertThat(report.at("/container/limit").asLong()).isEqualTo(run.limit());
		assertThat(report.at("/process/rss").asLong()).isGreaterThan(run.limit() / 2);
		assertThat(report.at("/jvm/heapMax").asLong()).isBetween(GIB * 18 / 10, 2 * GIB);
		assertThat(report.at("/history/gauge")).as("the history, on by default").isNotEmpty();
		assertThat(report.at("/history/breakdowns")).isNotEmpty();
		if (report.get("stage").asString().equals("quick")) {
			assertThat(report.at("/newestBreakdownPoint/categories").isObject()).isTrue();
		}
		else {
			assertThat(report.at("/breakdown/categories")).isNotEmpty();
			List<String> codes = report.at("/diagnosis/findings").findValuesAsString("code");
			assertThat(codes).contains("HEAP_MAX_ABOVE_LIMIT");
			// A warning given early, for a pause that may carry memory to the limit, may
			// be
			// reported before the charge reaches the finding's 80 %: the finding follows
			// the
			// charge the report itself shows.
			JsonNode container = report.get("container");
			long workingSet = container.hasNonNull("workingSet") ? container.get("workingSet").asLong()
					: container.get("usage").asLong();
			double share = (double) Math.max(report.at("/process/rss").asLong(), workingSet) / run.limit();
			if (share >= 0.8) {
				assertThat(codes).as("findings at %.2f of the limit", share).contains("CONTAINER_LIMIT");
			}
		}
	}

	private static Path thisJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	private static PreOomRun start(Path java, String name, long limit) throws Exception {
		return PreOomRun.startOrSkip(java, name, limit, HEAP_ABOVE_LIMIT);
	}

	private static void awaitHeldNative(PreOomRun run, long bytes) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (JsonMapper.builder()
			.build()
			.readTree(run.demo().get("/scenario").body())
			.at("/held/nativeBytes")
			.asLong() < bytes) {
			if (System.nanoTime() > deadline || !run.demo().isAlive()) {
				fail("the demo did not hold " + bytes / MB + " MB of native memory; log: " + run.demo().logFile());
			}
			Thread.sleep(100);
		}
	}

}
