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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link AllocationProfiler} over a recorder that tests drive by hand.
 */
@Timeout(30)
class AllocationProfilerTests {

	private static final List<String> G1 = List.of("G1 Young Generation", "G1 Old Generation");

	private static final ProfilingSettings SETTINGS = new ProfilingSettings(100, Duration.ofSeconds(1),
			Duration.ofMinutes(5));

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void aJvmWithoutFlightRecorderGetsAReasonNotAnException() {
		AllocationProfiler profiler = new AllocationProfiler(SETTINGS, this.clock, G1,
				(settings, old, sink, interner) -> {
					throw new AllocationProfiler.UnavailableException("Flight Recorder is not available in this JVM");
				});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> profiler.status().state() == AllocationProfiler.State.UNAVAILABLE);
		assertThat(profiler.status().reason()).isEqualTo("Flight Recorder is not available in this JVM");
		assertThat(profiler.profile(OptionalLong.empty(), 10).reason())
			.isEqualTo("Flight Recorder is not available in this JVM");
		assertThat(profiler.pprof(OptionalLong.empty()).isAvailable()).isFalse();
		profiler.close();
	}

	@Test
	void aRecorderThatThrowsWhileStartingIsUnavailableToo() {
		AllocationProfiler profiler = new AllocationProfiler(SETTINGS, this.clock, G1,
				(settings, old, sink, interner) -> {
					throw new IllegalStateException("repository not writable");
				});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> profiler.status().state() == AllocationProfiler.State.UNAVAILABLE);
		assertThat(profiler.status().reason()).contains("IllegalStateException: repository not writable");
		profiler.close();
	}

	@Test
	void samplesReachTheTablesAndTheProfileAndSurvivorsAreAskedForAtTheInterval() {
		FakeRecorder recorder = new FakeRecorder();
		AllocationProfiler profiler = new AllocationProfiler(SETTINGS, this.clock, G1, recorder::start);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> profiler.status().state() == AllocationProfiler.State.RECORDING);
		assertThat(recorder.oldObjects).isTrue();
		Frame put = recorder.interner.get().frame("com.acme.Cache", "put", 42);
		SampledStack stack = new SampledStack("byte[]", List.of(put));
		recorder.sink.get().allocation(stack, 4096);
		this.clock.advance(Duration.ofSeconds(6));
		recorder.sink.get().survivor(new SurvivorSample(stack, Duration.ofSeconds(3), OptionalLong.empty()));
		recorder.sink.get().flushed();
		recorder.sink.get().flushed();
		await().atMost(Duration.ofSeconds(10)).until(() -> recorder.harvests.get() >= 2);

		AllocationProfile profile = profiler.profile(OptionalLong.of(1000), 10).orNull();
		assertThat(profile).isNotNull();
		assertThat(profile.allocations().sites()).singleElement()
			.satisfies((site) -> assertThat(site.site()).isEqualTo(put));
		assertThat(profile.allocations().bytesPerMinute()).isEqualTo(4096 * 10.0);
		assertThat(profile.survivors().groups()).singleElement()
			.satisfies((group) -> assertThat(group.estimatedBytes()).hasValue(1000));
		assertThat(profiler.status().harvests()).isEqualTo(1);
		assertThat(profiler.pprof(OptionalLong.of(1000)).orNull()).startsWith((byte) 0x1f, (byte) 0x8b);
		profiler.close();
		assertThat(recorder.closed).isTrue();
		assertThat(profiler.status().state()).isEqualTo(AllocationProfiler.State.STOPPED);
		assertThat(profiler.profile(OptionalLong.empty(), 10).reason()).isEqualTo("allocation profiling has stopped");
	}

	@Test
	void underShenandoahOnlyAllocationsAreSampledAndTheSurvivorsSayWhy() {
		FakeRecorder recorder = new FakeRecorder();
		AllocationProfiler profiler = new AllocationProfiler(SETTINGS, this.clock,
				List.of("Shenandoah Pauses", "Shenandoah Cycles"), recorder::start);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> profiler.status().state() == AllocationProfiler.State.RECORDING);
		assertThat(recorder.oldObjects).isFalse();
		assertThat(profiler.status().survivorsUnavailable()).isEqualTo(OldObjectSampling.SHENANDOAH);
		Reading<AllocationProfile> profile = profiler.profile(OptionalLong.empty(), 10);
		assertThat(profile.orNull().survivors().unavailable()).isEqualTo(OldObjectSampling.SHENANDOAH);
		profiler.close();
		assertThat(recorder.harvests).hasValue(0);
	}

	@Test
	void closedWhileStartingTheRecorderIsClosedOnceItHasStarted() throws InterruptedException {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FakeRecorder recorder = new FakeRecorder();
		AllocationProfiler profiler = new AllocationProfiler(SETTINGS, this.clock, G1,
				(settings, old, sink, interner) -> {
					entered.countDown();
					try {
						release.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return recorder.start(settings, old, sink, interner);
				});
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(profiler.status().state()).isEqualTo(AllocationProfiler.State.STARTING);
		assertThat(profiler.profile(OptionalLong.empty(), 10).isAvailable()).isTrue();
		profiler.close();
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).untilTrue(recorder.closedFlag);
		assertThat(profiler.status().state()).isEqualTo(AllocationProfiler.State.STOPPED);
	}

	@Test
	void closedBeforeItStartedNothingIsStarted() throws InterruptedException {
		FakeRecorder recorder = new FakeRecorder();
		CountDownLatch started = new CountDownLatch(1);
		AllocationProfiler profiler = new AllocationProfiler(SETTINGS, this.clock, G1,
				(settings, old, sink, interner) -> {
					started.countDown();
					return recorder.start(settings, old, sink, interner);
				});
		profiler.close();
		// Whether or not the starting task ran before the close, no recorder is left
		// running.
		if (started.await(1, TimeUnit.SECONDS)) {
			await().atMost(Duration.ofSeconds(10)).untilTrue(recorder.closedFlag);
		}
		assertThat(profiler.status().state()).isEqualTo(AllocationProfiler.State.STOPPED);
	}

	@Test
	void oldObjectSamplingIsRefusedUnderShenandoahAndGenerationalZgcOnly() {
		assertThat(OldObjectSampling.unsupportedReason(G1)).isNull();
		assertThat(OldObjectSampling.unsupportedReason(List.of("Copy", "MarkSweepCompact"))).isNull();
		assertThat(OldObjectSampling.unsupportedReason(List.of("PS Scavenge", "PS MarkSweep"))).isNull();
		assertThat(OldObjectSampling.unsupportedReason(List.of("ZGC Cycles", "ZGC Pauses"))).isNull();
		assertThat(OldObjectSampling
			.unsupportedReason(List.of("ZGC Minor Cycles", "ZGC Minor Pauses", "ZGC Major Cycles", "ZGC Major Pauses")))
			.isEqualTo(OldObjectSampling.GENERATIONAL_ZGC);
		assertThat(OldObjectSampling.unsupportedReason(List.of("Shenandoah Pauses", "Shenandoah Cycles")))
			.isEqualTo(OldObjectSampling.SHENANDOAH);
	}

	private static final class FakeRecorder implements AllocationProfiler.Recorder {

		private final AtomicReference<AllocationProfiler.Sink> sink = new AtomicReference<>();

		private final AtomicReference<FrameInterner> interner = new AtomicReference<>();

		private final AtomicInteger harvests = new AtomicInteger();

		private final AtomicBoolean closedFlag = new AtomicBoolean();

		private volatile boolean oldObjects;

		private volatile boolean closed;

		AllocationProfiler.Recorder start(ProfilingSettings settings, boolean oldObjects, AllocationProfiler.Sink sink,
				FrameInterner interner) {
			this.oldObjects = oldObjects;
			this.sink.set(sink);
			this.interner.set(interner);
			return this;
		}

		@Override
		public void harvest() {
			this.harvests.incrementAndGet();
		}

		@Override
		public void close() {
			this.closed = true;
			this.closedFlag.set(true);
		}

	}

}
