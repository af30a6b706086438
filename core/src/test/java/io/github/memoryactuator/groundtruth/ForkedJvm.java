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

package io.github.memoryactuator.groundtruth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A main class of the test class path run in a JVM of its own, for what one process
 * cannot test: other collectors, another JDK, Native Memory Tracking. The main class
 * prints {@code key=value} lines; its whole output stays in {@code target/forked-jvm} for
 * a post-mortem. Its JDK lookup serves the demo's forked tests too.
 */
public final class ForkedJvm {

	static final Path LOGS = Path.of("target", "forked-jvm");

	private ForkedJvm() {
	}

	/**
	 * Find the {@code java} launcher of a JDK with the given feature release: the running
	 * JDK when it is that release, then {@code -Dmatrix.jdk<N>=<java.home>}, then
	 * {@code /usr/lib/jvm/*}.
	 * @param feature for example 17 or 25
	 * @return the launcher, if installed
	 */
	public static Optional<Path> java(int feature) {
		if (Runtime.version().feature() == feature) {
			return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
		}
		String configured = System.getProperty("matrix.jdk" + feature);
		if (configured != null) {
			return Optional.of(Path.of(configured, "bin", "java")).filter(Files::isExecutable);
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.sorted()
				.filter((home) -> isRelease(home, feature))
				.map((home) -> home.resolve("bin").resolve("java"))
				.filter(Files::isExecutable)
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean isRelease(Path home, int feature) {
		try {
			return Files.readString(home.resolve("release")).contains("JAVA_VERSION=\"" + feature + ".");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether the build runs on CI, where a missing JDK is a failure rather than a reason
	 * to skip.
	 * @return whether {@code CI=true}
	 */
	public static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * Whether tests that fork JDK 17 and 25 themselves should run in this build: they
	 * cover both JDKs whatever JDK runs Maven, so CI's JDK 25 pass would repeat them.
	 * @return whether to run them
	 */
	public static boolean runsBothJdksHere() {
		return Runtime.version().feature() != 25 || java(17).isEmpty() || Boolean.getBoolean("matrix.always");
	}

	/**
	 * Run a main class of the test class path and collect what it printed.
	 * @param java the launcher
	 * @param name names the log file
	 * @param timeout how long it may run
	 * @param jvmOptions options for the JVM
	 * @param mainClass the class
	 * @param arguments its arguments
	 * @return the {@code key=value} lines it printed, in order
	 */
	static Map<String, String> run(Path java, String name, Duration timeout, List<String> jvmOptions,
			Class<?> mainClass, String... arguments) throws IOException, InterruptedException {
		Files.createDirectories(LOGS);
		Path log = LOGS.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(name + ": did not finish in " + timeout.toSeconds() + " s; see " + log);
			}
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		String text = Files.readString(log, StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new AssertionError(name + ": exited with " + process.exitValue() + "\n" + text);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0 && !line.startsWith("WARNING") && !line.startsWith("[")) {
				values.put(line.substring(0, equals), line.substring(equals + 1).strip());
			}
		}
		return values;
	}

}
