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

package io.github.memoryactuator.softlimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.watch.ChargedMemory;
import io.github.memoryactuator.watch.MemoryWatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SoftLimitController}, against a heap that behaves as the findings
 * measured and VM flags that refuse what HotSpot refuses.
 */
class SoftLimitControllerTests {

	private static final long MB = SoftLimitController.MB;

	private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

	private static final String TARGET = "memory-actuator.soft-limit.target";

	@TempDir
	Path root;

	private final PauseGuard guard = new PauseGuard(Duration.ofSeconds(60));

	private FakeFlags flags = FakeFlags.g1();

	private FakeHeap heap = new FakeHeap(NOW, 900 * MB, 60 * MB);

	private SoftLimitController controller;

	private SoftLimitController other;

	private long nanos;

	@AfterEach
	void close() {
		if (this.controller != null) {
			this.controller.close();
		}
		if (this.other != null) {
			this.other.close();
		}
	}

	@Test
	void withoutATargetNothingRunsAndNoFlagIsTouched() {
		this.controller = controller(CollectorKind.G1, "cgroup-v1-hybrid-limited");
		this.controller.tick(sample(900 * MB));
		assertThat(this.controller.status().state()).isEqualTo(SoftLimitState.OFF);
		assertThat(this.controller.status().reason()).isEqualTo("no target is set");
		assertThat(this.flags.writes).isEmpty();
		assertThat(this.heap.collections).isZero();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals(SoftLimitController.THREAD_NAME) && thread.isAlive()
					&& !thread.isDaemon());
	}

	@Test
	void overTheAimG1PulsesTheFreeRatiosAroundOneCollectionAndSetsThemBack() {
		this.heap.live = 250 * MB;
		this.controller = started(CollectorKind.G1, "400MB");
		this.controller.tick(sample(950 * MB));
		assertThat(this.heap.collections).isOne();
		// Min lowered first, then Max; Max raised back first, then Min: the JVM checks
		// Min <= Max on each write.
		assertThat(this.flags.writes).containsSubsequence("MinHeapFreeRatio=24", "MaxHeapFreeRatio=24",
				"MaxHeapFreeRatio=70", "MinHeapFreeRatio=40");
		assertThat(this.flags.values).containsEntry("MinHeapFreeRatio", "40").containsEntry("MaxHeapFreeRatio", "70");
		SoftLimitStatus status = this.controller.status();
		assertThat(status.state()).isEqualTo(SoftLimitState.OVER);
		assertThat(status.actions()).singleElement().satisfies((action) -> {
			assertThat(action.kind()).isEqualTo("collection");
			assertThat(action.chargedBefore()).isEqualTo(950 * MB);
			assertThat(action.chargedAfter()).isNull();
		});
		this.nanos += Duration.ofSeconds(1).toNanos();
		this.controller.tick(sample(250 * MB));
		status = this.controller.status();
		assertThat(status.state()).isEqualTo(SoftLimitState.HOLDING);
		assertThat(status.actions()).singleElement()
			.extracting(SoftLimitStatus.Action::chargedAfter)
			.isEqualTo(250 * MB);
		assertThat(status.heldFlags()).containsOnlyKeys("G1PeriodicGCInterval");
	}

	@Test
	void serialCollectsUpToFourTimesInARowBecauseItDampsItsShrink() {
		this.heap.onCollect = (committed) -> committed - 100 * MB;
		this.controller = started(CollectorKind.SERIAL, "400MB");
		this.controller.tick(sample(950 * MB));
		assertThat(this.heap.collections).isEqualTo(4);
		assertThat(this.controller.status().forcedLastMinute()).isEqualTo(4);
	}

	@Test
	void aCollectionThatMovesNothingTwiceBacksOff() {
		this.heap.onCollect = (committed) -> committed;
		this.controller = started(CollectorKind.G1, "400MB");
		for (int i = 0; i < 8; i++) {
			this.controller.tick(sample(950 * MB));
			this.nanos += Duration.ofSeconds(1).toNanos();
		}
		// Collect, judge (no effect), collect, judge (no effect): then 10 s of back-off.
		assertThat(this.heap.collections).isEqualTo(2);
		assertThat(this.controller.status().reason()).contains("backing off");
	}

	@Test
	void aLiveSetAboveTheTargetIsUnreachableWithTheFigures() {
		this.heap.live = 500 * MB;
		this.heap.onCollect = (committed) -> 520 * MB;
		this.controller = started(CollectorKind.G1, "400MB");
		for (int i = 0; i < 6; i++) {
			this.controller.tick(sample(600 * MB));
			this.nanos += Duration.ofSeconds(1).toNanos();
		}
		SoftLimitStatus status = this.controller.status();
		assertThat(status.state()).isEqualTo(SoftLimitState.UNREACHABLE);
		assertThat(status.reason()).startsWith("live set 500 MB + non-heap ").endsWith(" > target 400 MB");
		int collections = this.heap.collections;
		for (int i = 0; i < 20; i++) {
			this.controller.tick(sample(600 * MB));
			this.nanos += Duration.ofSeconds(1).toNanos();
		}
		assertThat(this.heap.collections).as("no thrash: one probe in 30 s at most")
			.isLessThanOrEqualTo(collections + 1);
	}

	@Test
	void zgcHoldsSoftMaxHeapSizeAtTheBudgetButNeverNearTheLiveSet() {
		this.controller = started(CollectorKind.ZGC, "400MB");
		this.controller.tick(sample(900 * MB));
		long softMax = Long.parseLong(this.flags.values.get("SoftMaxHeapSize"));
		assertThat(softMax).isLessThan(400 * MB).isGreaterThanOrEqualTo(2 * 60 * MB);
		assertThat(this.controller.heldFlags()).containsEntry("SoftMaxHeapSize", Long.toString(1024 * MB));
	}

	@Test
	void zgcWithTheDefaultUncommitDelaySaysWhyItLeavesTheHeapAndStillTrims() {
		nativeGrowsUnderZgcThatLeavesTheHeap();
		assertThat(this.heap.collections).isZero();
		assertThat(this.heap.trims).isOne();
		assertThat(this.controller.status().reason()).contains("ZUncommitDelay (300 s)")
			.contains("-XX:ZUncommitDelay=1");
	}

	@Test
	void aTrimWhileMemoryGrewSaysItReleasedNothingNotANegativeSize() {
		this.heap.trimReleases = -32 * 1024;
		nativeGrowsUnderZgcThatLeavesTheHeap();
		assertThat(this.heap.trims).isOne();
		SoftLimitStatus.Action trim = this.controller.status()
			.actions()
			.stream()
			.filter((action) -> action.kind().equals("trim"))
			.findFirst()
			.orElseThrow();
		assertThat(trim.detail()).isEqualTo("released nothing");
		assertThat(trim.chargedAfter()).isEqualTo((Long) trim.chargedBefore());
	}

	// ZGC with its default ZUncommitDelay: the heap is not the controller's to shrink,
	// and the native part grows 200 MB in a second, which asks for a trim.
	private void nativeGrowsUnderZgcThatLeavesTheHeap() {
		this.flags.with("ZUncommitDelay", 300);
		this.controller = started(CollectorKind.ZGC, "400MB");
		this.heap.nonHeapCommitted = 100 * MB;
		this.controller.tick(sample(900 * MB));
		this.heap.nonHeapCommitted = 300 * MB;
		this.nanos += Duration.ofSeconds(1).toNanos();
		this.controller.tick(sample(1100 * MB));
	}

	@Test
	void aFlagChangedUnderItIsLetGoAndLeftAlone() {
		this.controller = started(CollectorKind.ZGC, "400MB");
		this.controller.tick(sample(900 * MB));
		this.flags.values.put("SoftMaxHeapSize", "800000000");
		this.nanos += Duration.ofSeconds(30).toNanos();
		this.controller.tick(sample(900 * MB));
		assertThat(this.controller.status().releasedFlags()).containsExactly("SoftMaxHeapSize");
		assertThat(this.controller.heldFlags()).doesNotContainKey("SoftMaxHeapSize");
		this.controller.removeTarget();
		assertThat(this.flags.values).containsEntry("SoftMaxHeapSize", "800000000");
	}

	@Test
	void removingTheTargetRestoresEveryFlagItChanged() {
		this.controller = started(CollectorKind.G1, "400MB");
		assertThat(this.flags.values).containsEntry("G1PeriodicGCInterval",
				SoftLimitController.PERIODIC_INTERVAL_MILLIS);
		SoftLimitStatus status = this.controller.removeTarget();
		assertThat(this.flags.values).containsEntry("G1PeriodicGCInterval", "0");
		assertThat(status.state()).isEqualTo(SoftLimitState.OFF);
		assertThat(status.heldFlags()).isEmpty();
	}

	@Test
	void aWriteOfAFlagItHoldsIsRefusedNamingTheParameterTheFlagAndTheTarget() {
		this.controller = started(CollectorKind.G1, "400MB");
		assertThat(this.controller.refusalFor(new HeapSettings(10, null, null))).isNull();
		assertThat(this.controller.refusalFor(new HeapSettings(10, 30, Duration.ofMinutes(1))))
			.isEqualTo(new Refusal.HeldBySoftLimit(HeapSettings.G1_PERIODIC_GC_INTERVAL, "G1PeriodicGCInterval", TARGET,
					"400MB"));
		this.controller.removeTarget();
		assertThat(this.controller.refusalFor(new HeapSettings(10, 30, Duration.ofMinutes(1)))).isNull();
	}

	@Test
	void itsCollectionsNeitherStartNorWaitForTheUsersCooldown() {
		this.guard.run(PausingOperation.RECLAIM, () -> true, (ran) -> true);
		this.controller = started(CollectorKind.G1, "400MB");
		this.controller.tick(sample(950 * MB));
		assertThat(this.heap.collections).isOne();
		PauseGuard fresh = new PauseGuard(Duration.ofSeconds(60));
		this.controller.close();
		this.flags = FakeFlags.g1();
		this.controller = new SoftLimitController(SoftLimitSettings.defaults(TARGET), CollectorKind.G1, false,
				this.heap, this.flags, fresh, MemoryWatch.shared(this.root), this::snapshot, this.root,
				Clock.fixed(NOW, ZoneOffset.UTC), 2);
		this.controller.setTarget("400MB");
		this.heap.committed = 900 * MB;
		this.controller.tick(sample(950 * MB));
		assertThat(fresh.run(PausingOperation.RECLAIM, () -> "ran", (ran) -> true))
			.isInstanceOf(PauseGuard.Admission.Ran.class);
	}

	@Test
	void aSecondControllerInTheJvmIsRefused() {
		this.controller = started(CollectorKind.G1, "400MB");
		this.other = controller(CollectorKind.G1, "cgroup-v1-hybrid-limited");
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> this.other.setTarget("300MB"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(SoftLimitException.Kind.CONFLICT))
			.withMessageContaining("another application context in this JVM keeps the soft limit");
		assertThat(this.other.status().state()).isEqualTo(SoftLimitState.OFF);
	}

	@Test
	void aTargetAtTheLimitIsRefusedNamingTheSetting() {
		this.controller = controller(CollectorKind.G1, "cgroup-v1-hybrid-limited");
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> this.controller.setTarget("512MB"))
			.withMessage("'" + TARGET + "' (512 MB) must be below the effective memory limit (512 MB): at the limit "
					+ "the kernel kills before a soft limit can act");
		assertThat(this.flags.writes).isEmpty();
	}

	@Test
	void aTargetBelowTheFloorIsRefusedWithTheFloor() {
		this.controller = controller(CollectorKind.G1, "cgroup-v1-hybrid-limited");
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> this.controller.setTarget("20MB"))
			.withMessageStartingWith("'" + TARGET + "' (20.0 MB) is below the floor this JVM can be brought down to: "
					+ "initial heap 8.0 MB + non-heap ");
	}

	@Test
	void aShareWithoutALimitIsRefused() {
		this.controller = controller(CollectorKind.G1, "cgroup-v1-hybrid-unlimited");
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> this.controller.setTarget("85%"))
			.withMessageContaining("is a share of the memory limit (85%), but this process has none");
	}

	@Test
	void aShareIsOfTheEffectiveLimit() {
		this.controller = started(CollectorKind.G1, "50%");
		assertThat(this.controller.status().target()).isEqualTo(256 * MB);
		assertThat(this.controller.status().targetText()).isEqualTo("50%");
	}

	@Test
	void epsilonIsRefused() {
		this.controller = controller(CollectorKind.EPSILON, "cgroup-v1-hybrid-limited");
		assertThatExceptionOfType(SoftLimitException.class).isThrownBy(() -> this.controller.setTarget("400MB"))
			.withMessageContaining("cannot be kept under Epsilon");
	}

	@Test
	void withoutProcTheStateIsOffWithTheReason() {
		this.controller = controller(CollectorKind.G1, null);
		SoftLimitStatus status = this.controller.setTarget("400MB");
		assertThat(status.state()).isEqualTo(SoftLimitState.OFF);
		assertThat(status.reason()).startsWith("charged memory cannot be read here");
		assertThat(this.flags.writes).isEmpty();
	}

	@Test
	void parallelWithoutResizeAfterARequestedCollectionSaysSoAndOnlyTrims() {
		this.controller = started(CollectorKind.PARALLEL, "400MB");
		this.controller.tick(sample(950 * MB));
		assertThat(this.heap.collections).isZero();
		assertThat(this.controller.status().unavailable())
			.anySatisfy((means) -> assertThat(means).contains("-XX:+UseAdaptiveSizePolicyWithSystemGC"));
		assertThat(this.controller.status().reason()).contains("the heap cannot be shrunk here");
	}

	@Test
	void whenTheGcCpuBudgetIsSpentItStopsTighteningAndSaysSo() throws IOException {
		Path task = Files.createDirectories(this.root.resolve("proc/self/task/7"));
		Files.writeString(task.resolve("comm"), "GC Thread#0\n");
		this.controller = started(CollectorKind.G1, "400MB");
		long ticks = 0;
		for (int i = 0; i < 4; i++) {
			// 1.5 CPU-seconds of GC in each second on 2 CPUs: 75 %.
			ticks += 150;
			Files.writeString(task.resolve("stat"),
					"7 (GC Thread#0) S 1 1 1 0 -1 4194368 0 0 0 0 " + ticks + " 0 0 0 20 0 1 0 100 0 0\n");
			this.controller.tick(sample(350 * MB));
			this.nanos += Duration.ofSeconds(1).toNanos();
		}
		SoftLimitStatus status = this.controller.status();
		assertThat(status.state()).isEqualTo(SoftLimitState.THROTTLED);
		assertThat(status.throttles()).isOne();
		assertThat(status.reason()).contains("the budget (10%) is spent");
		assertThat(status.gcCpuShareLastMinute()).isGreaterThan(0.5);
	}

	private SoftLimitController started(CollectorKind collector, String target) {
		SoftLimitController started = controller(collector, "cgroup-v1-hybrid-limited");
		started.setTarget(target);
		return started;
	}

	private SoftLimitController controller(CollectorKind collector, @Nullable String fixture) {
		this.fixture = fixture;
		return new SoftLimitController(SoftLimitSettings.defaults(TARGET), collector, false, this.heap, this.flags,
				this.guard, MemoryWatch.shared(this.root), this::snapshot, this.root, Clock.fixed(NOW, ZoneOffset.UTC),
				2);
	}

	private @Nullable String fixture = "cgroup-v1-hybrid-limited";

	// The fixture's process and cgroup with a heap of 64 MB committed.
	private GaugeSnapshot snapshot() {
		String name = this.fixture;
		GaugeSnapshot fixed = ((name != null) ? TestSnapshots.snapshotter(name)
				: TestSnapshots.snapshotter(this.root, new LiveSetTracker(16, Clock.systemUTC(), Set.of())))
			.capture();
		JvmMemory jvm = fixed.jvm();
		JvmMemory sized = new JvmMemory(32 * MB, 64 * MB, OptionalLong.of(1024 * MB), List.of(), List.of(), List.of(),
				jvm.threads(), jvm.daemonThreads(), jvm.peakThreads());
		return new GaugeSnapshot(fixed.capturedAt(), fixed.process(), sized, fixed.gc(), fixed.container());
	}

	private ChargedMemory sample(long charged) {
		return new ChargedMemory(NOW, this.nanos, charged, Reading.unavailable("a test"), 0, 0, 0);
	}

}
