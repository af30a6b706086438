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

package io.github.memoryactuator.profiling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.groundtruth.ForkedJvm;
import io.github.memoryactuator.testing.GoPprof;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AllocationProfiler} in fresh JVMs under every collector on JDK 17 and
 * JDK 25, and in JVMs without Flight Recorder: each runs {@link ProfilerProbe}, which
 * leaks through a known site. Where the collector allows old-object sampling the top
 * survivor must be that site, and {@code go tool pprof -top} must list it; elsewhere the
 * survivors must say why, and allocations must still be sampled.
 * <p>
 * It forks both JDKs itself, so CI's JDK 25 pass skips it unless
 * {@code -Dmatrix.always=true}.
 */
@EnabledOnOs(OS.LINUX)
class ProfilerForkedJvmTests {

	private static final List<Config> MATRIX = List.of(new Config(17, "-XX:+UseSerialGC"),
			new Config(17, "-XX:+UseParallelGC"), new Config(17, "-XX:+UseG1GC"), new Config(17, "-XX:+UseZGC"),
			new Config(17, OldObjectSampling.SHENANDOAH, "-XX:+UseShenandoahGC"), new Config(25, "-XX:+UseSerialGC"),
			new Config(25, "-XX:+UseParallelGC"), new Config(25, "-XX:+UseG1GC"),
			new Config(25, OldObjectSampling.GENERATIONAL_ZGC, "-XX:+UseZGC"),
			new Config(25, OldObjectSampling.SHENANDOAH, "-XX:+UseShenandoahGC"));

	@TempDir
	Path temp;

	@Test
	void everyCollectorNamesTheLeakingSiteOrSaysWhyNot() throws Exception {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(), "forks JDK 17 and 25 itself; ran on the JDK 17 pass");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		SoftAssertions softly = new SoftAssertions();
		try {
			List<Future<Map<String, String>>> results = new ArrayList<>();
			for (Config config : MATRIX) {
				results.add(pool.submit(() -> run(config)));
			}
			for (int i = 0; i < MATRIX.size(); i++) {
				check(MATRIX.get(i), results.get(i).get(), softly);
			}
		}
		finally {
			pool.shutdownNow();
		}
		softly.assertAll();
	}

	@Test
	void aJvmWithoutFlightRecorderSaysWhy() throws Exception {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(), "forks JDK 17 and 25 itself; ran on the JDK 17 pass");
		Map<String, String> disabled = run(new Config(25, "-XX:-FlightRecorder"));
		assertThat(disabled).containsEntry("state", "UNAVAILABLE");
		assertThat(disabled.get("reason")).startsWith("Flight Recorder is not available in this JVM");
		Map<String, String> noModule = run(new Config(17, "--limit-modules=java.base,java.management,jdk.management"));
		assertThat(noModule).containsEntry("state", "UNAVAILABLE");
		assertThat(noModule.get("reason")).startsWith("this Java runtime has no jdk.jfr module");
	}

	private void check(Config config, Map<String, String> result, SoftAssertions softly) throws Exception {
		if (result.containsKey("skipped")) {
			softly.assertThat(ForkedJvm.onCi()).as("%s skipped on CI: %s", config, result.get("skipped")).isFalse();
			return;
		}
		softly.assertThat(result).as("%s", config).containsEntry("state", "RECORDING");
		softly.assertThat(Long.parseLong(result.getOrDefault("allocationSamples", "0")))
			.as("%s: allocation samples", config)
			.isPositive();
		String site = result.get("expectedSite");
		softly.assertThat(result.get("allocationSites")).as("%s: allocation sites", config).contains("byte[]@" + site);
		if (config.survivorsUnavailable() != null) {
			softly.assertThat(result.get("survivorsUnavailable"))
				.as("%s: why no survivors", config)
				.isEqualTo(config.survivorsUnavailable());
			return;
		}
		softly.assertThat(result.get("survivorType")).as("%s: top survivor's type", config).isEqualTo("byte[]");
		softly.assertThat(result.get("survivorSite")).as("%s: top survivor's site", config).isEqualTo(site);
		softly.assertThat(Double.parseDouble(result.getOrDefault("survivorShare", "0")))
			.as("%s: top survivor's share", config)
			.isGreaterThan(0.5);
		Path profile = Path.of(result.get("profile"));
		softly.assertThat(GoPprof.run(profile, "-top"))
			.as("%s: go tool pprof -top", config)
			.contains("io.github.memoryactuator.profiling.ProfilerProbe$ReportCache.remember");
	}

	private Map<String, String> run(Config config) throws IOException, InterruptedException {
		Optional<Path> java = ForkedJvm.java(config.jdk());
		if (java.isEmpty()) {
			return Map.of("skipped",
					"JDK " + config.jdk() + " is not installed (set -Dmatrix.jdk" + config.jdk() + ")");
		}
		String name = config.jdk() + config.option().replaceAll("[^A-Za-z0-9]", "");
		Path profile = this.temp.resolve(name + ".pb.gz");
		Path output = this.temp.resolve(name + ".out");
		List<String> command = List.of(java.get().toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", config.option(),
				"-cp", System.getProperty("java.class.path"), ProfilerProbe.class.getName(), profile.toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(config + " did not finish in 60 s: " + Files.readString(output));
		}
		String text = Files.readString(output, StandardCharsets.UTF_8);
		if (process.exitValue() != 0 && (text.contains("Unrecognized VM option") || text.contains("not supported"))) {
			return Map.of("skipped", text.lines().findFirst().orElse(""));
		}
		assertThat(process.exitValue()).as("%s: %s", config, text).isZero();
		Map<String, String> values = new HashMap<>();
		values.put("profile", profile.toString());
		for (String line : text.split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0 && line.matches("^[a-zA-Z]+=.*")) {
				values.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return values;
	}

	private record Config(int jdk, String survivorsUnavailable, String option) {

		Config(int jdk, String option) {
			this(jdk, null, option);
		}

		@Override
		public String toString() {
			return option() + " on JDK " + jdk();
		}

	}

}
