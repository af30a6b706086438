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

package io.github.memoryactuator.history;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.Method;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.NativeHeap;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MemoryHistory}.
 */
class MemoryHistoryTests {

	private static final long MB = 1024 * 1024;

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final GaugeSnapshot fixture = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();

	@Test
	void keepsTheNewestPointsOldestFirstOnceTheRingIsFull() {
		MemoryHistory history = new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3),
				T0);
		assertThat(history.capacity()).isEqualTo(4);
		for (int i = 0; i < 6; i++) {
			history.record(snapshot(T0.plusSeconds(i), (100 + i) * MB));
		}
		List<GaugePoint> points = history.gauge(Instant.MIN, Instant.MAX);
		assertThat(points).extracting(GaugePoint::time)
			.containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4), T0.plusSeconds(5));
		assertThat(points).extracting((point) -> point.rss().getAsLong())
			.containsExactly(102 * MB, 103 * MB, 104 * MB, 105 * MB);
		GaugePoint last = points.get(3);
		ProcStatus status = this.fixture.process().orNull();
		assertThat(last.rssAnon()).isEqualTo(status.rssAnon());
		assertThat(last.heapCommitted()).isEqualTo(this.fixture.jvm().heapCommitted());
		assertThat(last.containerUsage()).hasValue(this.fixture.container().orNull().usage());
		assertThat(last.containerLimit()).isEqualTo(this.fixture.container().orNull().limit().bytes());
	}

	@Test
	void returnsOnlyThePointsInTheRangeAsked() {
		MemoryHistory history = new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
				T0);
		for (int i = 0; i < 10; i++) {
			history.record(snapshot(T0.plusSeconds(i), 100 * MB));
		}
		assertThat(history.gauge(T0.plusSeconds(3), T0.plusSeconds(5))).extracting(GaugePoint::time)
			.containsExactly(T0.plusSeconds(3), T0.plusSeconds(4), T0.plusSeconds(5));
		assertThat(history.gauge(T0.plusSeconds(20), Instant.MAX)).isEmpty();
	}

	@Test
	void saysWhatIsMissingAsEmptyRatherThanAFigure() {
		MemoryHistory history = new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
				T0);
		history.record(new GaugeSnapshot(T0, Reading.unavailable(Reading.Cause.MISSING, "no /proc"), this.fixture.jvm(),
				this.fixture.gc(), Reading.unavailable(Reading.Cause.MISSING, "no cgroup")));
		GaugePoint point = history.gauge(Instant.MIN, Instant.MAX).get(0);
		assertThat(point.rss()).isEmpty();
		assertThat(point.rssAnon()).isEmpty();
		assertThat(point.containerUsage()).isEmpty();
		assertThat(point.containerLimit()).isEmpty();
		assertThat(point.heapCommitted()).isEqualTo(this.fixture.jvm().heapCommitted());
	}

	@Test
	void carriesTheSoftLimitsTargetAndStateOnlyWhileATargetIsSet() {
		MemoryHistory history = new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
				T0);
		history.record(snapshot(T0, 100 * MB), softLimit(800 * MB, SoftLimitState.OVER));
		history.record(snapshot(T0.plusSeconds(1), 100 * MB), softLimit(700 * MB, SoftLimitState.HOLDING));
		history.record(snapshot(T0.plusSeconds(2), 100 * MB), softLimit(0, SoftLimitState.OFF));
		history.record(snapshot(T0.plusSeconds(3), 100 * MB), null);
		history.record(snapshot(T0.plusSeconds(4), 100 * MB));
		List<GaugePoint> points = history.gauge(Instant.MIN, Instant.MAX);
		assertThat(points).extracting(GaugePoint::softLimitTarget)
			.containsExactly(OptionalLong.of(800 * MB), OptionalLong.of(700 * MB), OptionalLong.empty(),
					OptionalLong.empty(), OptionalLong.empty());
		assertThat(points).extracting(GaugePoint::softLimitState)
			.containsExactly(SoftLimitState.OVER, SoftLimitState.HOLDING, null, null, null);
	}

	@Test
	void keepsBreakdownsWithGlibcAndNmtFiguresAndIgnoresACaptureSeenBefore() {
		MemoryHistory history = new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
				T0);
		FullSnapshot first = full(T0, 40 * MB, List.of(nmt("Internal", 5 * MB), nmt("Other", 10 * MB)));
		history.record(first, breakdown(T0, 300 * MB));
		history.record(first, breakdown(T0, 999 * MB));
		history.record(full(T0.plusSeconds(60), 50 * MB, List.of(nmt("Other", 20 * MB), nmt("Thread", 3 * MB))),
				breakdown(T0.plusSeconds(60), 310 * MB));
		List<BreakdownPoint> points = history.breakdowns(Instant.MIN, Instant.MAX);
		assertThat(points).extracting(BreakdownPoint::rss).containsExactly(300 * MB, 310 * MB);
		assertThat(points.get(0).mallocInUse()).hasValue(40 * MB);
		assertThat(points.get(0).mallocFree()).hasValue(2 * MB);
		assertThat(points.get(0).bytes(Category.JAVA_HEAP)).isEqualTo(200 * MB);
		assertThat(points.get(0).nmtCommitted()).containsExactly(entry("Internal", 5 * MB), entry("Other", 10 * MB));
		assertThat(points.get(1).nmtCommitted()).containsExactly(entry("Other", 20 * MB), entry("Thread", 3 * MB));
	}

	@Test
	void rejectsIntervalsAndRetentionsThatMakeNoRingNamingTheParameter() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MemoryHistory(Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofHours(1), T0))
			.withMessage("'interval' must be at least 1s, but was PT0.5S");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new MemoryHistory(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(1), T0))
			.withMessage("'retention' must be at least 'breakdownInterval', but was PT1M for PT2M");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MemoryHistory(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofDays(1), T0))
			.withMessage("'retention' / 'interval' must be at most 8639 points, but was 86400");
	}

	@Test
	void holdsWellUnderAMegabyteAtTheDefaultsAndAllocatesNothingPerPoint() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		MemoryHistory history = new MemoryHistory(MemoryHistory.DEFAULT_INTERVAL,
				MemoryHistory.DEFAULT_BREAKDOWN_INTERVAL, MemoryHistory.DEFAULT_RETENTION, T0);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(history.capacity()).isEqualTo(361);
		assertThat(history.breakdownCapacity()).isEqualTo(61);
		// What creating it allocated is what it holds, within the object headers.
		assertThat(allocated).isBetween(history.footprintBytes(), history.footprintBytes() + 1024);
		assertThat(history.footprintBytes()).isLessThan(MB);
		// 12 longs a gauge point (the soft limit's target and state among them), 56 a
		// breakdown point.
		assertThat(history.footprintBytes()).isEqualTo(16 + 361 * 12 * 8 + 16 + 61 * 56 * 8 + 16 + 4 * 40);
		List<GaugeSnapshot> snapshots = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			snapshots.add(snapshot(T0.plusSeconds(i), 100 * MB));
		}
		long recording = threads.getCurrentThreadAllocatedBytes();
		for (GaugeSnapshot snapshot : snapshots) {
			history.record(snapshot);
		}
		// A few boxed longs at most (OptionalLong.orElse does not box); nothing per
		// point.
		assertThat(threads.getCurrentThreadAllocatedBytes() - recording).isLessThan(2_000 * 8);
	}

	private static SoftLimitStatus softLimit(long target, SoftLimitState state) {
		return new SoftLimitStatus(target, null, 900 * MB, 500 * MB, 240 * MB, state, "because", List.of(), Map.of(),
				List.of(), List.of(), 0.01, 0, 0, Map.of(), 0);
	}

	private GaugeSnapshot snapshot(Instant at, long rss) {
		ProcStatus status = this.fixture.process().orNull();
		return new GaugeSnapshot(at,
				Reading.of(new ProcStatus(rss, status.rssAnon(), status.rssFile(), status.rssShmem(), status.swap(),
						status.peakRss(), status.threads())),
				this.fixture.jvm(), this.fixture.gc(), this.fixture.container());
	}

	private FullSnapshot full(Instant at, long mallocInUse, List<NmtSummary.Category> nmt) {
		GaugeSnapshot gauge = snapshot(at, 300 * MB);
		Reading<NmtSummary> summary = Reading.of(new NmtSummary(0, 0, OptionalLong.empty(), OptionalLong.empty(), nmt));
		return new FullSnapshot(gauge, missing(), missing(), missing(), missing(), summary, missing(), Duration.ZERO,
				missing(), Reading.of(new NativeHeap(mallocInUse + 2 * MB, 2 * MB, 0)));
	}

	private static <T> Reading<T> missing() {
		return Reading.unavailable(Reading.Cause.MISSING, "not read");
	}

	private static NmtSummary.Category nmt(String name, long committed) {
		return new NmtSummary.Category(name, committed, committed, OptionalLong.empty(), OptionalLong.empty(),
				OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
	}

	private static RssBreakdown breakdown(Instant at, long rss) {
		List<RssBreakdown.Part> parts = List.of(
				new RssBreakdown.Part(Category.JAVA_HEAP, 200 * MB, Method.RESIDENT, ""),
				new RssBreakdown.Part(Category.MAPPED_FILES, rss - 200 * MB, Method.RESIDENT, ""));
		return new RssBreakdown(at, rss, parts, List.of());
	}

	private static java.util.Map.Entry<String, Long> entry(String name, long bytes) {
		return java.util.Map.entry(name, bytes);
	}

}
