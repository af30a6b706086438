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

package io.github.memoryactuator.preoom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.watch.ChargedMemory;
import io.github.memoryactuator.watch.WatchListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PreOomWatch}.
 */
class PreOomWatchTests {

	private static final long MB = 1024 * 1024;

	private static final long LIMIT = 512 * MB;

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	// 512 MB limit, RSS 100 MB; the test JVM's heap, whose maximum the tests set.
	private final GaugeSnapshot limited = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();

	private final List<String> warnings = new ArrayList<>();

	private final BreakdownPoint breakdown = new BreakdownPoint(Instant.parse("2026-01-01T00:00:00Z"), 470 * MB,
			Map.of(Category.JAVA_HEAP, 300 * MB, Category.MALLOC_RETAINED, 120 * MB, Category.THREAD_STACKS, 30 * MB,
					Category.MAPPED_FILES, 20 * MB),
			OptionalLong.empty(), OptionalLong.empty(), Map.of());

	private final List<PreOomWarning> reports = new ArrayList<>();

	private final List<GaugeSnapshot> snapshots = new ArrayList<>();

	private final PreOomWatch watch = watch(heapMax(256 * MB));

	@Test
	void warnsOnceWhenCrossingTheThresholdWithTheGrowthTheVerdictAndTheThreeLargestCategories() {
		this.watch.onSample(sample(400 * MB, 0));
		assertThat(this.warnings).isEmpty();
		ChargedMemory crossing = sample(470 * MB, 10 * MB);
		this.watch.onSample(crossing);
		this.watch.onSample(sample(480 * MB, 10 * MB));
		assertThat(this.warnings).singleElement()
			.isEqualTo(
					"Memory is at 92% of the limit of 512 MB (RSS 470 MB, cgroup usage 400 MB); the kernel kills the "
							+ "process at the limit, in about 4.2 s at the 10.0 MB/s it grows. No leak. Largest at "
							+ "2026-01-01T00:00:00Z: Java heap 300 MB, malloc free but retained by the allocator 120 MB, "
							+ "Thread stacks 30.0 MB.");
		assertThat(this.reports).singleElement().satisfies((report) -> {
			assertThat(report.text()).isEqualTo(this.warnings.get(0));
			assertThat(report.sample()).isSameAs(crossing);
			assertThat(report.snapshot()).as("taken at the crossing, for the verdict and the report")
				.isSameAs(this.snapshots.get(this.snapshots.size() - 1));
			assertThat(report.warnedAt()).isEqualTo(NOW);
		});
	}

	@Test
	void aRateBelowTheRecentPeakIsGivenBesideIt() {
		this.watch.onSample(new ChargedMemory(NOW, 0, 470 * MB,
				Reading.of(new LimitUse(470 * MB, LIMIT, 470 * MB, 400 * MB)), 1 * MB, 20 * MB, 0));
		assertThat(this.warnings).singleElement()
			.asString()
			.contains("; the kernel kills the process at the limit, in about 2.1 s at the 20.0 MB/s it grew recently "
					+ "(1.0 MB/s now). No leak.");
	}

	@Test
	void memoryThatDoesNotGrowIsWarnedAboutWithoutARate() {
		this.watch.onSample(sample(470 * MB, 0));
		assertThat(this.warnings).singleElement()
			.asString()
			.startsWith("Memory is at 92% of the limit of 512 MB (RSS 470 MB, cgroup usage 400 MB); the kernel kills "
					+ "the process at the limit. No leak.");
	}

	@Test
	void warnsAgainOnlyAfterFallingBelowTheThresholdByTheHysteresis() {
		this.watch.onSample(sample(470 * MB, 0));
		this.watch.onSample(sample(450 * MB, 0));
		this.watch.onSample(sample(470 * MB, 0));
		assertThat(this.warnings).hasSize(1);
		this.watch.onSample(sample(400 * MB, 0));
		this.watch.onSample(sample(470 * MB, 0));
		assertThat(this.warnings).hasSize(2);
	}

	@Test
	void asksForTheNextSampleBeforeGrowthAtThePeakRateCouldCrossTheThresholdUnseen() {
		// Threshold 460.8 MB; a tenth of the way on to the limit is 5.1 MB.
		long level = (long) (0.9 * LIMIT);
		long margin = (long) (0.1 * (LIMIT - level));
		assertThat(this.watch.onSample(sample(200 * MB, 50 * MB))).as("far below: the watch's interval decides")
			.isEqualTo(Duration.ofNanos((long) ((level - 200 * MB) / (50.0 * MB) * 1e9)))
			.isGreaterThan(Duration.ofSeconds(5));
		assertThat(this.watch.onSample(sample(450 * MB, 50 * MB))).as("near: when it could first cross")
			.isEqualTo(Duration.ofNanos((long) ((level - 450 * MB) / (50.0 * MB) * 1e9)))
			.isLessThan(Duration.ofMillis(250));
		assertThat(this.watch.onSample(sample(458 * MB, 50 * MB)))
			.as("nearer than the margin: the time it takes to cover the margin")
			.isEqualTo(Duration.ofNanos((long) (margin / (50.0 * MB) * 1e9)))
			.isLessThan(Duration.ofMillis(110));
		assertThat(this.watch.onSample(sample(450 * MB, 0))).as("not growing").isEqualTo(WatchListener.NO_HURRY);
		this.watch.onSample(sample(470 * MB, 50 * MB));
		assertThat(this.watch.onSample(sample(480 * MB, 50 * MB))).as("warned: nothing to hurry for until it re-arms")
			.isEqualTo(WatchListener.NO_HURRY);
	}

