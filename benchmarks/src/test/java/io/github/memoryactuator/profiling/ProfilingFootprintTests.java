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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link ProfilingFootprint} with every table at its cap in a JVM of its own, so
 * that {@code mvn verify} catches a change that lets the aggregation outgrow its budget
 * of 8 MB. BENCHMARKS.md has the figures.
 */
class ProfilingFootprintTests {

	private static final Pattern RETAINED = Pattern.compile("(?m)^retainedBytes=(-?\\d+)$");

	@Test
	void atEveryCapTheAggregationHoldsLessThanEightMegabytes() throws IOException, InterruptedException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				ProfilingFootprint.class.getName(), "bound");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		Matcher retained = RETAINED.matcher(text);
		assertThat(retained.find()).as(text).isTrue();
		System.out.print(text);
		// Far from zero too: a fill that kept nothing would pass any upper bound.
		assertThat(Long.parseLong(retained.group(1))).isBetween(2L << 20, 8L << 20);
	}

}
