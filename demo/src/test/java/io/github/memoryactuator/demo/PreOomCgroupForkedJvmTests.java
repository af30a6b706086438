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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Ground truth for {@code PreOomWatch} in a real memory cgroup: a child of this process's
 * own cgroup with a 384 MB limit, a forked demo started inside it, and native memory kept
 * 4 MB at a time until the kernel kills the JVM. The warning must be in the log before
 * the kill, naming the limit the kernel enforced. Where cgroups cannot be written (not
 * root, no memory controller), the test skips, and under {@code CI=true} fails. It runs
 * on the JDK 17 pass only, unless {@code -Dmatrix.always=true}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PreOomCgroupForkedJvmTests {

	private static final long MB = 1024 * 1024;

	private static final long LIMIT = 384 * MB;

	private static final Pattern WARNING = Pattern
		.compile("WARN .*PreOomWatch\\s*: (Memory is at (\\d+)% of the limit of 384 MB.*)");

	@Test
	void theWarningIsLoggedBeforeTheKernelKillsTheProcessAtTheLimit() throws Exception {
		Assumptions.assumeFalse(Runtime.version().feature() == 25 && ForkedDemo.java(17).isPresent()
				&& !Boolean.getBoolean("matrix.always"), "the JDK 17 pass runs it");
		Path cgroup = createLimitedCgroup();
		Path launcher = Files.createTempFile("ma-preoom-", ".sh",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		try {
			// The JVM must be in the cgroup from its first allocation: the launcher moves
			// its own shell there and then becomes java.
			Files.writeString(launcher, "#!/bin/sh\necho $$ > '" + cgroup.resolve("cgroup.procs")
					+ "' || exit 97\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
			try (ForkedDemo demo = ForkedDemo.start(launcher, "pre-oom-cgroup", List.of("-Xmx64m", "-Xss512k"),
					List.of("--memory-actuator.history.interval=1s", "--memory-actuator.history.breakdown-interval=2s",
							"--memory-actuator.full-capture.min-interval=1s"))) {
				HttpResponse<String> container = demo.get("/actuator/memory/container");
				assertThat(container.body()).contains("\"limit\":" + LIMIT);
				String warning = leakUntilKilled(demo);
				System.out.println("pre-OOM warning from a real run: " + warning);
			}
		}
		finally {
			Files.deleteIfExists(launcher);
			removeCgroup(cgroup);
		}
	}

	// Keep 4 MB every 250 ms (16 MB/s: the 38 MB between 90 % and the limit take more
	// than two points of the history) until the JVM dies; return the warning.
	private static String leakUntilKilled(ForkedDemo demo) throws Exception {
		String warning = null;
		boolean warnedWhileAlive = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			int status;
			try {
				status = demo.post("/scenario/native-leak?megabytes=4", "{}").statusCode();
			}
			catch (IOException ex) {
				status = -1;
			}
			Matcher matcher = WARNING.matcher(demo.log());
			if (warning == null && matcher.find()) {
				warning = matcher.group(1);
				warnedWhileAlive = demo.isAlive();
				assertThat(Integer.parseInt(matcher.group(2))).isBetween(90, 100);
			}
			if (!demo.isAlive()) {
				assertThat(warning).as("no warning before the kill; log: %s", demo.logFile()).isNotNull();
				assertThat(warnedWhileAlive).isTrue();
				// SIGKILL from the OOM killer.
				assertThat(demo.exitValue()).isEqualTo(137);
				return warning;
			}
			assertThat(status).as("native-leak answered %s; log: %s", status, demo.logFile()).isIn(200, -1);
			Thread.sleep(250);
		}
		return fail("the JVM was not killed within 120 s; warning: " + warning + "; log: " + demo.logFile());
	}

	private static Path createLimitedCgroup() throws IOException {
		String why;
		try {
			Path own = ownMemoryCgroup();
			Path child = own.resolve("ma-preoom-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
			Files.createDirectory(child);
			if (Files.exists(child.resolve("memory.limit_in_bytes"))) {
				Files.writeString(child.resolve("memory.limit_in_bytes"), Long.toString(LIMIT));
				// No swap: the limit must end in the OOM killer, not in paging.
				Files.writeString(child.resolve("memory.swappiness"), "0");
			}
			else {
				Files.writeString(child.resolve("memory.max"), Long.toString(LIMIT));
				Files.writeString(child.resolve("memory.swap.max"), "0");
			}
			return child;
		}
		catch (IOException | RuntimeException ex) {
			why = "cannot create a memory cgroup with a limit here: " + ex;
		}
		if (ForkedDemo.onCi()) {
			fail(why);
		}
		Assumptions.abort(why);
		throw new IllegalStateException(why);
	}

	// v1: the memory controller's line of /proc/self/cgroup; v2: the unified one.
	private static Path ownMemoryCgroup() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
		for (String line : lines) {
			String[] parts = line.split(":", 3);
			if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
				return Path.of("/sys/fs/cgroup/memory" + parts[2]);
			}
		}
		for (String line : lines) {
			if (line.startsWith("0::")) {
				return Path.of("/sys/fs/cgroup" + line.substring(3));
			}
		}
		throw new IOException("no memory cgroup in /proc/self/cgroup: " + lines);
	}

	private static void removeCgroup(Path cgroup) throws InterruptedException {
		// The killed JVM leaves the cgroup a moment after it is reaped.
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				Files.deleteIfExists(cgroup);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		System.err.println("could not remove " + cgroup);
	}

}