	@Test
	void whenOneMoreCollectionLikeARecentOneCouldReachTheLimitItWarnsBelowTheThreshold() {
		// A pause moved 100 MB into the old generation: the limit is within reach from
		// 412 MB on, below the threshold (460.8 MB).
		assertThat(this.watch.onSample(sample(400 * MB, 10 * MB, 100 * MB))).as("asks for a sample when it could cross")
			.isBetween(Duration.ofMillis(1199), Duration.ofMillis(1200));
		assertThat(this.warnings).isEmpty();
		this.watch.onSample(sample(420 * MB, 10 * MB, 100 * MB));
		assertThat(this.warnings).singleElement()
			.isEqualTo(
					"Memory is at 82% of the limit of 512 MB (RSS 420 MB, cgroup usage 400 MB); the kernel kills the "
							+ "process at the limit, in about 9.2 s at the 10.0 MB/s it grows, or sooner: a "
							+ "stop-the-world collection may move up to 100 MB into the old generation within one pause, "
							+ "judged by the recent ones, and that would reach it. No leak. Largest at 2026-01-01T00:00:00Z: "
							+ "Java heap 300 MB, malloc free but retained by the allocator 120 MB, Thread stacks 30.0 MB.");
		this.watch.onSample(sample(470 * MB, 10 * MB, 100 * MB));
		assertThat(this.warnings).as("one warning for one crossing").hasSize(1);
		this.watch.onSample(sample(380 * MB, 0, 100 * MB));
		this.watch.onSample(sample(420 * MB, 10 * MB, 100 * MB));
		assertThat(this.warnings).as("again after falling 5 points below where it warned").hasSize(2);
	}

	@Test
	void smallPausesLeaveTheThresholdAsItIs() {
		this.watch.onSample(sample(450 * MB, 10 * MB, 20 * MB));
		assertThat(this.warnings).isEmpty();
		this.watch.onSample(sample(461 * MB, 10 * MB, 20 * MB));
		assertThat(this.warnings).singleElement().asString().doesNotContain("stop-the-world");
	}

	@Test
	void withoutALimitThereIsNothingToWarnAboutOrHurryFor() {
		ChargedMemory unlimited = new ChargedMemory(NOW, 0, 100_000 * MB,
				Reading.unavailable(Reading.Cause.MISSING, LimitUse.NO_LIMIT), 50 * MB, 50 * MB, 0);
		assertThat(this.watch.onSample(unlimited)).isEqualTo(WatchListener.NO_HURRY);
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void withTheHistoryOffTheLineSaysThereIsNoBreakdownPoint() {
		GaugeSnapshot fits = heapMax(256 * MB);
		PreOomWatch watch = new PreOomWatch(0.9, 0.05, () -> fits, (snapshot) -> "No leak.",
				PreOomQuickReport.newestBreakdown(null), this.warnings::add, this.reports::add, Clock.systemUTC());
		watch.onSample(sample(470 * MB, 0));
		assertThat(this.warnings).singleElement()
			.asString()
			.endsWith("No leak. No breakdown point: the memory history is off.");
	}

	@Test
	void atTheFirstSampleAHeapThatMayOutgrowTheLimitIsOneWarning() {
		PreOomWatch watch = watch(heapMax(2048 * MB));
		watch.onSample(sample(200 * MB, 0));
		watch.onSample(sample(200 * MB, 0));
		assertThat(this.warnings).singleElement()
			.asString()
			.startsWith("The heap may grow to 2.0 GB but the container's limit is 512 MB: the kernel will kill the "
					+ "process before the JVM throws OutOfMemoryError; -Xmx (or MaxRAMPercentage) should leave room "
					+ "for ")
			.contains(" MB of non-heap memory. Set -Xmx to at most ");
		assertThat(this.reports).isEmpty();
	}

	@Test
	void aHeapThatFitsTheLimitIsNoWarning() {
		this.watch.onSample(sample(200 * MB, 0));
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void rejectsAThresholdOrHysteresisThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PreOomWatch(1.5, 0.05, () -> this.limited,
				(snapshot) -> "", PreOomQuickReport.newestBreakdown(null), (warning) -> {
				}))
			.withMessage("'threshold' must be above 0 and at most 1, but was 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> new PreOomWatch(0.9, 0.95, () -> this.limited,
				(snapshot) -> "", PreOomQuickReport.newestBreakdown(null), (warning) -> {
				}))
			.withMessage("'hysteresis' must be at least 0 and below the threshold, but was 0.95");
	}

	private PreOomWatch watch(GaugeSnapshot snapshot) {
		return new PreOomWatch(0.9, 0.05, () -> {
			this.snapshots.add(snapshot);
			return snapshot;
		}, (taken) -> "No leak.", () -> Reading.of(this.breakdown), this.warnings::add, this.reports::add,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	// The limited fixture's snapshot with a heap of the given maximum, 64 MB committed.
	private GaugeSnapshot heapMax(long heapMax) {
		JvmMemory jvm = this.limited.jvm();
		JvmMemory sized = new JvmMemory(32 * MB, 64 * MB, OptionalLong.of(heapMax), List.of(), List.of(), List.of(),
				jvm.threads(), jvm.daemonThreads(), jvm.peakThreads());
		return new GaugeSnapshot(this.limited.capturedAt(), this.limited.process(), sized, this.limited.gc(),
				this.limited.container());
	}

	private static ChargedMemory sample(long charged, double rate) {
		return sample(charged, rate, 0);
	}

	private static ChargedMemory sample(long charged, double rate, long pauseGrowth) {
		return new ChargedMemory(NOW, 0, charged, Reading.of(new LimitUse(charged, LIMIT, charged, 400 * MB)), rate,
				rate, pauseGrowth);
	}

}
