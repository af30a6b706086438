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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.memoryactuator.breakdown.BreakdownCalculator;

/**
 * Tests for {@link BreakdownCalculator} against ground truth: in fresh JVMs under G1 and
 * ZGC, on JDK 17 and 25, with Native Memory Tracking on and off, a known amount of each
 * kind of memory is put in place and must show up, as the change between two full
 * captures, in its category: within 15% (thread stacks 25%), plus what JVM internals that
 * NMT counts (GC structures, other JVM memory) claimed meanwhile from the same anonymous
 * memory: a collector's own growth between the captures is not the scenario's.
 * <p>
 * The expected amounts: heap, 64 MB of arrays held (allocated in a fresh eden, with no
 * collection between the captures); direct buffers, 64 x 1 MB; malloc, 4,096 blocks of 16
 * KB held and written; stacks, 32 threads that each overflow their stack
 * ({@code ThreadStackSize} each); metaspace, 3,000 generated classes (the metaspace
 * pool's used growth); retained, 8 threads that malloc 16 MB each in 16 KB blocks and
 * free fifteen in sixteen. On JDK 25 with NMT the run also checks the shapes the
 * breakdown goes by without NMT against {@code System.map}, mapping by mapping.
 * <p>
 * The runs fork JDK 17 and 25 whatever JDK runs the build, so CI's JDK 25 pass skips them
 * unless {@code -Dmatrix.always=true}.
 */
@EnabledOnOs(OS.LINUX)
class BreakdownGroundTruthForkedJvmTests {

	private static final List<String> CATEGORIES = List.of("heap", "direct", "malloc", "stacks", "metaspace",
			"retained");

	private static final List<Config> MATRIX = List.of(new Config(17, "g1", false), new Config(17, "g1", true),
			new Config(17, "zgc", false), new Config(17, "zgc", true), new Config(25, "g1", false),
			new Config(25, "g1", true), new Config(25, "zgc", false), new Config(25, "zgc", true));

	private static ForkedRuns runs;

	private static List<Future<Optional<Map<String, String>>>> results;

	@BeforeAll
	static void start() {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(),
				"the ground truth forks JDK 17 and JDK 25 itself and ran on the JDK 17 pass");
		runs = new ForkedRuns();
		results = new ArrayList<>();
		for (Config config : MATRIX) {
			results.add(runs.start(config.jdk(), "breakdown-" + config.name(), Duration.ofSeconds(90), config.options(),
					"breakdown"));
		}
	}

	@AfterAll
	static void stop() {
		if (runs != null) {
			runs.close();
		}
	}

	@Test
	void knownMemoryIsFoundInItsCategoryUnderEveryCollectorJdkAndNmtSetting() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n| %-16s |", "configuration"));
		for (String category : CATEGORIES) {
			table.append(String.format(Locale.ROOT, " %-17s |", category + " MB"));
		}
		table.append(String.format(Locale.ROOT, " %-8s | %-7s |%n", "measured", "claimed"));
		for (int i = 0; i < MATRIX.size(); i++) {
			Config config = MATRIX.get(i);
			Map<String, String> result = ForkedRuns.await(results.get(i), config.jdk());
			table.append(String.format(Locale.ROOT, "| %-16s |", config.name() + " " + config.jdk()));
			for (String category : CATEGORIES) {
				long expected = Long.parseLong(result.get(category + ".expected"));
				long measured = Long.parseLong(result.get(category + ".measured"));
				double tolerance = category.equals("stacks") ? 0.25 : 0.15;
				long concurrent = Long.parseLong(result.get(category + ".concurrentClaims"));
				softly.assertThat((double) measured)
					.as("%s on %s: expected %d, measured %d, JVM internals claimed meanwhile %d; changes: %s", category,
							config, expected, measured, concurrent, result.get(category + ".deltas"))
					.isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * tolerance + concurrent));
				table
					.append(String.format(Locale.ROOT, " %7.1f / %7.1f |", expected / 1048576.0, measured / 1048576.0));
			}
			softly.assertThat(result.get("heap.collections"))
				.as("%s: no collection while the heap was measured", config)
				.isEqualTo("0");
			table.append(String.format(Locale.ROOT, " %7.1f%% | %6.1f%% |%n",
					Double.parseDouble(result.get("measuredPercent")),
					Double.parseDouble(result.get("claimedPercent"))));
			if (config.jdk() >= 22 && config.nmt()) {
				softly.assertThat(result.get("systemMap")).as("%s: System.map read", config).isEqualTo("true");
				for (String owner : List.of("STACK", "CLASS", "META", "-")) {
					String[] tally = result.get("map." + owner).split("/");
					softly.assertThat(Double.parseDouble(tally[0]) / Double.parseDouble(tally[1]))
						.as("%s: resident bytes of %s mappings the shapes put in the right pool", config, owner)
						.isGreaterThanOrEqualTo(0.99);
				}
			}
		}
		System.out.println("Ground truth, expected / measured:" + table);
		softly.assertAll();
	}

	private record Config(int jdk, String collector, boolean nmt) {

		List<String> options() {
			List<String> options = new ArrayList<>(List.of("-Xms512m", "-Xmx2g", "-XX:TieredStopAtLevel=1",
					"-XX:NativeMemoryTracking=" + (this.nmt ? "summary" : "off")));
			if (this.collector.equals("g1")) {
				// A young generation large enough to take the 64 MB of heap without a
				// collection.
				options.addAll(List.of("-XX:+UseG1GC", "-Xmn256m"));
			}
			else {
				options.add("-XX:+UseZGC");
			}
			return options;
		}

		String name() {
			return this.collector + (this.nmt ? " nmt" : "");
		}

		@Override
		public String toString() {
			return name() + " on JDK " + this.jdk;
		}

	}

}
