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

package io.github.memoryactuator.health;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MemoryHealthCheck}.
 */
class MemoryHealthCheckTests {

	private static final long LIMIT = 512L * 1024 * 1024;

	// cgroup v2, 512 MB limit: usage 178.6 MB less 60 MB of inactive page cache is a
	// working set of 118.6 MB, above RSS (102.1 MB), so the working set is what counts.
	private final GaugeSnapshot v2 = TestSnapshots.snapshotter("cgroup-v2-container-limited").capture();

	// cgroup v1, 512 MB limit: RSS (100.4 MB) is above the working set (81.6 MB).
	private final GaugeSnapshot v1 = TestSnapshots.snapshotter("cgroup-v1-hybrid-limited").capture();

	@Test
	void belowTheThresholdIsHealthyWithRssTheLimitTheShareAndTheVerdict() {
		MemoryHealth health = check(0.9, this.v2);
		assertThat(health.aboveThreshold()).isFalse();
		assertThat(health.details()).containsExactly(entry("rss", 104516L * 1024), entry("limit", LIMIT),
				entry("used", 187326464L - 62914560L), entry("share", 0.232), entry("threshold", 0.9),
				entry("verdict", "No leak."));
	}

	@Test
	void theWorkingSetOrRssWhicheverIsLargerIsWeighedAgainstTheLimit() {
		assertThat(check(0.9, this.v1).details()).containsEntry("used", 102804L * 1024).containsEntry("share", 0.196);
		assertThat(check(0.9, this.v2).details()).containsEntry("used", 187326464L - 62914560L);
	}

	@Test
	void atAndAboveTheThresholdIsUnhealthy() {
		assertThat(check(0.23, this.v2).aboveThreshold()).isTrue();
		assertThat(check(0.24, this.v2).aboveThreshold()).isFalse();
		assertThat(check(0.19, this.v1).aboveThreshold()).isTrue();
		assertThat(check(0.2, this.v1).aboveThreshold()).isFalse();
	}

	@Test
	void withoutALimitIsHealthyAndSaysThereIsNone() {
		for (String fixture : new String[] { "cgroup-v2-container-unlimited", "cgroup-v1-hybrid-unlimited" }) {
			MemoryHealth health = check(0.01, TestSnapshots.snapshotter(fixture).capture());
			assertThat(health.aboveThreshold()).as(fixture).isFalse();
			assertThat(health.details()).as(fixture)
				.containsEntry("noLimit", LimitUse.NO_LIMIT)
				.doesNotContainKeys("limit", "used", "share")
				.containsKey("rss");
		}
	}

	@Test
	void withoutACgroupIsHealthyAndSaysWhy() {
		MemoryHealth health = check(0.01, TestSnapshots.snapshotter("no-cgroup").capture());
		assertThat(health.aboveThreshold()).isFalse();
		assertThat((String) health.details().get("noLimit")).isNotBlank().isNotEqualTo(LimitUse.NO_LIMIT);
	}

	@Test
	void theFindingsWorthAWarningAreInTheDetailsByCode() {
		MemoryHealth health = new MemoryHealthCheck(0.9, () -> this.v1, (s) -> "No leak.",
				(s) -> java.util.Map.of("HEAP_MAX_ABOVE_LIMIT", "The heap may grow to 2.0 GB but ..."))
			.check();
		assertThat(health.details()).containsEntry("findings",
				java.util.Map.of("HEAP_MAX_ABOVE_LIMIT", "The heap may grow to 2.0 GB but ..."));
		assertThat(check(0.9, this.v1).details()).as("none: no key").doesNotContainKey("findings");
	}

	@Test
	void thresholdOutsideZeroToOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryHealthCheck(0, () -> this.v1, (s) -> ""))
			.withMessageContaining("'threshold'");
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryHealthCheck(1.01, () -> this.v1, (s) -> ""))
			.withMessageContaining("'threshold'");
	}

	private MemoryHealth check(double threshold, GaugeSnapshot snapshot) {
		return new MemoryHealthCheck(threshold, () -> snapshot, (s) -> "No leak.").check();
	}

	private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
		return java.util.Map.entry(key, value);
	}

}
