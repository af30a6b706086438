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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot application in a JVM of its own, on a free loopback port, with its output
 * in a log file that stays in {@code target/} for a post-mortem. A shutdown hook stops it
 * should the test JVM end first.
 */
final class ForkedApp implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port[s]?[ (]*(\\d+)");

	// Three JVMs start at once on a 2-core machine that other builds share.
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final String name;

	private final Process process;

	private final Thread shutdownHook;

	private final Path log;

	private final int port;

	private ForkedApp(String name, Process process, Thread shutdownHook, Path log, int port) {
		this.name = name;
		this.process = process;
		this.shutdownHook = shutdownHook;
		this.log = log;
		this.port = port;
	}

	/**
	 * Start a JVM; {@link Starting#awaitStarted()} waits until it serves requests.
	 * @param name names the log file
	 * @param logs where the log file goes
	 * @param jvmOptions options for the JVM
	 * @param launch what follows them: {@code -jar app.jar} or {@code -cp ... Main}
	 * @param arguments application arguments
	 * @return the starting JVM
	 */
	static Starting start(String name, Path logs, List<String> jvmOptions, List<String> launch, List<String> arguments)
			throws IOException {
		Files.createDirectories(logs);
		Path log = logs.resolve(name + ".log");
		Files.deleteIfExists(log);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(launch);
		command.add("--server.port=0");
		command.add("--server.address=127.0.0.1");
		command.add("--spring.main.banner-mode=off");
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Thread hook = new Thread(() -> stop(process), "stop-" + name);
		Runtime.getRuntime().addShutdownHook(hook);
		return new Starting(name, process, hook, log, System.nanoTime());
	}

	int port() {
		return this.port;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	Path logFile() {
		return this.log;
	}

	String log() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		stop(this.process);
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
	}

	@Override
	public String toString() {
		return this.name + " on port " + this.port;
	}

	// SIGTERM first, so that the application's own shutdown runs and reaches the log.
	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(15, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A JVM that was started and may not serve yet: several start at once.
	 */
	static final class Starting {

		private final String name;

		private final Process process;

		private final Thread hook;

		private final Path log;

		private final long startNanos;

		private Starting(String name, Process process, Thread hook, Path log, long startNanos) {
			this.name = name;
			this.process = process;
			this.hook = hook;
			this.log = log;
			this.startNanos = startNanos;
		}

		/**
		 * Wait until the application logged its port and that it started.
		 * @return the running application
		 * @throws IOException if it exited or did not start in time (the JVM is stopped)
		 */
		ForkedApp awaitStarted() throws IOException, InterruptedException {
			long deadline = this.startNanos + STARTUP_TIMEOUT.toNanos();
			try {
				while (System.nanoTime() < deadline) {
					String text = Files.readString(this.log, StandardCharsets.UTF_8);
					Matcher port = PORT.matcher(text);
					if (port.find() && text.contains("Started ")) {
						return new ForkedApp(this.name, this.process, this.hook, this.log,
								Integer.parseInt(port.group(1)));
					}
					if (!this.process.isAlive()) {
						throw new IOException(this.name + ": the JVM exited with " + this.process.exitValue()
								+ " before it started; see " + this.log.toAbsolutePath() + ":\n" + tail(text));
					}
					Thread.sleep(100);
				}
				throw new IOException(this.name + ": not started within " + STARTUP_TIMEOUT.toSeconds() + " s; see "
						+ this.log.toAbsolutePath());
			}
			catch (IOException | InterruptedException | RuntimeException ex) {
				stop(this.process);
				throw ex;
			}
		}

		void abandon() {
			stop(this.process);
		}

		private static String tail(String text) {
			return (text.length() > 4000) ? text.substring(text.length() - 4000) : text;
		}

	}

}
