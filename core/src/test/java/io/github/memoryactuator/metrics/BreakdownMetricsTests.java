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

package io.github.memoryactuator.metrics;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakdownMetrics}.
 */
class BreakdownMetricsTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(BreakdownMetrics.class);

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@BeforeEach
	void captureLog() {
		this.logged.start();
		this.logger.setLevel(Level.DEBUG);
		this.logger.addAppender(this.logged);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.logged);
		this.logger.setLevel(null);
	}

	private static final String NO_SMAPS = "/proc/self/smaps does not exist (not Linux, or /proc is not mounted)";

	private static BreakdownMetrics unavailable() {
		return new BreakdownMetrics(() -> Reading.unavailable(NO_SMAPS), Duration.ofMinutes(1));
	}

	@Test
	void unavailableBreakdownIsLoggedAtInfoWhenRssIsThere() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Gauge.builder("process.memory.rss", () -> 1.0).register(registry);
		try (BreakdownMetrics metrics = unavailable()) {
			metrics.bindTo(registry);
			assertThat(registry.find("process.memory.breakdown").meters()).isEmpty();
			assertThat(this.logged.list).anySatisfy((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.INFO);
				assertThat(event.getFormattedMessage())
					.contains("RSS breakdown gauges are not registered: " + NO_SMAPS);
			});
		}
	}

	@Test
	void unavailableBreakdownIsOnlyDebugWhenThereIsNoRssGaugeEither() {
		// Off Linux: the process gauges' binder has already logged that /proc is missing.
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (BreakdownMetrics metrics = unavailable()) {
			metrics.bindTo(registry);
			assertThat(registry.find("process.memory.breakdown").meters()).isEmpty();
			assertThat(this.logged.list).anySatisfy((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
				assertThat(event.getFormattedMessage()).contains("RSS breakdown gauges are not registered");
			});
			assertThat(this.logged.list).noneSatisfy((event) -> assertThat(event.getLevel()).isEqualTo(Level.INFO));
		}
	}

}
