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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.memoryactuator.groundtruth.ForkedJvm;

/**
 * The soft memory limit on the collectors besides G1
 * ({@link SoftLimitCgroupForkedJvmTests} proves G1 on JDK 17 and 25), each in a child
 * memory cgroup of its own at the product's defaults but the target (400 MB,
 * {@code -Xmx1g}): the same bursts of heap and native churn as there, at 2 s and 32 s, 60
 * s in all, two JVMs at a time. Each collector holds the target or says in its state why
 * it cannot:
 * <ul>
 * <li>Serial (JDK 17) and Shenandoah (JDK 25) hold: p95 of charged memory under the
 * target, every excursion back under it within 30 s;</li>
 * <li>ZGC (with {@code -XX:ZUncommitDelay=1}, as the README recommends) comes back under
 * the target within the delay plus 10 s after each burst. It gives back memory only once
 * it has lain unused for the delay (on JDK 25, memory unused over one whole delay, spread
 * over the next), and a burst commits its heap at once, so p95 is not asked of it;</li>
 * <li>Parallel cannot shrink its heap after a requested collection without
 * {@code -XX:+UseAdaptiveSizePolicyWithSystemGC}: its state is {@code OVER} and says so,
 * after one burst (25 s).</li>
 * </ul>
 * Every run stays within the GC CPU budget (10 %) and the bound on forced collections (12
 * a minute). The matrix forks JDK 17's and 25's demos whatever JDK runs Maven, so it runs
 * on the JDK 17 pass (the JDK 25 pass runs the G1 proofs).
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class SoftLimitCollectorMatrixTests {

	private static final long MB = SoftLimitRun.MB;

	private static final long TARGET = 400 * MB;

	private static final long LIMIT = 3000 * MB;

	private static final int UNCOMMIT_DELAY = 1;

	@Test
	void eachCollectorHoldsTheTargetOrSaysWhyItCannot() throws Exception {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(), "forks JDK 17 and 25 itself; ran on the JDK 17 pass");
		// Parallel's answer needs one burst: its heap does not shrink, and it says so.
		// ZGC
		// is back under 1-5 s after its second burst (at 32 s), so 45 s show it. In this
		// order two at a time take 120 s: Serial then Shenandoah beside both ZGCs then
		// Parallel.
		List<Config> configs = List.of(new Config("serial-17", 17, Kind.HOLDS, List.of("-XX:+UseSerialGC"), 60),
				new Config("zgc-17", 17, Kind.ZGC, List.of("-XX:+UseZGC", "-XX:ZUncommitDelay=" + UNCOMMIT_DELAY), 45),
				new Config("zgc-25", 25, Kind.ZGC, List.of("-XX:+UseZGC", "-XX:ZUncommitDelay=" + UNCOMMIT_DELAY), 45),
				new Config("shenandoah-25", 25, Kind.HOLDS, List.of("-XX:+UseShenandoahGC"), 60),
				new Config("parallel-25", 25, Kind.CANNOT, List.of("-XX:+UseParallelGC"), 25));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Result>> runs = new ArrayList<>();
		try {
			for (Config config : configs) {
				runs.add(pool.submit(() -> run(config)));
			}
			SoftAssertions softly = new SoftAssertions();
			for (Future<Result> future : runs) {
				Result result = future.get();
				System.out.println("soft limit, " + result.config().name() + ": " + result.describe() + "; section: "
						+ result.section());
				check(softly, result);
			}
			softly.assertAll();
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void check(SoftAssertions softly, Result result) {
		String name = result.config().name();
		softly.assertThat(result.alive()).as("%s alive: %s", name, result.describe()).isTrue();
		JsonNode section = result.section();
		if (section == null) {
			return;
		}
		String state = section.get("state").asString();
		softly.assertThat(section.at("/gcCpuShareLastMinute").asDouble())
			.as("%s: GC CPU share within the budget", name)
			.isLessThan(0.10);
		softly.assertThat(section.at("/forcedCollectionsLastMinute").asInt())
			.as("%s: forced collections a minute", name)
			.isLessThanOrEqualTo(12);
		switch (result.config().kind()) {
			case HOLDS -> {
				softly.assertThat(state).as("%s: state (%s)", name, section).isEqualTo("HOLDING");
				softly.assertThat(result.p95())
					.as("%s: p95 under the target: %s", name, result.describe())
					.isLessThanOrEqualTo(TARGET);
				softly.assertThat(result.excursions())
					.as("%s: every excursion back under the target within 30 s: %s", name, result.describe())
					.allSatisfy((seconds) -> softly.assertThat(seconds).isBetween(0.0, 30.0));
			}
			case ZGC -> {
				softly.assertThat(state).as("%s: state (%s)", name, section).isEqualTo("HOLDING");
				softly.assertThat(result.excursions())
					.as("%s: every excursion back under the target within ZUncommitDelay + 10 s: %s", name,
							result.describe())
					.allSatisfy((seconds) -> softly.assertThat(seconds).isBetween(0.0, UNCOMMIT_DELAY + 10.0));
			}
			case CANNOT -> {
				softly.assertThat(state).as("%s: state (%s)", name, section).isEqualTo("OVER");
				softly.assertThat(section.get("reason").asString())
					.as("%s: says why", name)
					.contains("-XX:+UseAdaptiveSizePolicyWithSystemGC");
			}
		}
	}

	private static Result run(Config config) throws Exception {
		try (SoftLimitRun run = start(java(config.jdk()), "soft-limit-" + config.name(), config.options())) {
			if (config.jdk() == 17 && config.kind() == Kind.ZGC) {
				run.cgroupOnly();
			}
			for (double at : new double[] { 2, 32 }) {
				if (at < config.seconds()) {
					run.until(at);
					run.burst(300, 1000, 0);
				}
			}
			run.until(config.seconds());
			JsonNode section = run.alive() ? JsonMapper.builder().build().readTree(run.softLimit()) : null;
			return new Result(config, run.describe(), run.percentile(0.95, 0), run.excursions(TARGET, 5), run.alive(),
					section);
		}
	}

	private static SoftLimitRun start(Path java, String name, List<String> options) throws Exception {
		List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
		jvm.addAll(options);
		return SoftLimitRun.startOrSkip(java, name, LIMIT, TARGET, jvm);
	}

	private static Path java(int feature) {
		return SoftLimitRun.javaOrSkip(feature);
	}

	enum Kind {

		HOLDS, ZGC, CANNOT

	}

	record Config(String name, int jdk, Kind kind, List<String> options, double seconds) {

	}

	record Result(Config config, String describe, long p95, List<Double> excursions, boolean alive, JsonNode section) {

	}

}
