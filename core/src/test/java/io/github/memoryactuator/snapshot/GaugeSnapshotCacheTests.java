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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GaugeSnapshotCache}.
 */
class GaugeSnapshotCacheTests {

	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger captures = new AtomicInteger();

	private final GaugeSnapshotter snapshotter = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited");

	private GaugeSnapshotCache cache(Duration ttl) {
		return new GaugeSnapshotCache(() -> {
			this.captures.incrementAndGet();
			return this.snapshotter.capture();
		}, ttl, this.now::get);
	}

	@Test
	void readsWithinTheTimeToLiveShareOneCapture() {
		GaugeSnapshotCache cache = cache(Duration.ofMillis(250));
		GaugeSnapshot first = cache.get();
		this.now.addAndGet(Duration.ofMillis(249).toNanos());
		for (int i = 0; i < 13; i++) {
			assertThat(cache.get()).isSameAs(first);
		}
		assertThat(this.captures).hasValue(1);
	}

	@Test
	void aReadAfterTheTimeToLiveCapturesAgain() {
		GaugeSnapshotCache cache = cache(Duration.ofMillis(250));
		GaugeSnapshot first = cache.get();
		this.now.addAndGet(Duration.ofMillis(250).toNanos());
		assertThat(cache.get()).isNotSameAs(first);
		assertThat(this.captures).hasValue(2);
	}

	@Test
	void zeroTimeToLiveCapturesOnEveryRead() {
		GaugeSnapshotCache cache = cache(Duration.ZERO);
		cache.get();
		cache.get();
		assertThat(this.captures).hasValue(3);
	}

	@Test
	void refreshCapturesAndIsThenServed() {
		GaugeSnapshotCache cache = cache(Duration.ofSeconds(10));
		GaugeSnapshot fresh = cache.refresh();
		assertThat(cache.get()).isSameAs(fresh);
		assertThat(this.captures).hasValue(2);
	}

}
