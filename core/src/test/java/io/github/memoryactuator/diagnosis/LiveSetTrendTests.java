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

package io.github.memoryactuator.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.LiveSetTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LiveSetTrend}.
 */
class LiveSetTrendTests {

	private static final long MB = 1024 * 1024;

	private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	private static final Duration WINDOW = Duration.ofMinutes(10);

	@Test
	void steadilyRisingLiveSetIsASuspectedLeak() {
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i <= 60; i++) {
			points.add(point(600 - i * 10, 200 * MB + i * 4 * MB));
		}
		LiveSetTrend trend = LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1);
		assertThat(trend.suspected()).isTrue();
		assertThat(trend.bytesPerMinute()).isCloseTo(24.0 * MB, within(1.0 * MB));
		assertThat(trend.reason()).contains("never fell back");
	}

	@Test
	void youngCollectionSawtoothOverARisingFloorIsStillALeak() {
		Random random = new Random(42);
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i <= 120; i++) {
			long floor = 100 * MB + i * MB;
			// old-generation garbage piles up between mixed collections
			points.add(point(600 - i * 5, floor + (i % 10) * 8 * MB + random.nextInt(1024)));
		}
		assertThat(LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1).suspected()).isTrue();
	}

	@Test
	void churnThatReturnsToTheSameFloorIsNotALeak() {
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i <= 120; i++) {
			points.add(point(600 - i * 5, 100 * MB + (i % 10) * 30 * MB));
		}
		LiveSetTrend trend = LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1);
		assertThat(trend.suspected()).isFalse();
	}

	@Test
	void aLiveSetThatFellBackIsNotALeak() {
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i <= 40; i++) {
			points.add(point(600 - i * 15, (i < 30) ? 100 * MB + i * 10 * MB : 120 * MB));
		}
		LiveSetTrend trend = LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1);
		assertThat(trend.suspected()).isFalse();
		assertThat(trend.reason()).contains("fell back");
	}

	@Test
	void smallGrowthIsBelowTheThreshold() {
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i <= 60; i++) {
			points.add(point(600 - i * 10, 500 * MB + i * 100 * 1024));
		}
		LiveSetTrend trend = LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1);
		assertThat(trend.suspected()).isFalse();
		assertThat(trend.reason()).contains("below the leak threshold");
	}

	@Test
	void tooFewCollectionsGiveNoVerdictAndSaySo() {
		List<LiveSetTracker.Point> points = List.of(point(30, 100 * MB), point(20, 200 * MB), point(10, 300 * MB));
		LiveSetTrend trend = LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1);
		assertThat(trend.suspected()).isFalse();
		assertThat(trend.reason()).isEqualTo("only 3 collections in the last 10 min; a trend needs at least 5");
	}

	@Test
	void historyShorterThanHalfTheWindowGivesNoVerdict() {
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			points.add(point(120 - i * 5, 100 * MB + i * 50 * MB));
		}
		LiveSetTrend trend = LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1);
		assertThat(trend.suspected()).isFalse();
		assertThat(trend.reason()).startsWith("the live set has been tracked for 95 s");
	}

	@Test
	void pointsOutsideTheWindowAreIgnored() {
		List<LiveSetTracker.Point> points = new ArrayList<>();
		for (int i = 0; i <= 60; i++) {
			points.add(point(3600 - i * 10, 100 * MB + i * 10 * MB));
		}
		for (int i = 0; i <= 60; i++) {
			points.add(point(600 - i * 10, 50 * MB));
		}
		assertThat(LiveSetTrend.analyze(points, NOW, WINDOW, 16 * MB, 0.1).suspected()).isFalse();
	}

	private static LiveSetTracker.Point point(long secondsAgo, long bytes) {
		return new LiveSetTracker.Point(NOW.minusSeconds(secondsAgo), bytes, false);
	}

}
