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

package io.github.memoryactuator.tuning;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HeapTuning}.
 */
class HeapTuningTests {

	private final FakeVmFlags flags = new FakeVmFlags();

	private final HeapTuning g1 = new HeapTuning(this.flags, CollectorKind.G1);

	@Test
	void currentReadsTheThreeFlags() {
		assertThat(this.g1.current()).isEqualTo(new HeapSettings(40, 70, Duration.ZERO));
	}

	@Test
	void currentLeavesAFlagThatCannotBeReadNull() {
		this.flags.values.remove("G1PeriodicGCInterval");
		assertThat(this.g1.current()).isEqualTo(new HeapSettings(40, 70, null));
	}

	@Test
	void loweringBothWritesMinFirst() {
		assertThat(this.g1.apply(new HeapSettings(0, 10, null))).isEqualTo(new HeapSettings(0, 10, Duration.ZERO));
		assertThat(this.flags.writes).containsExactly("MinHeapFreeRatio=0", "MaxHeapFreeRatio=10");
	}

	@Test
	void raisingBothAboveTheCurrentMaxWritesMaxFirst() {
		this.g1.apply(new HeapSettings(80, 90, null));
		assertThat(this.flags.writes).containsExactly("MaxHeapFreeRatio=90", "MinHeapFreeRatio=80");
	}

	@Test
	void everyValidPairIsAppliedFromEveryValidStart() {
		int[] points = { 0, 10, 40, 50, 70, 90, 100 };
		for (int fromMin : points) {
			for (int fromMax : points) {
				for (int toMin : points) {
					for (int toMax : points) {
						if (fromMin > fromMax || toMin > toMax) {
							continue;
						}
						this.flags.values.put("MinHeapFreeRatio", Integer.toString(fromMin));
						this.flags.values.put("MaxHeapFreeRatio", Integer.toString(fromMax));
						HeapSettings after = this.g1.apply(new HeapSettings(toMin, toMax, null));
						assertThat(after.minHeapFreeRatio()).as("%d/%d -> %d/%d", fromMin, fromMax, toMin, toMax)
							.isEqualTo(toMin);
						assertThat(after.maxHeapFreeRatio()).isEqualTo(toMax);
					}
				}
			}
		}
	}

	@Test
	void unchangedValuesAreNotWritten() {
		this.g1.apply(new HeapSettings(40, 20 + 50, Duration.ZERO));
		assertThat(this.flags.writes).isEmpty();
	}

	@Test
	void periodicIntervalIsWrittenInMilliseconds() {
		this.g1.apply(new HeapSettings(null, null, Duration.ofSeconds(30)));
		assertThat(this.flags.writes).containsExactly("G1PeriodicGCInterval=30000");
	}

