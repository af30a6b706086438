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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;

/**
 * Decides the memory health of the process from a gauge-depth snapshot: above the
 * threshold when the memory the kernel weighs against the effective limit (see
 * {@link LimitUse}) reaches the given share of it. Without a limit it is never above the
 * threshold, and says why. It reads only the cached gauge-depth snapshot and a verdict of
 * it: no smaps, NMT or GC runs because someone asked for health.
 *
 * @since 0.1.0
 */
public final class MemoryHealthCheck {

	private final double threshold;

	private final Supplier<GaugeSnapshot> snapshots;

	private final Function<GaugeSnapshot, String> verdicts;

	private final Function<GaugeSnapshot, Map<String, String>> findings;

	/**
	 * Create a check.
	 * @param threshold the share of the effective limit at and above which memory is
	 * unhealthy, above 0 and at most 1
	 * @param snapshots the gauge-depth snapshots (a cache: health may be polled often)
	 * @param verdicts the verdict for a snapshot, from a diagnosis without a full capture
	 */
	public MemoryHealthCheck(double threshold, Supplier<GaugeSnapshot> snapshots,
			Function<GaugeSnapshot, String> verdicts) {
		this(threshold, snapshots, verdicts, (snapshot) -> Map.of());
	}

	/**
	 * Create a check whose details also list what an operator should look at.
	 * @param threshold the share of the effective limit at and above which memory is
	 * unhealthy, above 0 and at most 1
	 * @param snapshots the gauge-depth snapshots (a cache: health may be polled often)
	 * @param verdicts the verdict for a snapshot, from a diagnosis without a full capture
	 * @param findings the findings of that diagnosis worth a warning, summary by code,
	 * such as a heap whose maximum does not fit the limit
	 */
	public MemoryHealthCheck(double threshold, Supplier<GaugeSnapshot> snapshots,
			Function<GaugeSnapshot, String> verdicts, Function<GaugeSnapshot, Map<String, String>> findings) {
		if (!(threshold > 0 && threshold <= 1)) {
			throw new IllegalArgumentException("'threshold' must be above 0 and at most 1, but was " + threshold);
		}
		this.threshold = threshold;
		this.snapshots = snapshots;
		this.verdicts = verdicts;
		this.findings = findings;
	}

	/**
	 * Check the memory health now.
	 * @return the health
	 */
	public MemoryHealth check() {
		return check(this.snapshots.get());
	}

	/**
	 * Check the memory health of a snapshot.
	 * @param snapshot the gauge-depth snapshot
	 * @return the health
	 */
	public MemoryHealth check(GaugeSnapshot snapshot) {
		Map<String, Object> details = new LinkedHashMap<>();
		Reading<ProcStatus> process = snapshot.process();
		if (process.isAvailable()) {
			details.put("rss", process.orNull().rss());
		}
		else {
			details.put("rssUnavailable", String.valueOf(process.reason()));
		}
		Reading<LimitUse> limitUse = LimitUse.of(snapshot);
		LimitUse use = limitUse.orNull();
		boolean above = false;
		if (use != null) {
			above = use.share() >= this.threshold;
			details.put("limit", use.limit());
			details.put("used", use.used());
			details.put("share", Math.round(use.share() * 1000) / 1000.0);
		}
		else {
			details.put("noLimit", String.valueOf(limitUse.reason()));
		}
		details.put("threshold", this.threshold);
		details.put("verdict", this.verdicts.apply(snapshot));
		Map<String, String> findings = this.findings.apply(snapshot);
		if (!findings.isEmpty()) {
			details.put("findings", Collections.unmodifiableMap(new LinkedHashMap<>(findings)));
		}
		return new MemoryHealth(above, details);
	}

}
