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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.probe.ProcStatus;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.MemorySnapshot;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PreOomWatch}.
 */
class PreOomWatchTests {

	private static final long MB = 1024 * 1024;

	// 512 MB limit; the cgroup's usage and working set are below 100 MB, so RSS decides.
	private final MemorySnapshot limited = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();

	private final List<String> warnings = new ArrayList<>();

	private final BreakdownPoint breakdown = new BreakdownPoint(Instant.parse("2026-01-01T00:00:00Z"), 470 * MB,
			Map.of(Category.JAVA_HEAP, 300 * MB, Category.MALLOC_RETAINED, 120 * MB, Category.THREAD_STACKS, 30 * MB,
					Category.MAPPED_FILES, 20 * MB),
			OptionalLong.empty(), OptionalLong.empty(), Map.of());

	private final PreOomWatch watch = new PreOomWatch(0.9, 0.05, (snapshot) -> "No leak.", () -> this.breakdown,
			this.warnings::add);

	@Test
	void warnsOnceWhenCrossingTheThresholdWithTheVerdictAndTheThreeLargestCategories() {
		this.watch.accept(rss(400 * MB));
		assertThat(this.warnings).isEmpty();
		this.watch.accept(rss(470 * MB));
		this.watch.accept(rss(480 * MB));
		assertThat(this.warnings).singleElement()
			.satisfies((warning) -> assertThat(warning)
				.startsWith("Memory is at 92% of the limit of 512 MB (RSS 470 MB, cgroup usage ")
				.endsWith("); the kernel kills the process at the limit. No leak. Largest at 2026-01-01T00:00:00Z: "
						+ "Java heap 300 MB, malloc free but retained by the allocator 120 MB, Thread stacks 30.0 MB."));
	}

	@Test
	void warnsAgainOnlyAfterFallingBelowTheThresholdByTheHysteresis() {
		this.watch.accept(rss(470 * MB));
		this.watch.accept(rss(450 * MB));
		this.watch.accept(rss(470 * MB));
		assertThat(this.warnings).hasSize(1);
		this.watch.accept(rss(400 * MB));
		this.watch.accept(rss(470 * MB));
		assertThat(this.warnings).hasSize(2);
	}

	@Test
	void withoutALimitThereIsNothingToWarnAbout() {
		MemorySnapshot unlimited = TestSnapshots.snapshotter("cgroup-v1-hybrid-unlimited").capture();
		this.watch.accept(new MemorySnapshot(unlimited.capturedAt(), status(100_000 * MB), unlimited.jvm(),
				unlimited.gc(), unlimited.container()));
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void rejectsAThresholdOrHysteresisThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PreOomWatch(1.5, 0.05, (snapshot) -> "", () -> null))
			.withMessage("'threshold' must be above 0 and at most 1, but was 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> new PreOomWatch(0.9, 0.95, (snapshot) -> "", () -> null))
			.withMessage("'hysteresis' must be at least 0 and below the threshold, but was 0.95");
	}

	private MemorySnapshot rss(long rss) {
		return new MemorySnapshot(this.limited.capturedAt(), status(rss), this.limited.jvm(), this.limited.gc(),
				this.limited.container());
	}

	private Reading<ProcStatus> status(long rss) {
		ProcStatus status = this.limited.process().orNull();
		return Reading.of(new ProcStatus(rss, status.rssAnon(), status.rssFile(), status.rssShmem(), status.swap(),
				status.peakRss(), status.threads()));
	}

}
