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

package io.github.memoryactuator.watch;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.LimitUse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MemoryWatch}: what a sample holds, how the growth rate is measured,
 * how the next wait is chosen, and the one thread.
 */
@Timeout(60)
class MemoryWatchTests {

	private static final long MB = 1024 * 1024;

	private static final long SECOND = 1_000_000_000L;

	// RSS 102 MB; the cgroup: usage 179 MB less 60 MB of inactive file is a working set
	// of
	// 119 MB; limit 512 MB.
	private static final String FIXTURE = "cgroup-v2-container-limited";

	@TempDir
	Path root;

	private final AtomicLong nanoTime = new AtomicLong(1_000 * SECOND);

	private final List<MemoryWatch.Subscription> subscriptions = new ArrayList<>();

	private final List<Runnable> loops = new ArrayList<>();

	private final PauseGrowth pauseGrowth = new PauseGrowth();

	@BeforeEach
	void copyFixture() throws IOException {
		Path fixture = Fixtures.root(FIXTURE);
		try (Stream<Path> files = Files.walk(fixture)) {
			for (Path file : files.toList()) {
				Path target = this.root.resolve(fixture.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	@AfterEach
	void unsubscribe() {
		this.subscriptions.forEach(MemoryWatch.Subscription::close);
	}

	@Test
	void aSampleIsTheLargerOfRssAndTheWorkingSetWeighedAgainstTheEffectiveLimit() {
		ChargedMemory sample = watch().sample();
		assertThat(sample.charged()).isEqualTo(187326464L - 62914560L);
		LimitUse use = sample.use().orNull();
		assertThat(use.limit()).isEqualTo(512 * MB);
		assertThat(use.rss()).isEqualTo(104516 * 1024L);
		assertThat(use.used()).isEqualTo(sample.charged());
		assertThat(sample.bytesPerSecond()).as("no rate from one sample").isZero();
		assertThat(sample.peakBytesPerSecond()).isZero();
		assertThat(sample.pauseGrowth()).isZero();
	}

	@Test
	void aSampleCarriesTheLargestRecentGrowthOfTheOldGenerationInAPause() {
		this.pauseGrowth.record("Copy", Map.of("Tenured Gen", usage(100 * MB)), Map.of("Tenured Gen", usage(180 * MB)),
				0);
		assertThat(watch().sample().pauseGrowth()).isEqualTo(80 * MB);
	}

	@Test
	void theRateIsTheGrowthSinceTheLastSampleAndThePeakHalvesEveryHalfLife() throws IOException {
		MemoryWatch watch = watch();
		rss(300 * MB);
		watch.sample();
		this.nanoTime.addAndGet(SECOND);
		rss(350 * MB);
		ChargedMemory growing = watch.sample();
		assertThat(growing.charged()).isEqualTo(350 * MB);
		assertThat(growing.bytesPerSecond()).isEqualTo(50.0 * MB);
		assertThat(growing.peakBytesPerSecond()).isEqualTo(50.0 * MB);
		this.nanoTime.addAndGet(MemoryWatch.PEAK_HALF_LIFE.toNanos());
		rss(340 * MB);
		ChargedMemory falling = watch.sample();
		assertThat(falling.bytesPerSecond()).isEqualTo(-1.0 * MB);
		assertThat(falling.peakBytesPerSecond()).isEqualTo(25.0 * MB);
		this.nanoTime.addAndGet(SECOND);
		rss(440 * MB);
		assertThat(watch.sample().peakBytesPerSecond()).as("a faster rate replaces the faded peak")
			.isEqualTo(100.0 * MB);
	}

	@Test
	void aSampleCloserThanTheShortestIntervalToTheLastMakesNoRate() throws IOException {
		MemoryWatch watch = watch();
		rss(300 * MB);
		watch.sample();
		this.nanoTime.addAndGet(MemoryWatch.MIN_INTERVAL.toNanos() - 1);
		rss(301 * MB);
		ChargedMemory close = watch.sample();
		assertThat(close.bytesPerSecond()).isZero();
		this.nanoTime.addAndGet(SECOND - MemoryWatch.MIN_INTERVAL.toNanos() + 1);
		rss(310 * MB);
		assertThat(watch.sample().bytesPerSecond()).as("measured from the sample before").isEqualTo(10.0 * MB);
	}

	@Test
	void withoutACgroupTheChargedMemoryIsRssAndTheUseSaysWhyThereIsNoLimit() {
		MemoryWatch watch = new MemoryWatch(new ProcStatusReader(Fixtures.root("no-cgroup")),
				new CgroupMemoryReader(Fixtures.root("no-cgroup")), Clock.systemUTC(), this.nanoTime::get,
				this::notStarted, new PauseGrowth());
		ChargedMemory sample = watch.sample();
		assertThat(sample.charged()).isPositive();
		assertThat(sample.use().isAvailable()).isFalse();
		assertThat(sample.use().reason()).isNotBlank();
	}

	@Test
	void withNothingToReadThereIsNoSampleAndNoListenerIsTold() {
		Path empty = this.root.resolve("empty");
		MemoryWatch watch = new MemoryWatch(new ProcStatusReader(empty), new CgroupMemoryReader(empty),
				Clock.systemUTC(), this.nanoTime::get, this::notStarted, new PauseGrowth());
		List<ChargedMemory> told = new ArrayList<>();
		subscribe(watch, Duration.ofSeconds(2), (sample) -> {
			told.add(sample);
			return Duration.ofMillis(100);
		});
		assertThat(watch.sample()).isNull();
		assertThat(watch.round()).isEqualTo(2 * SECOND);
		assertThat(told).isEmpty();
	}

	@Test
	void theNextWaitIsTheShortestIntervalOrRequestOfAllSubscribersAndNeverBelowTheFloor() {
		MemoryWatch watch = watch();
		List<Duration> answers = new ArrayList<>(List.of(WatchListener.NO_HURRY));
		List<ChargedMemory> told = new ArrayList<>();
		subscribe(watch, Duration.ofSeconds(1), (sample) -> {
			told.add(sample);
			return answers.get(0);
		});
		subscribe(watch, Duration.ofMillis(500), (sample) -> WatchListener.NO_HURRY);
		assertThat(watch.round()).isEqualTo(SECOND / 2);
		answers.set(0, Duration.ofMillis(120));
		assertThat(watch.round()).isEqualTo(120_000_000L);
		answers.set(0, Duration.ofMillis(1));
		assertThat(watch.round()).isEqualTo(MemoryWatch.MIN_INTERVAL.toNanos());
		answers.set(0, Duration.ofMillis(-5));
		assertThat(watch.round()).isEqualTo(MemoryWatch.MIN_INTERVAL.toNanos());
		assertThat(told).hasSize(4);
	}

	@Test
	void aListenerThatThrowsAsksForNothingAndTheOthersAreStillTold() {
		MemoryWatch watch = watch();
		List<ChargedMemory> told = new ArrayList<>();
		subscribe(watch, Duration.ofSeconds(1), (sample) -> {
			throw new IllegalStateException("broken");
		});
		subscribe(watch, Duration.ofSeconds(1), (sample) -> {
			told.add(sample);
			return Duration.ofMillis(300);
		});
		assertThat(watch.round()).isEqualTo(300_000_000L);
		assertThat(watch.round()).isEqualTo(300_000_000L);
		assertThat(told).hasSize(2);
	}

	@Test
	void anIntervalOutsideItsBoundsIsRefusedWithItsName() {
		MemoryWatch watch = watch();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> watch.subscribe(Duration.ofMillis(10), (sample) -> WatchListener.NO_HURRY))
			.withMessage("'interval' must be between 25ms and 10s, but was PT0.01S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MemoryWatch.check("memory-actuator.watch.interval", Duration.ofSeconds(11)))
			.withMessage("'memory-actuator.watch.interval' must be between 25ms and 10s, but was PT11S");
	}

	@Test
	void oneThreadSamplesForEverySubscriberAndStopsWithTheLast() {
		MemoryWatch watch = new MemoryWatch(new ProcStatusReader(this.root), new CgroupMemoryReader(this.root),
				Clock.systemUTC(), System::nanoTime, MemoryWatch::startThread, new PauseGrowth());
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		MemoryWatch.Subscription one = watch.subscribe(Duration.ofSeconds(1), (sample) -> {
			first.add(Thread.currentThread().getName());
			return WatchListener.NO_HURRY;
		});
		MemoryWatch.Subscription two = watch.subscribe(Duration.ofSeconds(1), (sample) -> {
			second.add(Thread.currentThread().getName());
			return WatchListener.NO_HURRY;
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> !first.isEmpty() && !second.isEmpty());
		assertThat(watchThreads()).hasSize(1);
		assertThat(first).containsOnly(MemoryWatch.THREAD_NAME);
		one.close();
		assertThat(watch.sampling()).isTrue();
		two.close();
		assertThat(watch.sampling()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> watchThreads().isEmpty());
	}

	@Test
	void aListenerThatAsksForSoonerIsSampledSooner() {
		MemoryWatch watch = new MemoryWatch(new ProcStatusReader(this.root), new CgroupMemoryReader(this.root),
				Clock.systemUTC(), System::nanoTime, MemoryWatch::startThread, new PauseGrowth());
		AtomicLong samples = new AtomicLong();
		subscribe(watch, Duration.ofSeconds(10), (sample) -> {
			samples.incrementAndGet();
			return Duration.ofMillis(50);
		});
		// At the interval the tenth sample would come after 90 s.
		await().atMost(Duration.ofSeconds(20)).until(() -> samples.get() >= 10);
	}

	@Test
	void aNewSubscriberIsToldAtOnceAlthoughTheThreadWaitsForALongInterval() {
		MemoryWatch watch = new MemoryWatch(new ProcStatusReader(this.root), new CgroupMemoryReader(this.root),
				Clock.systemUTC(), System::nanoTime, MemoryWatch::startThread, new PauseGrowth());
		AtomicLong first = new AtomicLong();
		AtomicLong second = new AtomicLong();
		subscribe(watch, MemoryWatch.MAX_INTERVAL, (sample) -> {
			first.incrementAndGet();
			return WatchListener.NO_HURRY;
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> first.get() == 1);
		subscribe(watch, MemoryWatch.MAX_INTERVAL, (sample) -> {
			second.incrementAndGet();
			return WatchListener.NO_HURRY;
		});
		// The thread sleeps for 10 s: only the wake-up of the subscription tells it now.
		await().atMost(Duration.ofSeconds(5)).until(() -> second.get() == 1);
	}

	@Test
	void theSharedWatchIsOnePerRoot() {
		Path relative = Path.of("").toAbsolutePath().relativize(this.root);
		assertThat(MemoryWatch.shared(this.root)).isSameAs(MemoryWatch.shared(relative))
			.isSameAs(MemoryWatch.shared(this.root.resolve("x").resolve("..")))
			.isNotSameAs(MemoryWatch.shared(this.root.resolve("sys")));
	}

	private MemoryWatch watch() {
		return new MemoryWatch(new ProcStatusReader(this.root), new CgroupMemoryReader(this.root), Clock.systemUTC(),
				this.nanoTime::get, this::notStarted, this.pauseGrowth);
	}

	// Tests that call round() themselves: the loop is kept, never run.
	private Thread notStarted(Runnable loop) {
		this.loops.add(loop);
		return new Thread(loop);
	}

	private void subscribe(MemoryWatch watch, Duration interval, WatchListener listener) {
		this.subscriptions.add(watch.subscribe(interval, listener));
	}

	// RSS above the working set, so that it decides.
	private void rss(long bytes) throws IOException {
		Path status = this.root.resolve("proc/self/status");
		String text = Files.readString(status).replaceAll("VmRSS:\\s+\\d+ kB", "VmRSS:\t" + bytes / 1024 + " kB");
		Files.writeString(status, text);
	}

	private static MemoryUsage usage(long used) {
		return new MemoryUsage(0, used, used, -1);
	}

	private static List<Thread> watchThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(MemoryWatch.THREAD_NAME) && thread.isAlive())
			.toList();
	}

}
