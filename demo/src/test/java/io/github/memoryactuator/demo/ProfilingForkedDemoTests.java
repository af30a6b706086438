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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.ParseContext;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.memoryactuator.groundtruth.ForkedJvm;
import io.github.memoryactuator.testing.GoPprof;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo in forked JVMs on JDK 17 and JDK 25 with allocation profiling on, leaking
 * through {@link ReportCache}: within the leak window the verdict and the leak finding
 * name its type and site, the allocations table has it on top, {@code go tool pprof -top}
 * lists it, and the class histogram's diff shows its type growing most. With profiling
 * off, no Flight Recorder class is loaded and no profiler thread runs.
 * <p>
 * It forks both JDKs itself, so CI's JDK 25 pass skips it unless
 * {@code -Dmatrix.always=true}.
 */
@EnabledOnOs(OS.LINUX)
class ProfilingForkedDemoTests {

	private static final String SITE = "io.github.memoryactuator.demo.ReportCache.render(ReportCache.java:";

	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
			"-Xshare:auto");

	private static final List<String> PROFILING = List.of("--memory-actuator.profiling.enabled=true",
			"--memory-actuator.profiling.survivor-interval=1s", "--memory-actuator.diagnosis.leak-window=10s",
			"--memory-actuator.full-capture.min-interval=0s", "--management.endpoint.memory.access=unrestricted",
			"--memory-actuator.reclaim.cooldown=0s", "--management.endpoints.web.exposure.include=health,memory");

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	// A table that is still empty reads as null, not an exception.
	private static final ParseContext JSON = JsonPath
		.using(Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS));

	@Test
	void onBothJdksTheVerdictNamesTheLeakingSitePprofListsItAndItsTypeGrowsMostInTheHistogram() throws Exception {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(), "forks JDK 17 and 25 itself; ran on the JDK 17 pass");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> runs = new ArrayList<>();
			for (int jdk : List.of(17, 25)) {
				runs.add(pool.submit(() -> leakAndName(jdk)));
			}
			for (Future<String> run : runs) {
				System.out.println(run.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void withProfilingOffNoFlightRecorderClassIsLoadedNoThreadRunsAndTheAllocationsSayHowToTurnItOn() throws Exception {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(), "forks JDK 17 itself; ran on the JDK 17 pass");
		Optional<Path> java = ForkedJvm.java(17);
		assertThat(java.isPresent() || !ForkedJvm.onCi()).as("JDK 17 is missing on CI").isTrue();
		Assumptions.assumeTrue(java.isPresent(), "JDK 17 is not installed");
		Path classes = ForkedDemo.LOGS.resolve("profiling-off-classes.log");
		Files.createDirectories(ForkedDemo.LOGS);
		Files.deleteIfExists(classes);
		List<String> options = new ArrayList<>(JVM_OPTIONS);
		options.add("-Xlog:class+load=info:file=" + classes);
		String threads = ForkedDemo.withRetry(() -> ForkedDemo.start(java.get(), "profiling-off", options,
				List.of("--management.endpoints.web.exposure.include=health,memory")), (demo) -> {
					for (String path : List.of("/actuator/memory/allocations", "/actuator/memory/allocations/pprof")) {
						HttpResponse<String> off = demo.get(path);
						assertThat(off.statusCode()).as(path).isEqualTo(409);
						assertThat(off.body()).as(path).contains("memory-actuator.profiling.enabled=true");
					}
					return demo.jcmd(java.get(), "Thread.print");
				});
		assertThat(threads).contains("Full thread dump")
			.doesNotContain("memory-actuator-profiler")
			.doesNotContain("JFR");
		List<String> loaded = Files.readAllLines(classes);
		assertThat(loaded).as("classes loaded").hasSizeGreaterThan(1000);
		// Any JVM that uses the platform MBean server loads a few jdk.jfr classes (the
		// FlightRecorderMXBean, the JFR.* commands' arguments); they start nothing. The
		// recorder, its disk repository and the event stream are what profiling would
		// load.
		List<String> recorder = loaded.stream()
			.filter((line) -> line.contains(" jdk.jfr.consumer.")
					|| line.contains(" jdk.jfr.internal.PlatformRecorder ")
					|| line.contains(" jdk.jfr.internal.Repository "))
			.toList();
		assertThat(recorder).as("Flight Recorder's recorder classes").isEmpty();
		List<String> profiling = loaded.stream()
			.filter((line) -> line.contains(" io.github.memoryactuator.profiling."))
			.map((line) -> line.replaceAll("^.*(io\\.github\\.memoryactuator\\.profiling\\.\\S+).*$", "$1"))
			.toList();
		// The endpoint's constructor names the profiler's type, so Spring loads that one
		// class without initializing it, and the diagnosis is told that profiling is off;
		// nothing that records or aggregates is loaded.
		assertThat(profiling).as("profiling classes loaded")
			.isSubsetOf("io.github.memoryactuator.profiling.AllocationProfiler",
					"io.github.memoryactuator.profiling.LeakEvidence",
					"io.github.memoryactuator.profiling.LeakEvidence$State",
					"io.github.memoryactuator.profiling.LeakEvidence$Suspect");
	}

	private String leakAndName(int jdk) throws Exception {
		Optional<Path> java = ForkedJvm.java(jdk);
		if (java.isEmpty()) {
			assertThat(ForkedJvm.onCi()).as("JDK %d is missing on CI", jdk).isFalse();
			return "JDK " + jdk + " is not installed: skipped";
		}
		return ForkedDemo.withRetry(() -> ForkedDemo.start(java.get(), "profiling-leak-" + jdk, JVM_OPTIONS, PROFILING),
				(demo) -> leakAndName(demo, jdk));
	}

	private String leakAndName(ForkedDemo demo, int jdk) throws Exception {
		assertThat(demo.post("/actuator/memory/histogram", "{}").statusCode()).isEqualTo(200);
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		String verdict = null;
		int rounds = 0;
		while (System.nanoTime() < deadline) {
			rounds++;
			assertThat(demo.post("/scenario/report-leak?megabytes=2", "{}").statusCode()).isEqualTo(200);
			demo.post("/scenario/system-gc", "{}");
			Thread.sleep(300);
			HttpResponse<String> diagnosis = demo.get("/actuator/memory/diagnosis");
			assertThat(diagnosis.statusCode()).as(diagnosis.body()).isEqualTo(200);
			verdict = JSON.parse(diagnosis.body()).read("$.verdict");
			// The site alone is not enough: before two survivor readings show its group
			// growing, the verdict mentions it as the largest group, not named.
			if (verdict != null && verdict.startsWith("Suspected heap leak")
					&& verdict.contains("of surviving samples are byte[] allocated at " + SITE)) {
				List<String> summaries = JSON.parse(diagnosis.body())
					.read("$.findings[?(@.code == 'LIVE_SET_GROWTH')].summary");
				assertThat(summaries).singleElement(InstanceOfAssertFactories.STRING)
					.contains("of surviving samples are byte[] allocated at " + SITE);
				break;
			}
		}
		assertThat(verdict).as("JDK %d: the verdict after %d rounds", jdk, rounds)
			.startsWith("Suspected heap leak")
			.containsPattern("; \\d+ % of surviving samples are byte\\[\\] allocated at "
					+ SITE.replace(".", "\\.").replace("(", "\\(")
					+ "\\d+\\), (an estimated .+ of the heap, )?up from .+ over \\d+ s\\.$");
		HttpResponse<String> allocations = demo.get("/actuator/memory/allocations");
		String site = JSON.parse(allocations.body()).read("$.survivors.groups[0].site");
		assertThat(site).as("JDK %d: the top survivor's site", jdk).startsWith(SITE);

		HttpResponse<byte[]> pprof = demo.getBytes("/actuator/memory/allocations/pprof");
		assertThat(pprof.statusCode()).isEqualTo(200);
		assertThat(pprof.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		Path profile = Files.write(ForkedDemo.LOGS.resolve("profiling-leak-" + jdk + ".pb.gz"), pprof.body());
		String top = GoPprof.run(profile, "-top");
		assertThat(top).as("JDK %d: go tool pprof -top", jdk)
			.contains("io.github.memoryactuator.demo.ReportCache.render");

		HttpResponse<String> histogram = demo.post("/actuator/memory/histogram", "{}");
		assertThat(histogram.statusCode()).as(histogram.body()).isEqualTo(200);
		// Between the two histograms every round rendered 2 MB of reports, 32 arrays of
		// 64 KB, which the diff must put first.
		List<Map<String, Object>> grew = JSON.parse(histogram.body()).read("$.diff.grew");
		assertThat(grew).as("JDK %d: what grew", jdk).isNotEmpty();
		Map<String, Object> first = grew.get(0);
		assertThat(first.get("className")).as("JDK %d: what grew most", jdk).isEqualTo("byte[]");
		assertThat(((Number) first.get("instancesDelta")).longValue()).isGreaterThanOrEqualTo(32L * rounds);
		assertThat(((Number) first.get("bytesDelta")).longValue()).isGreaterThanOrEqualTo(rounds * 2L * 1024 * 1024);
		return "JDK " + jdk + ": after " + rounds + " rounds: " + verdict + "\npprof -top:\n"
				+ String.join("\n", top.lines().limit(14).toList()) + "\nhistogram grew: " + grew.subList(0, 3);
	}

}
