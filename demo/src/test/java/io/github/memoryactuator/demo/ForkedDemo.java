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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.memoryactuator.groundtruth.ForkedJvm;

/**
 * The demo application in a JVM of its own, for what one process cannot test: other
 * collectors, another JDK, JVM flags. Output goes to a log file that stays in
 * {@code target/} for a post-mortem.
 */
final class ForkedDemo implements AutoCloseable {

	static final Path LOGS = Path.of("target", "forked-demo");

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	// Log lines of the starter itself (Spring Boot abbreviates io.github.memoryactuator),
	// not of the demo application.
	static final Pattern STARTER_LOGGER = Pattern.compile("\\bi\\.g\\.m(emoryactuator)?\\.(?!demo\\.)");

	// A forked demo took 53 s to start on a 2-core machine at load average 10; a start
	// that
	// hangs still fails, just later.
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final Path log;

	private final int port;

	private final long startupMillis;

	private volatile boolean stopping;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private ForkedDemo(Process process, Path log, int port, long startupMillis) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.startupMillis = startupMillis;
	}

	/**
	 * Start the demo and wait until it serves requests.
	 * @param java the {@code java} launcher
	 * @param name names the log file
	 * @param jvmOptions options for the JVM
	 * @param appArguments extra {@code --property=value} arguments
	 * @return the running demo
	 * @throws StartFailure if the JVM refused the options or the app did not start
	 */
	static ForkedDemo start(Path java, String name, List<String> jvmOptions, List<String> appArguments)
			throws IOException, InterruptedException {
		Files.createDirectories(LOGS);
		Path log = LOGS.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(DemoApplication.class.getName());
		command.add("--server.port=0");
		command.add("--spring.main.banner-mode=off");
		command.addAll(appArguments);
		// A fresh file: a JVM left over from an aborted run may still write to the old
		// one.
		Files.deleteIfExists(log);
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			return awaitStarted(process, name, log, start);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			// Never leave a JVM behind, also when the test is interrupted.
			stop(process);
			throw ex;
		}
	}

	private static ForkedDemo awaitStarted(Process process, String name, Path log, long start)
			throws IOException, InterruptedException {
		long deadline = start + STARTUP_TIMEOUT.toNanos();
		Integer port = null;
		while (System.nanoTime() < deadline) {
			String text = Files.readString(log, StandardCharsets.UTF_8);
			Matcher matcher = PORT.matcher(text);
			if (port == null && matcher.find()) {
				port = Integer.valueOf(matcher.group(1));
			}
			if (port != null && text.contains("Started DemoApplication")) {
				return new ForkedDemo(process, log, port, (System.nanoTime() - start) / 1_000_000);
			}
			if (!process.isAlive()) {
				throw new StartFailure(name + ": the JVM exited with " + process.exitValue() + " before it started",
						text, process.exitValue() == 143);
			}
			Thread.sleep(50);
		}
		throw new StartFailure(name + ": not started within " + STARTUP_TIMEOUT.toSeconds() + " s",
				Files.readString(log, StandardCharsets.UTF_8), false);
	}

	/**
	 * Find the {@code java} launcher of a JDK with the given feature release.
	 * @param feature for example 17 or 25
	 * @return the launcher, if installed
	 * @see ForkedJvm#java(int)
	 */
	static Optional<Path> java(int feature) {
		return ForkedJvm.java(feature);
	}

	/**
	 * Whether the build runs on CI, where a missing JDK or collector is a failure rather
	 * than a reason to skip.
	 * @return whether {@code CI=true}
	 */
	static boolean onCi() {
		return ForkedJvm.onCi();
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() throws InterruptedException {
		return this.process.waitFor();
	}

	long startupMillis() {
		return this.startupMillis;
	}

	Path logFile() {
		return this.log;
	}

	String log() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return this.http.send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	/**
	 * Run {@code jcmd} of the same JDK against the demo.
	 * @param java the launcher the demo was started with
	 * @param command the diagnostic command and its arguments
	 * @return what jcmd printed
	 */
	String jcmd(Path java, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		line.add(java.resolveSibling("jcmd").toString());
		line.add(Long.toString(this.process.pid()));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		byte[] output = jcmd.getInputStream().readAllBytes();
		if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
			jcmd.destroyForcibly();
			throw new IOException("jcmd " + String.join(" ", command) + " did not finish");
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	/**
	 * Stop the JVM the way an orchestrator does (SIGTERM, so the shutdown hooks run and
	 * their errors reach the log), and kill it if it hangs.
	 */
	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		stop(this.process);
	}

	/**
	 * Whether something other than this class ended the JVM with SIGTERM (exit status
	 * 143), as a broad {@code pkill} by someone else on a shared machine does. A crash
	 * exits otherwise (134 with an hs_err file, or 1).
	 * @return whether it was terminated from outside
	 */
	boolean terminatedFromOutside() throws InterruptedException {
		// A request may fail a moment before the JVM has finished exiting.
		return !this.stopping && this.process.waitFor(2, TimeUnit.SECONDS) && this.process.exitValue() == 143;
	}

	/**
	 * Run a check against a demo, starting it again once if it was terminated from
	 * outside meanwhile.
	 * @param <T> what the check returns
	 * @param starter starts a demo
	 * @param check what to do with it; the demo is closed afterwards
	 * @return what the check returned
	 */
	static <T> T withRetry(Starter starter, Check<T> check) throws Exception {
		for (int attempt = 1;; attempt++) {
			ForkedDemo demo;
			try {
				demo = starter.start();
			}
			catch (StartFailure ex) {
				if (attempt > 1 || !ex.terminated) {
					throw ex;
				}
				System.err.println(ex.getMessage() + "; starting it again");
				continue;
			}
			try {
				return check.run(demo);
			}
			catch (Exception | AssertionError ex) {
				if (attempt > 1 || !demo.terminatedFromOutside()) {
					throw ex;
				}
				System.err.println(demo.logFile() + ": terminated from outside (SIGTERM); starting it again");
			}
			finally {
				demo.close();
			}
		}
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(15, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	@FunctionalInterface
	interface Starter {

		ForkedDemo start() throws Exception;

	}

	@FunctionalInterface
	interface Check<T> {

		T run(ForkedDemo demo) throws Exception;

	}

	/**
	 * The demo did not start.
	 */
	static final class StartFailure extends IOException {

		private final String log;

		private final boolean terminated;

		StartFailure(String message, String log, boolean terminated) {
			super(message);
			this.log = log;
			this.terminated = terminated;
		}

		String log() {
			return this.log;
		}

	}

}