	@Test
	void outOfRangeIsInvalidAndNamesTheParameter() {
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.apply(new HeapSettings(101, null, null)))
			.withMessage("'minHeapFreeRatio' must be between 0 and 100, but was 101")
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.INVALID))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("minHeapFreeRatio"));
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.check(new HeapSettings(null, -1, null)))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("maxHeapFreeRatio"));
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.check(new HeapSettings(null, null, Duration.ofMillis(-1))))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("g1PeriodicGcInterval"));
		assertThat(this.flags.writes).isEmpty();
	}

	@Test
	void periodicIntervalBelowTheFloorIsInvalidAndZeroStillTurnsItOff() {
		for (Duration tooShort : new Duration[] { Duration.ofMillis(1), Duration.ofNanos(1),
				Duration.ofMillis(9_999) }) {
			assertThatExceptionOfType(TuningException.class)
				.isThrownBy(() -> this.g1.check(new HeapSettings(null, null, tooShort)))
				.withMessageStartingWith("'g1PeriodicGcInterval' must be 0 (off) or at least 10s, but was ")
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.INVALID))
				.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("g1PeriodicGcInterval"));
		}
		assertThat(this.flags.writes).isEmpty();
		this.g1.apply(new HeapSettings(null, null, Duration.ofSeconds(10)));
		this.g1.apply(new HeapSettings(null, null, Duration.ZERO));
		assertThat(this.flags.writes).containsExactly("G1PeriodicGCInterval=10000", "G1PeriodicGCInterval=0");
	}

	@Test
	void minAboveMaxIsInvalid() {
		assertThatExceptionOfType(TuningException.class).isThrownBy(() -> this.g1.apply(new HeapSettings(50, 40, null)))
			.withMessageContaining("'minHeapFreeRatio' (50) must not be greater than 'maxHeapFreeRatio' (40)")
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.INVALID));
	}

	@Test
	void aSingleValueIsCheckedAgainstTheOtherFlagsCurrentValue() {
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.apply(new HeapSettings(80, null, null)))
			.withMessage("'minHeapFreeRatio' (80) must not be greater than the current MaxHeapFreeRatio (70)")
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.INVALID));
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.apply(new HeapSettings(null, 30, null)))
			.withMessage("'maxHeapFreeRatio' (30) must not be less than the current MinHeapFreeRatio (40)");
		assertThat(this.flags.writes).isEmpty();
	}

	@Test
	void ratiosUnderZgcShenandoahOrEpsilonAreAConflict() {
		for (CollectorKind kind : new CollectorKind[] { CollectorKind.ZGC, CollectorKind.SHENANDOAH,
				CollectorKind.EPSILON }) {
			HeapTuning tuning = new HeapTuning(this.flags, kind);
			assertThatExceptionOfType(TuningException.class)
				.isThrownBy(() -> tuning.apply(new HeapSettings(0, 10, null)))
				.withMessageStartingWith(kind.displayName() + " ignores MinHeapFreeRatio and MaxHeapFreeRatio")
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.CONFLICT));
		}
		assertThat(this.flags.writes).isEmpty();
	}

	@Test
	void sizingFlagsAreTheOnesTheRunningCollectorHonoursThatCanBeRead() {
		this.flags.values.put("InitialHeapSize", "16777216");
		assertThat(this.g1.sizingFlags()).containsExactly(Map.entry("MinHeapFreeRatio", "40"),
				Map.entry("MaxHeapFreeRatio", "70"), Map.entry("InitialHeapSize", "16777216"),
				Map.entry("G1PeriodicGCInterval", "0"));
		assertThat(new HeapTuning(this.flags, CollectorKind.ZGC).sizingFlags())
			.containsExactly(Map.entry("InitialHeapSize", "16777216"), Map.entry("ZUncommitDelay", "300"));
		this.flags.values.remove("InitialHeapSize");
		assertThat(new HeapTuning(this.flags, CollectorKind.SHENANDOAH).sizingFlags()).isEmpty();
	}

	@Test
	void periodicIntervalUnderAnotherCollectorIsAConflict() {
		HeapTuning parallel = new HeapTuning(this.flags, CollectorKind.PARALLEL);
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> parallel.apply(new HeapSettings(null, null, Duration.ofSeconds(30))))
			.withMessage("G1PeriodicGCInterval only has an effect under G1; this JVM runs Parallel")
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("g1PeriodicGcInterval"));
		assertThat(parallel.apply(new HeapSettings(10, 20, null)).maxHeapFreeRatio()).isEqualTo(20);
	}

	@Test
	void aRefusedSecondWriteRollsBackTheFirst() {
		this.flags.refused.add("MaxHeapFreeRatio");
		assertThatExceptionOfType(TuningException.class).isThrownBy(() -> this.g1.apply(new HeapSettings(0, 10, null)))
			.withMessageContaining("the JVM refused MaxHeapFreeRatio=10")
			.withMessageContaining("set back")
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.CONFLICT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("maxHeapFreeRatio"));
		assertThat(this.flags.writes).containsExactly("MinHeapFreeRatio=0", "MinHeapFreeRatio=40");
		assertThat(this.g1.current()).isEqualTo(new HeapSettings(40, 70, Duration.ZERO));
	}

	@Test
	void aRefusedPeriodicIntervalRollsBackBothRatios() {
		this.flags.refused.add("G1PeriodicGCInterval");
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.apply(new HeapSettings(80, 90, Duration.ofSeconds(5))));
		assertThat(this.g1.current()).isEqualTo(new HeapSettings(40, 70, Duration.ZERO));
	}

	@Test
	void unreadableCurrentRatiosAreAConflict() {
		this.flags.values.remove("MaxHeapFreeRatio");
		assertThatExceptionOfType(TuningException.class)
			.isThrownBy(() -> this.g1.apply(new HeapSettings(10, null, null)))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(TuningException.Kind.CONFLICT));
	}

	@Test
	void thePlatformFlagsCanBeReadAndSetBack() {
		HeapTuning platform = HeapTuning.platform();
		HeapSettings current = platform.current();
		assertThat(current.minHeapFreeRatio()).isBetween(0, 100);
		assertThat(current.maxHeapFreeRatio()).isBetween(current.minHeapFreeRatio(), 100);
		HeapSettings ratios = new HeapSettings(current.minHeapFreeRatio(), current.maxHeapFreeRatio(), null);
		if (platform.collector().usesFreeRatios()) {
			assertThat(platform.apply(ratios)).isEqualTo(current);
		}
	}

}
