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

import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PauseGrowth}.
 */
class PauseGrowthTests {

	private static final long MB = 1024 * 1024;

	private final PauseGrowth growth = new PauseGrowth();

	@Test
	void theLargestGrowthOfTheOldGenerationInOneOfTheLastCollectionsIsKept() {
		record("Copy", "Tenured Gen", 100, 180);
		record("MarkSweepCompact", "Tenured Gen", 180, 150);
		record("PS Scavenge", "PS Old Gen", 150, 170);
		assertThat(this.growth.largest()).isEqualTo(80 * MB);
		for (int i = 0; i < PauseGrowth.REMEMBERED - 1; i++) {
			record("G1 Young Generation", "G1 Old Gen", 200, 210);
		}
		assertThat(this.growth.largest()).as("the 80 MB are eight collections ago").isEqualTo(20 * MB);
		record("G1 Young Generation", "G1 Old Gen", 200, 210);
		assertThat(this.growth.largest()).isEqualTo(10 * MB);
	}

	@Test
	void theLatestYoungCollectionsShareOfTheYoungGenerationIsAppliedToItsSizeNow() {
		// It moved 60 of the 64 MB it found; the young generation has since grown to
		// 320 MB: the next one may move 300 MB.
		this.growth.record("Copy", Map.of("Eden Space", usage(64 * MB), "Tenured Gen", usage(100 * MB)),
				Map.of("Eden Space", usage(0), "Tenured Gen", usage(160 * MB)), 64 * MB);
		assertThat(this.growth.largest()).isEqualTo(60 * MB);
		this.growth.record("MarkSweepCompact", Map.of("Eden Space", usage(0), "Tenured Gen", usage(160 * MB)),
				Map.of("Eden Space", usage(0), "Tenured Gen", usage(158 * MB)), 320 * MB);
		assertThat(this.growth.largest()).isEqualTo(300 * MB);
		// Garbage: of 300 MB it found, it moved 3.
		this.growth.record("Copy", Map.of("Eden Space", usage(300 * MB), "Tenured Gen", usage(158 * MB)),
				Map.of("Eden Space", usage(0), "Tenured Gen", usage(161 * MB)), 320 * MB);
		assertThat(this.growth.largest()).as("the 60 MB it moved before").isEqualTo(60 * MB);
	}

	@Test
	void concurrentCollectorsAndOtherPoolsDoNotCount() {
		record("ZGC Major Cycles", "ZGC Old Generation", 100, 500);
		record("Shenandoah Cycles", "Shenandoah", 100, 500);
		record("G1 Concurrent GC", "G1 Old Gen", 100, 500);
		record("Copy", "Eden Space", 0, 300);
		assertThat(this.growth.largest()).isZero();
	}

	// Objects kept while the heap is small after a full collection are moved into the old
	// generation by the young collections (or the full one) that follow: in pieces whose
	// size depends on the young generation's, so only some growth is asked for.
	@Test
	void aRealCollectionThatMovesObjectsIntoTheOldGenerationIsMeasured() {
		this.growth.start();
		try {
			System.gc();
			List<byte[]> held = new ArrayList<>();
			for (int i = 0; i < 128; i++) {
				held.add(new byte[256 * 1024]);
			}
			System.gc();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.growth.largest() >= 2 * MB);
			assertThat(held).hasSize(128);
		}
		finally {
			this.growth.stop();
		}
	}

	private void record(String collector, String pool, long beforeMegabytes, long afterMegabytes) {
		this.growth.record(collector, Map.of(pool, usage(beforeMegabytes * MB)),
				Map.of(pool, usage(afterMegabytes * MB)), 0);
	}

	private static MemoryUsage usage(long used) {
		return new MemoryUsage(0, used, used, -1);
	}

}
