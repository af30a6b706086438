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
			assertThat(output.getAll().lines()).noneSatisfy(
					(line) -> assertThat(line).contains("INFO").contains("RSS breakdown gauges"));
		}
	}

}
