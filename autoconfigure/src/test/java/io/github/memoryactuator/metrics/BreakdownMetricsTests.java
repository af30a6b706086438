/*
 * Copyright 2026 the memory-actuator authors.
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

package io.github.memoryactuator.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakdownMetrics}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakdownMetricsTests {

	private static final String NO_SMAPS = "/proc/self/smaps does not exist (not Linux, or /proc is not mounted)";

	private static BreakdownMetrics unavailable() {
		return new BreakdownMetrics(() -> Reading.unavailable(NO_SMAPS), Duration.ofMinutes(1));
	}

	@Test
	void unavailableBreakdownIsLoggedAtInfoWhenRssIsThere(CapturedOutput output) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Gauge.builder("process.memory.rss", () -> 1.0).register(registry);
		try (BreakdownMetrics metrics = unavailable()) {
			metrics.bindTo(registry);
			assertThat(registry.find("process.memory.breakdown").meters()).isEmpty();
			assertThat(output.getAll().lines()).anySatisfy((line) -> assertThat(line).contains("INFO")
				.contains("RSS breakdown gauges are not registered: " + NO_SMAPS));
		}
	}

	@Test
	void unavailableBreakdownIsOnlyDebugWhenThereIsNoRssGaugeEither(CapturedOutput output) {
		// Off Linux: the process gauges' binder has already logged that /proc is missing.
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (BreakdownMetrics metrics = unavailable()) {
			metrics.bindTo(registry);
			assertThat(registry.find("process.memory.breakdown").meters()).isEmpty();
			assertThat(output.getAll().lines())
				.noneSatisfy((line) -> assertThat(line).contains("INFO").contains("RSS breakdown gauges"));
		}
	}

}
