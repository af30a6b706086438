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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;

/**
 * Forked probe runs started together, two at a time, so that the JVMs of a test class
 * overlap instead of queueing.
 */
final class ForkedRuns implements AutoCloseable {

	private final ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("matrix.parallelism", 2));

	private final List<Future<?>> started = new ArrayList<>();

	/**
	 * Start a probe run.
	 * @param jdk the feature release to run it on
	 * @param name names the log file
	 * @param timeout how long it may run
	 * @param options JVM options
	 * @param arguments the probe's arguments
	 * @return the run: its {@code key=value} lines, or empty when that JDK is missing
	 */
	Future<Optional<Map<String, String>>> start(int jdk, String name, Duration timeout, List<String> options,
			String... arguments) {
		Future<Optional<Map<String, String>>> run = this.pool.submit(() -> {
			Optional<Path> java = ForkedJvm.java(jdk);
			if (java.isEmpty()) {
				return Optional.empty();
			}
			return Optional
				.of(ForkedJvm.run(java.get(), name + "-" + jdk, timeout, options, GroundTruthProbe.class, arguments));
		});
		this.started.add(run);
		return run;
	}

	/**
	 * Wait for a run; skip the test when its JDK is missing, except on CI.
	 * @param run the run
	 * @param jdk its JDK, for the message
	 * @return what it printed
	 */
	static Map<String, String> await(Future<Optional<Map<String, String>>> run, int jdk)
			throws InterruptedException, ExecutionException {
		Optional<Map<String, String>> result = run.get();
		if (result.isEmpty() && ForkedJvm.onCi()) {
			throw new AssertionError("JDK " + jdk + " is not installed (set -Dmatrix.jdk" + jdk + ")");
		}
		Assumptions.assumeTrue(result.isPresent(), "JDK " + jdk + " is not installed");
		return result.get();
	}

	@Override
	public void close() {
		for (Future<?> run : this.started) {
			run.cancel(true);
		}
		this.pool.shutdownNow();
	}

}
