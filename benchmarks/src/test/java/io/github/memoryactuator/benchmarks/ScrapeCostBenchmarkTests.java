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

package io.github.memoryactuator.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scrape-cost benchmark for one short iteration, so that {@code mvn verify}
 * proves the benchmarks still compile, bind and read against the current code and the
 * peers. The figures are meaningless at this length; see BENCHMARKS.md for real ones.
 */
class ScrapeCostBenchmarkTests {

	private static final String[] BENCHMARKS = { "floorOpenReadParse", "floorReread", "ours", "partStatus",
			"partCgroup", "partCgroupUsageOnly", "partMxBeans", "jvmExtras", "micrometerJvmMemory", "clientJavaProcess",
			"clientJavaNativeMemory", "historyGaugePoint", "historyGaugePointWithLeakVerdict", "watchSample" };

	@Test
	void everyBenchmarkRunsOneShortIterationToAFinitePositiveScore() throws RunnerException {
		// No fork: a forked JVM per benchmark would cost more than the whole budget of
		// this test. In-process, clientJavaNativeMemory's NMT flag does not apply.
		Options options = new OptionsBuilder().include(ScrapeCostBenchmark.class.getName() + "\\.")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.shouldFailOnError(true)
			// JMH's log is long; keep it beside the reports rather than in the build
			// output.
			.output("target/jmh-smoke.txt")
			.build();
		// JMH refuses to start while another run holds /tmp/jmh.lock, so that two runs do
		// not skew each other's figures; this run checks that every benchmark runs, not
		// its figures, and must not fail because someone measures on the same machine.
		System.setProperty("jmh.ignoreLock", "true");
		Collection<RunResult> results = new Runner(options).run();
		Map<String, Double> scores = new TreeMap<>();
		for (RunResult result : results) {
			String label = result.getParams().getBenchmark();
			scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
		}
		assertThat(scores).containsOnlyKeys(BENCHMARKS);
		assertThat(scores.values()).allSatisfy((score) -> assertThat(score).isFinite().isPositive());
	}

}
