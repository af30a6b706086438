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

package io.github.memoryactuator.reclaim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.management.MBeanServerFactory;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.reclaim.ReclaimReport.Status;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.FakeVmFlags;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.tuning.HeapTuning;
import io.github.memoryactuator.tuning.TuningException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReclaimService}.
 */
class ReclaimServiceTests {

	private static final long MB = 1L << 20;

	private static final ReclaimSettings SETTINGS = new ReclaimSettings(Duration.ofSeconds(2), Duration.ofMillis(100),
			MB, Duration.ofSeconds(60));

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final FakeCommands commands = new FakeCommands();

	private final FakeVmFlags flags = new FakeVmFlags();

	@Test
	void settleWaitsForRssToFollowTheHeapUncommitThenStops() {
		// G1: heap committed falls at once, RSS only once the uncommit task runs.
		Snapshots snapshots = new Snapshots(snapshot(1500, 1000), snapshot(1500, 50), snapshot(1500, 50),
				snapshot(1500, 50), snapshot(900, 50), snapshot(200, 50), snapshot(150, 50), snapshot(150, 50),
				snapshot(150, 50), snapshot(150, 50));
		ReclaimReport report = completed(
				service(snapshots).reclaim(new ReclaimRequest(true, false, HeapSettings.none())));
		assertThat(report.gc().status()).isEqualTo(Status.COMPLETED);
		assertThat(report.gc().settled()).isTrue();
		assertThat(report.gc().polls()).isEqualTo(8);
		assertThat(report.gc().settle()).isEqualTo(Duration.ofMillis(700));
		assertThat(report.gc().released().rss()).hasValue(1350 * MB);
		assertThat(report.gc().released().heapCommitted()).isEqualTo(950 * MB);
		assertThat(report.collector().explanation()).startsWith("G1 uncommitted 950 MB of heap after the full GC");
		assertThat(report.summary()).isEqualTo("released 1.3 GB: heap uncommit 1.3 GB");
		assertThat(report.trim().status()).isEqualTo(Status.SKIPPED);
	}

	@Test
	void settleStopsAfterTwoFlatPollsWhenTheHeapDidNotShrink() {
		Snapshots snapshots = new Snapshots(snapshot(800, 600), snapshot(790, 600), snapshot(790, 600),
				snapshot(790, 600), snapshot(100, 600));
		ReclaimReport report = completed(service(snapshots, CollectorKind.PARALLEL)
			.reclaim(new ReclaimRequest(true, false, HeapSettings.none())));
		assertThat(report.gc().settled()).isTrue();
		assertThat(report.gc().polls()).isEqualTo(3);
		assertThat(report.collector().explanation()).startsWith("Parallel GC does not uncommit heap after a full GC");
	}

