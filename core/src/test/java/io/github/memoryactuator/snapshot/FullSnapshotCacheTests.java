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
import io.github.memoryactuator.probe.kernel.ProcStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FullSnapshotCache}.
 */
class FullSnapshotCacheTests {

	private static final long MB = 1024 * 1024;

	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger captures = new AtomicInteger();

	private final AtomicLong rss = new AtomicLong(200 * MB);

	private final FullSnapshotCache cache = new FullSnapshotCache(() -> {
		this.captures.incrementAndGet();
		return new FullSnapshot(gauge(this.rss.get()), Reading.unavailable("test"), Reading.unavailable("test"),
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
	void aCaptureWhoseRssIsMoreThanTenPercentOffIsReplacedOnceItIsASecondOld() {
		FullSnapshot first = this.cache.get(gauge(200 * MB));
		this.rss.set(3100 * MB);
		this.now.addAndGet(Duration.ofMillis(999).toNanos());
		assertThat(this.cache.get(gauge(3100 * MB))).as("within the floor").isSameAs(first);
		this.now.addAndGet(Duration.ofMillis(1).toNanos());
		FullSnapshot fresh = this.cache.get(gauge(3100 * MB));
		assertThat(fresh).isNotSameAs(first);
		assertThat(fresh.gauge().process().orNull().rss()).isEqualTo(3100 * MB);
		assertThat(this.captures).hasValue(2);
	}

	@Test
	void aCaptureWithinTenPercentIsServedUntilItExpires() {
		FullSnapshot first = this.cache.get(gauge(200 * MB));
		this.now.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThat(this.cache.get(gauge(219 * MB))).isSameAs(first);
		assertThat(this.cache.get(gauge(185 * MB))).isSameAs(first);
		assertThat(this.captures).hasValue(1);
	}

	@Test
	void aReportUsesTheFresherOfTheCachedSnapshotAndTheCapturesOwn() {
		GaugeSnapshot cached = gauge(200 * MB);
		FullSnapshot full = this.cache.get(cached);
		assertThat(FullSnapshotCache.freshest(cached, full)).isSameAs(full.gauge());
		GaugeSnapshot later = gauge(210 * MB);
		assertThat(FullSnapshotCache.freshest(later, full)).isSameAs(later);
	}

	@Test
	void aReportQuotesTheCapturesOwnSnapshotWhenRssMovedWithinTheFloor() {
		GaugeSnapshot cached = gauge(200 * MB);
		FullSnapshot full = this.cache.get(cached);
		// RSS moved 50% right after the capture: too soon to capture again, so the
		// report quotes the moment the breakdown describes
		GaugeSnapshot later = gauge(300 * MB);
		assertThat(this.cache.get(later)).isSameAs(full);
		assertThat(FullSnapshotCache.freshest(later, full)).isSameAs(full.gauge());
	}

	@Test
	void invalidateMakesTheNextReadCapture() {
		FullSnapshot first = this.cache.get();
		this.cache.invalidate();
		assertThat(this.cache.get()).isNotSameAs(first);
		assertThat(this.captures).hasValue(2);
	}

	private static GaugeSnapshot gauge(long rss) {
		GaugeSnapshot captured = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();
		ProcStatus status = captured.process().orNull();
		ProcStatus moved = new ProcStatus(rss, status.rssAnon(), status.rssFile(), status.rssShmem(), status.swap(),
				status.peakRss(), status.threads());
		return new GaugeSnapshot(captured.capturedAt(), Reading.of(moved), captured.jvm(), captured.gc(),
				captured.container());
	}

}
