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

package io.github.memoryactuator.snapshot;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FullSnapshotCache}.
 */
class FullSnapshotCacheTests {

	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger captures = new AtomicInteger();

	private final MemorySnapshotter gauge = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited");

	private final FullSnapshotCache cache = new FullSnapshotCache(() -> {
		this.captures.incrementAndGet();
		return new FullSnapshot(this.gauge.capture(), Reading.unavailable("test"), Reading.unavailable("test"),
				Reading.unavailable("test"), Reading.unavailable("test"), Reading.unavailable("test"),
				Reading.unavailable("test"), Duration.ZERO);
	}, Duration.ofSeconds(10), this.now::get);

	@Test
	void nothingIsCapturedBeforeTheFirstRead() {
		assertThat(this.captures).hasValue(0);
	}

	@Test
	void readsWithinTheIntervalShareOneCaptureAndTheNextOneCapturesAgain() {
		FullSnapshot first = this.cache.get();
		this.now.addAndGet(Duration.ofMillis(9999).toNanos());
		assertThat(this.cache.get()).isSameAs(first);
		this.now.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(this.cache.get()).isNotSameAs(first);
		assertThat(this.captures).hasValue(2);
	}

	@Test
	void invalidateMakesTheNextReadCapture() {
		FullSnapshot first = this.cache.get();
		this.cache.invalidate();
		assertThat(this.cache.get()).isNotSameAs(first);
		assertThat(this.captures).hasValue(2);
	}

}
