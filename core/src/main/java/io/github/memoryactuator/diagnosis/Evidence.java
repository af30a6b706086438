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

package io.github.memoryactuator.diagnosis;

import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * Everything a diagnosis reads, gathered once: the {@link Diagnostician} decides on this
 * record alone, so a verdict can be checked against a record built by hand, with no
 * history, profiler or capture behind it. {@link EvidenceGatherer} fills it from the
 * running process.
 *
 * @param snapshot the gauge-depth snapshot the figures of the verdict come from
 * @param liveSetTrend the live set's trend over the leak window
 * @param nativeTrend the native growth trend of the memory history over the leak window
 * @param profiling what allocation profiling says about heap growth
 * @param breakdown the RSS breakdown, or {@code null} without a full capture
 * @param lazyFree {@code LazyFree} of {@code smaps_rollup}: freed pages still in RSS
 * @param zgcMultiMapped whether ZGC maps the heap several times (JDK 17's ZGC)
 * @param nmt whether Native Memory Tracking is on
 * @param vmFlags the values of the flags that govern the heap's size, by name
 * @param softLimit the soft limit's status, or {@code null} without a controller
 * @since 0.1.0
 */
public record Evidence(GaugeSnapshot snapshot, LiveSetTrend liveSetTrend, NativeGrowthTrend nativeTrend,
		LeakEvidence profiling, @Nullable RssBreakdown breakdown, OptionalLong lazyFree, boolean zgcMultiMapped,
		NmtState nmt, Map<String, String> vmFlags, @Nullable SoftLimitStatus softLimit) {

	/**
	 * Return evidence with only what a gauge-depth snapshot and the trends give: no
	 * breakdown, no {@code smaps_rollup}, NMT not known, no flags, no soft limit.
	 * @param snapshot the snapshot
	 * @param liveSetTrend the live set's trend
	 * @param nativeTrend the native growth trend
	 * @param profiling what allocation profiling says
	 * @return the evidence
	 */
	public static Evidence of(GaugeSnapshot snapshot, LiveSetTrend liveSetTrend, NativeGrowthTrend nativeTrend,
			LeakEvidence profiling) {
		return new Evidence(snapshot, liveSetTrend, nativeTrend, profiling, null, OptionalLong.empty(), false,
				NmtState.UNKNOWN, Map.of(), null);
	}

	/**
	 * Return this evidence with what a full capture adds.
	 * @param breakdown the RSS breakdown, or {@code null} when it could not be computed
	 * @param lazyFree {@code LazyFree} of {@code smaps_rollup}
	 * @param zgcMultiMapped whether ZGC maps the heap several times
	 * @param nmt whether Native Memory Tracking is on
	 * @param vmFlags the heap-sizing flags, by name
	 * @return the evidence
	 */
	public Evidence withCapture(@Nullable RssBreakdown breakdown, OptionalLong lazyFree, boolean zgcMultiMapped,
			NmtState nmt, Map<String, String> vmFlags) {
		return new Evidence(this.snapshot, this.liveSetTrend, this.nativeTrend, this.profiling, breakdown, lazyFree,
				zgcMultiMapped, nmt, vmFlags, this.softLimit);
	}

	/**
	 * Return this evidence with the soft limit's status.
	 * @param softLimit the status, or {@code null} without a controller
	 * @return the evidence
	 */
	public Evidence withSoftLimit(@Nullable SoftLimitStatus softLimit) {
		return new Evidence(this.snapshot, this.liveSetTrend, this.nativeTrend, this.profiling, this.breakdown,
				this.lazyFree, this.zgcMultiMapped, this.nmt, this.vmFlags, softLimit);
	}

	/**
	 * Whether Native Memory Tracking is on.
	 *
	 * @since 0.1.0
	 */
	public enum NmtState {

		/**
		 * NMT printed a summary.
		 */
		ON,

		/**
		 * NMT is off ({@code -XX:NativeMemoryTracking} not given).
		 */
		OFF,

		/**
		 * Not known: the summary could not be read for another reason.
		 */
		UNKNOWN

	}

}
