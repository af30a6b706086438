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
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.history.BreakdownPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NativeGrowthTrend}.
 */
class NativeGrowthTrendTests {

	private static final long MB = 1024 * 1024;

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration WINDOW = Duration.ofMinutes(10);

	@Test
	void mallocInUseRisingEveryMinuteIsASuspectedLeakNamingTheNmtCategoryThatGrew() {
		List<BreakdownPoint> points = new ArrayList<>();
		for (int minute = 0; minute <= 10; minute++) {
			// 8 MB/min kept, plus 20 MB of requests in flight at every other capture.
			long inFlight = (minute % 2) * 20 * MB;
			points.add(point(minute, 100 * MB + minute * 8 * MB + inFlight,
					Map.of("Other", 10 * MB + minute * 8 * MB, "Class", 50 * MB)));
		}
		NativeGrowthTrend trend = analyze(points);
		assertThat(trend.outcome()).isEqualTo(NativeGrowthTrend.Outcome.SUSPECTED_GROWTH);
		assertThat(trend.figure()).isEqualTo(NativeGrowthTrend.Figure.MALLOC_IN_USE);
		assertThat(trend.bytesPerMinute()).isBetween(7.0 * MB, 9.0 * MB);
		assertThat(trend.nmtPerMinute()).containsOnlyKeys("Other");
		assertThat(trend.reason()).startsWith("malloc in use grew 8")
			.contains("/min over the last 10 min")
			.endsWith("(NMT: Other +8.0 MB/min)");
	}

	@Test
	void churnThatFreesWhatItTookIsNoGrowthWhateverTheMomentOfEachCapture() {
		List<BreakdownPoint> points = new ArrayList<>();
		for (int minute = 0; minute <= 10; minute++) {
			long inFlight = ((minute * 7) % 5) * 40 * MB;
			points.add(point(minute, 100 * MB + inFlight, Map.of()));
		}
		NativeGrowthTrend trend = analyze(points);
		assertThat(trend.outcome()).isEqualTo(NativeGrowthTrend.Outcome.NOT_GROWING);
		assertThat(trend.reason()).startsWith("no native growth: malloc in use changed by 0 B over 10 min");
	}

	@Test
	void growthBelowTheThresholdIsNotALeak() {
		List<BreakdownPoint> points = new ArrayList<>();
		for (int minute = 0; minute <= 10; minute++) {
			points.add(point(minute, 200 * MB + minute * MB, Map.of()));
		}
		assertThat(analyze(points).outcome()).isEqualTo(NativeGrowthTrend.Outcome.NOT_GROWING);
	}

	@Test
	void withoutGlibcStatisticsTheResidentMemoryOutsideTheHeapAndFilesIsMeasured() {
		List<BreakdownPoint> points = new ArrayList<>();
		for (int minute = 0; minute <= 10; minute++) {
			BreakdownPoint point = point(minute, 0, Map.of());
			points.add(new BreakdownPoint(point.time(), point.rss() + minute * 10 * MB, point.categories(),
					OptionalLong.empty(), OptionalLong.empty(), Map.of()));
		}
		NativeGrowthTrend trend = analyze(points);
		assertThat(trend.figure()).isEqualTo(NativeGrowthTrend.Figure.NATIVE_RESIDENT);
		assertThat(trend.outcome()).isEqualTo(NativeGrowthTrend.Outcome.SUSPECTED_GROWTH);
		assertThat(trend.startBytes()).isEqualTo(40 * MB);
	}

	@Test
	void aHistoryShorterThanHalfTheWindowIsTooShortAndAGapInAThirdIsTooFewPoints() {
		List<BreakdownPoint> points = List.of(point(0, 100 * MB, Map.of()), point(9, 300 * MB, Map.of()),
				point(10, 300 * MB, Map.of()));
		NativeGrowthTrend early = NativeGrowthTrend.analyze(points, T0.plusSeconds(360), T0.plus(WINDOW), WINDOW,
				16 * MB, 0.1);
		assertThat(early.outcome()).isEqualTo(NativeGrowthTrend.Outcome.TOO_SHORT);
		assertThat(early.reason()).contains("covers 4 min; a native trend needs at least half of 10 min");
		NativeGrowthTrend gap = analyze(points);
		assertThat(gap.outcome()).isEqualTo(NativeGrowthTrend.Outcome.FEW_POINTS);
		assertThat(gap.reason()).contains("holds 3 breakdown points").contains("a shorter breakdown interval");
	}

	@Test
	void aSuspectedNativeLeakLeadsTheVerdictAndIsACriticalFinding() {
		List<BreakdownPoint> points = new ArrayList<>();
		for (int minute = 0; minute <= 10; minute++) {
			points.add(point(minute, 100 * MB + minute * 8 * MB, Map.of()));
		}
		NativeGrowthTrend trend = analyze(points);
		Evidence gathered = new EvidenceGatherer(WINDOW, 16 * MB, 0.1).atGaugeDepth(
				io.github.memoryactuator.snapshot.TestSnapshots.snapshotter("cgroup-v1-hybrid-unlimited").capture());
		Diagnosis diagnosis = Diagnostician
			.diagnose(Evidence.of(gathered.snapshot(), gathered.liveSetTrend(), trend, gathered.profiling()));
		assertThat(diagnosis.verdict()).startsWith("Suspected native leak: malloc in use grew 8.0 MB/min");
		assertThat(diagnosis.nativeLeakSuspected()).isTrue();
		assertThat(diagnosis.findings()).first()
			.satisfies((finding) -> assertThat(finding.code()).isEqualTo(FindingCode.NATIVE_GROWTH));
	}

	private static NativeGrowthTrend analyze(List<BreakdownPoint> points) {
		return NativeGrowthTrend.analyze(points, T0, T0.plus(WINDOW), WINDOW, 16 * MB, 0.1);
	}

	private static BreakdownPoint point(int minute, long mallocInUse, Map<String, Long> nmt) {
		return new BreakdownPoint(T0.plusSeconds(60L * minute), 500 * MB,
				Map.of(Category.JAVA_HEAP, 400 * MB, Category.MAPPED_FILES, 50 * MB, Category.SHARED_MEMORY, 10 * MB),
				OptionalLong.of(mallocInUse), OptionalLong.of(MB), new java.util.TreeMap<>(nmt));
	}

}
