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
 * Tests for {@link NonHeapEstimate}.
 */
class NonHeapEstimateTests {

	private static final long MB = 1024 * 1024;

	private static final long SECOND = SoftLimitController.SECOND;

	private final NonHeapEstimate estimate = new NonHeapEstimate();

	@Test
	void aHeapThatShrankButIsStillResidentIsNotCountedAsNonHeap() {
		// 1 GB committed and resident, 100 MB of non-heap memory.
		for (int i = 0; i < 5; i++) {
			assertThat(this.estimate.update(i * SECOND, 1124 * MB, 1024 * MB, 60 * MB)).isEqualTo(100 * MB);
		}
		// A collection shrank the heap to 450 MB; the memory goes back over 2 s.
		assertThat(this.estimate.update(5 * SECOND, 1124 * MB, 450 * MB, 60 * MB)).isEqualTo(100 * MB);
		assertThat(this.estimate.update(6 * SECOND, 900 * MB, 450 * MB, 60 * MB)).isEqualTo(100 * MB);
		assertThat(this.estimate.update(7 * SECOND, 550 * MB, 450 * MB, 60 * MB)).isEqualTo(100 * MB);
		// Once the larger heap is out of the window, the bound is read against the new
		// one.
		assertThat(this.estimate.update(20 * SECOND, 560 * MB, 450 * MB, 60 * MB)).isEqualTo(110 * MB);
	}

	@Test
	void nativeMemoryRetainedRightAfterAHeapShrinkIsSeenWithinTwoSeconds() {
		for (int i = 0; i < 5; i++) {
			this.estimate.update(i * SECOND, 1124 * MB, 1024 * MB, 60 * MB);
		}
		// The heap went back at once; a native burst left 300 MB with glibc.
		assertThat(this.estimate.update(5 * SECOND, 550 * MB, 450 * MB, 60 * MB)).isEqualTo(100 * MB);
		this.estimate.update(6 * SECOND, 850 * MB, 450 * MB, 60 * MB);
		assertThat(this.estimate.update(7 * SECOND, 850 * MB, 450 * MB, 60 * MB)).isEqualTo(400 * MB);
	}

	@Test
	void aHeapCommittedButNotTouchedKeepsTheRecentBoundThenTheNonHeapPools() {
		this.estimate.update(0, 400 * MB, 300 * MB, 60 * MB);
		// G1 committed 500 MB more than it touched: the bound drops to 0.
		assertThat(this.estimate.update(2 * SECOND, 420 * MB, 800 * MB, 60 * MB)).isEqualTo(100 * MB);
		assertThat(this.estimate.update(11 * SECOND, 430 * MB, 800 * MB, 60 * MB)).isEqualTo(60 * MB);
		assertThat(this.estimate.low()).isEqualTo(60 * MB);
	}

	@Test
	void theEstimateIsNeverAboveTheChargedMemory() {
		assertThat(this.estimate.update(0, 40 * MB, 10 * MB, 60 * MB)).isEqualTo(40 * MB);
	}

}