	@Test
	void settleGivesUpAtTheTimeout() {
		List<GaugeSnapshot> falling = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			falling.add(snapshot(2000 - i * 10, 500));
		}
		ReclaimReport report = completed(service(new Snapshots(falling.toArray(new GaugeSnapshot[0])))
			.reclaim(new ReclaimRequest(true, false, HeapSettings.none())));
		assertThat(report.gc().settled()).isFalse();
		assertThat(report.gc().settle()).isEqualTo(Duration.ofSeconds(2));
		assertThat(report.gc().polls()).isEqualTo(21);
	}

	@Test
	void theGcPauseIsTimedApartFromTheSettleWait() {
		this.commands.gcPause = Duration.ofMillis(250);
		ReclaimReport report = completed(service(new Snapshots(snapshot(100, 100)))
			.reclaim(new ReclaimRequest(true, false, HeapSettings.none())));
		assertThat(report.gc().pause()).isEqualTo(Duration.ofMillis(250));
		assertThat(report.gc().settle()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void trimIsParsedAndMeasured() {
		this.commands.trimOutput = "Trim native heap: RSS+Swap: 1100M->200M (-900M)\n";
		Snapshots snapshots = new Snapshots(snapshot(2000, 1024), snapshot(1100, 48), snapshot(1100, 48),
				snapshot(1100, 48), snapshot(200, 48));
		ReclaimReport report = completed(service(snapshots).reclaim(ReclaimRequest.defaults()));
		assertThat(report.trim().status()).isEqualTo(Status.COMPLETED);
		assertThat(report.trim().output()).isEqualTo(this.commands.trimOutput);
		assertThat(report.trim().reported()).isEqualTo(new NativeTrim(1100 * MB, 200 * MB, 900 * MB));
		assertThat(report.trim().released().rss()).hasValue(900 * MB);
		assertThat(report.released().rss()).hasValue(1800 * MB);
		assertThat(report.summary()).isEqualTo("released 1.8 GB: heap uncommit 900 MB, native trim 900 MB");
	}

	@Test
	void aJvmWithoutTrimStillCollects() {
		this.commands.trimSupported = false;
		ReclaimReport report = completed(service(new Snapshots(snapshot(100, 100))).reclaim(ReclaimRequest.defaults()));
		assertThat(report.gc().status()).isEqualTo(Status.COMPLETED);
		assertThat(report.trim().status()).isEqualTo(Status.UNAVAILABLE);
		assertThat(report.trim().reason()).contains("no System.trim_native_heap");
		assertThat(report.summary()).isEqualTo("released nothing: heap uncommit 0 B, native trim unavailable");
	}

	@Test
	void aLibcThatCannotTrimIsReportedVerbatim() {
		this.commands.trimOutput = "Not available.\n";
		ReclaimReport report = completed(service(new Snapshots(snapshot(100, 100))).reclaim(ReclaimRequest.defaults()));
		assertThat(report.trim().status()).isEqualTo(Status.UNAVAILABLE);
		assertThat(report.trim().output()).isEqualTo("Not available.\n");
		assertThat(report.trim().reported()).isNull();
	}

	@Test
	void stepsThatAreOffAreSkipped() {
		ReclaimReport report = completed(service(new Snapshots(snapshot(100, 100)))
			.reclaim(new ReclaimRequest(false, true, HeapSettings.none())));
		assertThat(report.gc().status()).isEqualTo(Status.SKIPPED);
		assertThat(this.commands.gcRuns).hasValue(0);
		assertThat(report.trim().status()).isEqualTo(Status.COMPLETED);
	}

	@Test
	void aSecondReclaimDuringTheCooldownIsRefusedWithTheSecondsLeft() {
		ReclaimService service = service(new Snapshots(snapshot(100, 100)));
		completed(service.reclaim(ReclaimRequest.defaults()));
		this.nanos.addAndGet(Duration.ofMillis(20_500).toNanos());
		ReclaimOutcome outcome = service.reclaim(ReclaimRequest.defaults());
		assertThat(refusal(outcome)).isInstanceOf(Refusal.CoolingDown.class);
		assertThat(refusal(outcome).retryAfterSeconds()).isEqualTo(40);
		assertThat(this.commands.gcRuns).hasValue(1);
		this.nanos.addAndGet(Duration.ofSeconds(40).toNanos());
		completed(service.reclaim(ReclaimRequest.defaults()));
		assertThat(this.commands.gcRuns).hasValue(2);
	}

	@Test
	void tuningOnlyIsRefusedDuringTheCooldownAndStartsOne() {
		ReclaimService service = service(new Snapshots(snapshot(100, 100)));
		completed(service.reclaim(ReclaimRequest.defaults()));
		ReclaimOutcome refused = service.reclaim(new ReclaimRequest(false, false, new HeapSettings(10, 20, null)));
		assertThat(refusal(refused)).isInstanceOf(Refusal.CoolingDown.class);
		assertThat(this.flags.writes).isEmpty();
		this.nanos.addAndGet(Duration.ofSeconds(60).toNanos());
		ReclaimReport tuned = completed(
				service.reclaim(new ReclaimRequest(false, false, new HeapSettings(0, 10, null))));
		assertThat(tuned.tuning()).isEqualTo(new ReclaimReport.TuningChange(new HeapSettings(40, 70, Duration.ZERO),
				new HeapSettings(0, 10, Duration.ZERO)));
		assertThat(tuned.gc().status()).isEqualTo(Status.SKIPPED);
		assertThat(refusal(service.reclaim(ReclaimRequest.defaults()))).isInstanceOf(Refusal.CoolingDown.class);
		assertThat(this.commands.gcRuns).hasValue(1);
	}

	@Test
	void tuningOnlyDuringARunningReclaimIsRefusedAndLeavesItsFlagsAlone() throws Exception {
		CountDownLatch collecting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.commands.onGc = () -> {
			collecting.countDown();
			await(release);
		};
		ReclaimService service = new ReclaimService(new Snapshots(snapshot(100, 100)), this.commands,
				new HeapTuning(this.flags, CollectorKind.G1), SETTINGS, new PauseGuard(SETTINGS.cooldown()),
				System::nanoTime, (nanos) -> {
				}, ReclaimService.Scheduler.NONE);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<ReclaimOutcome> reclaim = pool
				.submit(() -> service.reclaim(new ReclaimRequest(true, false, new HeapSettings(null, 60, null))));
			assertThat(collecting.await(10, TimeUnit.SECONDS)).isTrue();
			ReclaimOutcome tuning = service.reclaim(new ReclaimRequest(false, false, new HeapSettings(null, 50, null)));
			assertThat(refusal(tuning)).isInstanceOf(Refusal.Busy.class);
			assertThat(((Refusal.Busy) refusal(tuning)).running()).isEqualTo(PausingOperation.RECLAIM);
			release.countDown();
			ReclaimReport report = completed(reclaim.get(10, TimeUnit.SECONDS));
			assertThat(report.tuning().after().maxHeapFreeRatio()).isEqualTo(60);
			assertThat(this.flags.values).containsEntry("MaxHeapFreeRatio", "60");
			assertThat(this.flags.writes).containsExactly("MaxHeapFreeRatio=60");
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void theGuardSaysHowLongToWaitForARetryAfter() {
		PauseGuard guard = new PauseGuard(Duration.ofSeconds(60), this.nanos::get);
		this.commands.clock = this.nanos;
		ReclaimService service = new ReclaimService(new Snapshots(snapshot(100, 100)), this.commands,
				new HeapTuning(this.flags, CollectorKind.G1), SETTINGS, guard, this.nanos::get, this.nanos::addAndGet,
				ReclaimService.Scheduler.NONE);
		assertThat(guard.retryAfterSeconds()).isZero();
		completed(service.reclaim(ReclaimRequest.defaults()));
		this.nanos.addAndGet(Duration.ofMillis(20_500).toNanos());
		assertThat(guard.retryAfterSeconds()).isEqualTo(40);
		ReclaimOutcome outcome = service.reclaim(ReclaimRequest.defaults());
		assertThat(refusal(outcome).retryAfterSeconds()).isEqualTo(guard.retryAfterSeconds());
		this.nanos.addAndGet(Duration.ofSeconds(40).toNanos());
		assertThat(guard.retryAfterSeconds()).isZero();
	}

	@Test
	void aReclaimThatTrimmedTrimsOnceMoreSixSecondsLaterUnlessAWriteRuns() {
		List<Runnable> later = new ArrayList<>();
		PauseGuard guard = new PauseGuard(Duration.ZERO, this.nanos::get);
		ReclaimService service = new ReclaimService(new Snapshots(snapshot(100, 100)), this.commands,
				new HeapTuning(this.flags, CollectorKind.G1), SETTINGS, guard, this.nanos::get, this.nanos::addAndGet,
				(task, delay) -> {
					assertThat(delay).isEqualTo(Duration.ofSeconds(6));
					later.add(task);
				});
		completed(service.reclaim(new ReclaimRequest(true, false, HeapSettings.none())));
		completed(service.reclaim(new ReclaimRequest(false, false, new HeapSettings(null, 60, null))));
		assertThat(later).isEmpty();
		completed(service.reclaim(ReclaimRequest.defaults()));
		assertThat(later).hasSize(1);
		assertThat(this.commands.trimRuns).hasValue(1);
		later.get(0).run();
		assertThat(this.commands.trimRuns).hasValue(2);
		assertThat(this.commands.gcRuns).hasValue(2);
		// While a write runs, the second trim of an earlier one, on its own thread, is
		// skipped.
		this.commands.onGc = () -> {
			Thread followUp = new Thread(later.get(0));
			followUp.start();
			try {
				followUp.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		completed(service.reclaim(new ReclaimRequest(true, false, HeapSettings.none())));
		assertThat(this.commands.trimRuns).hasValue(2);
	}

	@Test
	void aTrimThatDidNotCompleteIsNotFollowedUp() {
		this.commands.trimSupported = false;
		List<Runnable> later = new ArrayList<>();
		ReclaimService service = new ReclaimService(new Snapshots(snapshot(100, 100)), this.commands,
				new HeapTuning(this.flags, CollectorKind.G1), SETTINGS, new PauseGuard(Duration.ZERO, this.nanos::get),
				this.nanos::get, this.nanos::addAndGet, (task, delay) -> later.add(task));
		completed(service.reclaim(ReclaimRequest.defaults()));
		assertThat(later).isEmpty();
	}

	@Test
	void aRequestRejectedAtWriteTimeStartsNoCooldownForTheNext() {
		this.flags.refused.add("G1PeriodicGCInterval");
		ReclaimService service = service(new Snapshots(snapshot(100, 100)));
		ReclaimOutcome outcome = service
			.reclaim(new ReclaimRequest(false, false, new HeapSettings(null, null, Duration.ofMinutes(5))));
		assertThat(outcome).isInstanceOf(ReclaimOutcome.Rejected.class);
		completed(service.reclaim(new ReclaimRequest(false, false, new HeapSettings(null, 50, null))));
	}

	@Test
	void tuningIsAppliedBeforeTheCollection() {
		this.commands.onGc = () -> assertThat(this.flags.values).containsEntry("MaxHeapFreeRatio", "10");
		ReclaimReport report = completed(service(new Snapshots(snapshot(100, 100)))
			.reclaim(new ReclaimRequest(true, false, new HeapSettings(0, 10, null))));
		assertThat(report.tuning().after().maxHeapFreeRatio()).isEqualTo(10);
	}

	@Test
	void invalidTuningIsRejectedBeforeAnythingRuns() {
		ReclaimService service = service(new Snapshots(snapshot(100, 100)));
		ReclaimOutcome outcome = service.reclaim(new ReclaimRequest(true, true, new HeapSettings(null, 120, null)));
		assertThat(outcome).isEqualTo(new ReclaimOutcome.Rejected(TuningException.Kind.INVALID, "maxHeapFreeRatio",
				"'maxHeapFreeRatio' must be between 0 and 100, but was 120"));
		assertThat(this.commands.gcRuns).hasValue(0);
	}

	@Test
	void aRefusedWriteIsAConflictThatRunsNothingAndStartsNoCooldown() {
		this.flags.refused.add("MaxHeapFreeRatio");
		ReclaimService service = service(new Snapshots(snapshot(100, 100)));
		ReclaimOutcome outcome = service.reclaim(new ReclaimRequest(true, true, new HeapSettings(0, 10, null)));
		assertThat(outcome).isInstanceOf(ReclaimOutcome.Rejected.class);
		assertThat(((ReclaimOutcome.Rejected) outcome).kind()).isEqualTo(TuningException.Kind.CONFLICT);
		assertThat(this.flags.values).containsEntry("MinHeapFreeRatio", "40");
		assertThat(this.commands.gcRuns).hasValue(0);
		completed(service.reclaim(ReclaimRequest.defaults()));
	}

	@Test
	void twentyConcurrentCallersRunExactlyOneCollection() throws Exception {
		int callers = 20;
		CountDownLatch othersDone = new CountDownLatch(callers - 1);
		AtomicInteger busy = new AtomicInteger();
		this.commands.onGc = () -> {
			try {
				// Hold the collection until every other caller has had its answer.
				othersDone.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		ReclaimService service = new ReclaimService(new Snapshots(snapshot(100, 100)), this.commands,
				new HeapTuning(this.flags, CollectorKind.G1), SETTINGS, new PauseGuard(SETTINGS.cooldown()),
				System::nanoTime, (nanos) -> {
				}, ReclaimService.Scheduler.NONE);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<ReclaimOutcome>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					ReclaimOutcome outcome = service.reclaim(ReclaimRequest.defaults());
					if (!(outcome instanceof ReclaimOutcome.Completed)) {
						busy.incrementAndGet();
						othersDone.countDown();
					}
					return outcome;
				}));
			}
			start.countDown();
			List<ReclaimOutcome> outcomes = new ArrayList<>();
			for (Future<ReclaimOutcome> future : futures) {
				outcomes.add(future.get(20, TimeUnit.SECONDS));
			}
			assertThat(this.commands.gcRuns).hasValue(1);
			assertThat(outcomes).filteredOn(ReclaimOutcome.Completed.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn((outcome) -> refusal(outcome) instanceof Refusal.Busy).hasSize(callers - 1);
			assertThat(refusal(service.reclaim(ReclaimRequest.defaults()))).isInstanceOf(Refusal.CoolingDown.class);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ReclaimService service(Supplier<GaugeSnapshot> snapshots) {
		return service(snapshots, CollectorKind.G1);
	}

	private ReclaimService service(Supplier<GaugeSnapshot> snapshots, CollectorKind kind) {
		this.commands.clock = this.nanos;
		return new ReclaimService(snapshots, this.commands, new HeapTuning(this.flags, kind), SETTINGS,
				new PauseGuard(SETTINGS.cooldown(), this.nanos::get), this.nanos::get, this.nanos::addAndGet,
				ReclaimService.Scheduler.NONE);
	}

	private static ReclaimReport completed(ReclaimOutcome outcome) {
		assertThat(outcome).isInstanceOf(ReclaimOutcome.Completed.class);
		return ((ReclaimOutcome.Completed) outcome).report();
	}

	private static GaugeSnapshot snapshot(long rssMb, long heapCommittedMb) {
		ProcStatus status = new ProcStatus(rssMb * MB, OptionalLong.of(rssMb * MB - 20 * MB), OptionalLong.of(20 * MB),
				OptionalLong.of(0), OptionalLong.of(0), OptionalLong.of(rssMb * MB), OptionalLong.of(30));
		JvmMemory jvm = new JvmMemory(heapCommittedMb * MB / 2, heapCommittedMb * MB, OptionalLong.of(2048 * MB),
				List.of(), List.of(), List.of(), 20, 10, 20);
		return new GaugeSnapshot(Instant.EPOCH, Reading.of(status), jvm,
				new GaugeSnapshot.Gc(List.of("G1 Young Generation", "G1 Old Generation"), LiveSet.none(Instant.EPOCH)),
				Reading.unavailable("not in a container"));
	}

	private static Refusal refusal(ReclaimOutcome outcome) {
		return (outcome instanceof ReclaimOutcome.Refused refused) ? refused.refusal() : null;
	}

	/**
	 * Serves the given snapshots in order, then the last one forever.
	 */
	private static final class Snapshots implements Supplier<GaugeSnapshot> {

		private final GaugeSnapshot[] snapshots;

		private final AtomicInteger next = new AtomicInteger();

		Snapshots(GaugeSnapshot... snapshots) {
			this.snapshots = snapshots;
		}

		@Override
		public GaugeSnapshot get() {
			return this.snapshots[Math.min(this.next.getAndIncrement(), this.snapshots.length - 1)];
		}

	}

	private static final class FakeCommands extends DiagnosticCommands {

		final AtomicInteger gcRuns = new AtomicInteger();

		final AtomicInteger trimRuns = new AtomicInteger();

		volatile boolean trimSupported = true;

		volatile String trimOutput = "Trim native heap: RSS+Swap: 100M->100M (+0B)\n";

		volatile Duration gcPause = Duration.ZERO;

		volatile Runnable onGc = () -> {
		};

		volatile AtomicLong clock = new AtomicLong();

		FakeCommands() {
			super(MBeanServerFactory.newMBeanServer());
		}

		@Override
		public boolean supports(String operation) {
			return !operation.equals(DiagnosticCommands.TRIM_NATIVE_HEAP) || this.trimSupported;
		}

		@Override
		public Reading<String> invoke(String operation, String... arguments) {
			if (operation.equals(DiagnosticCommands.GC_RUN)) {
				this.gcRuns.incrementAndGet();
				this.onGc.run();
				this.clock.addAndGet(this.gcPause.toNanos());
				return Reading.of("");
			}
			this.trimRuns.incrementAndGet();
			return Reading.of(this.trimOutput);
		}

	}

}
