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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GcCpuBucket}.
 */
class GcCpuBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void gcWithinTheBudgetNeverFillsIt() {
		GcCpuBucket bucket = new GcCpuBucket(0.10, 2);
		for (int i = 1; i <= 120; i++) {
			// 0.19 CPU-s of 2 CPU-s a second: 9.5 %.
			assertThat(bucket.add(i * SECOND, SECOND, 190_000_000L)).isFalse();
		}
		assertThat(bucket.throttles()).isZero();
		assertThat(bucket.shareLastMinute()).isCloseTo(0.095, org.assertj.core.data.Offset.offset(0.001));
	}

	@Test
	void aSpiralFillsItOnceAndItResumesAtHalf() {
		GcCpuBucket bucket = new GcCpuBucket(0.10, 2);
		// 26 % of the machine, ZGC 25's spiral: 0.52 CPU-s a second, 0.32 over.
		int second = 0;
		while (!bucket.add(++second * SECOND, SECOND, 520_000_000L)) {
			assertThat(second).isLessThan(10);
		}
		assertThat(second).isEqualTo(7);
		assertThat(bucket.throttles()).isOne();
		// No GC at all: drains 0.2 CPU-s a second, so below half of 2 CPU-s in the 6th;
		// but the minute's share (3.64 CPU-s) is under 10 % of the CPU time only after
		// 19 s in all.
		int idle = 0;
		while (bucket.add(++second * SECOND, SECOND, 0)) {
			idle++;
		}
		assertThat(idle).isEqualTo(11);
		assertThat(bucket.shareLastMinute()).isLessThan(0.10);
		assertThat(bucket.full()).isFalse();
		assertThat(bucket.throttles()).isOne();
	}

	@Test
	void forcedCollectionsThatOverflowItKeepTheMinutesShareNearTheBudget() {
		GcCpuBucket bucket = new GcCpuBucket(0.10, 2);
		// The application's own GC takes 6 % of the machine; every collection forced
		// while the bucket lets it costs 1.5 CPU-s, more than half of the bucket.
		long gc = 0;
		for (int second = 1; second <= 300; second++) {
			long spent = 120_000_000L;
			if (!bucket.full()) {
				spent += 1_500_000_000L;
			}
			bucket.add(second * SECOND, SECOND, spent);
			if (second > 60) {
				gc += spent;
			}
		}
		// At most one forced collection above the budget in any minute.
		assertThat(gc / (240.0 * 2 * SECOND)).isLessThan(0.10 + 1.5 / 120);
		assertThat(bucket.shareLastMinute()).isLessThan(0.10 + 1.5 / 120);
	}

	@Test
	void idleTimeEarnsNoCreditBeyondAnEmptyBucket() {
		GcCpuBucket bucket = new GcCpuBucket(0.10, 2);
		bucket.add(SECOND, 3600 * SECOND, 0);
		assertThat(bucket.fill()).isZero();
		assertThat(bucket.add(2 * SECOND, SECOND, 2_200_000_000L)).isTrue();
	}

}
