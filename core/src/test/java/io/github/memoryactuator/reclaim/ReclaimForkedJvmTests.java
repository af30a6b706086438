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

package io.github.memoryactuator.reclaim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReclaimService} in fresh JVMs: each runs {@link ReclaimProbe} with its
 * own flags, since heap sizing, {@code -XX:+DisableExplicitGC} and glibc arenas are
 * process-wide.
 */
@EnabledOnOs(OS.LINUX)
class ReclaimForkedJvmTests {

	private static final long MB = 1L << 20;

	@TempDir
	Path temp;

	@Test
	void reclaimShrinksTheCommittedHeapAfterAHeapBurstUnderG1() throws Exception {
		Map<String, String> result = run("heap", "-XX:+UseG1GC", "-Xms32m", "-Xmx1g");
		assertThat(result).containsEntry("gcStatus", "COMPLETED").containsEntry("collector", "G1");
		assertThat(Long.parseLong(result.get("gcReleasedHeapCommitted"))).isGreaterThan(400 * MB);
		assertThat(Long.parseLong(result.get("heapCommittedAfter"))).isLessThan(128 * MB);
		assertThat(Long.parseLong(result.get("gcReleasedRss"))).isGreaterThan(300 * MB);
		assertThat(result.get("explanation")).startsWith("G1 uncommitted");
	}

	@Test
	void reclaimCollectsUnderDisableExplicitGc() throws Exception {
		Map<String, String> result = run("heap", "-XX:+UseG1GC", "-XX:+DisableExplicitGC", "-Xms32m", "-Xmx1g");
		assertThat(result).containsEntry("gcStatus", "COMPLETED");
		assertThat(Long.parseLong(result.get("gcReleasedHeapCommitted"))).isGreaterThan(400 * MB);
	}

	@Test
	void trimReleasesNativeMemoryAfterAMultiThreadedNativeBurst() throws Exception {
		Map<String, String> result = run("native", "-XX:+UseG1GC", "-Xmx64m");
		assertThat(result).containsEntry("trimStatus", "COMPLETED");
		assertThat(result.get("trimOutput")).startsWith("Trim native heap: RSS+Swap:");
		assertThat(Long.parseLong(result.get("trimReported"))).isGreaterThan(50 * MB);
		assertThat(Long.parseLong(result.get("trimReleasedRss"))).isGreaterThan(50 * MB);
	}

	@Test
	void twentyConcurrentReclaimsRunExactlyOneCollection() throws Exception {
		Map<String, String> result = run("concurrent", "-XX:+UseG1GC", "-Xmx128m");
		assertThat(result).containsEntry("completed", "1").containsEntry("busy", "19");
		assertThat(result).containsEntry("fullGcDelta", "1");
	}

	private Map<String, String> run(String mode, String... jvmOptions) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ReclaimProbe.class.getName());
		command.add(mode);
		Path output = this.temp.resolve(mode + ".out");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("the forked JVM did not finish in 30 s: " + Files.readString(output));
		}
		String text = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		Map<String, String> values = new HashMap<>();
		for (String line : text.split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0 && !line.startsWith("WARNING")) {
				values.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return values;
	}

}
