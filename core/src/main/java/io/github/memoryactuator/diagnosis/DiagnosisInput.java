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

/**
 * What a diagnosis looks at.
 *
 * @param snapshot the gauge-depth snapshot, with the live-set history
 * @param breakdown the RSS breakdown, or {@code null} when no full capture is available
 * @param lazyFree {@code LazyFree} of {@code smaps_rollup}: freed pages still in RSS
 * @param zgcMultiMapped whether ZGC maps the heap several times (JDK 17's ZGC)
 * @param nmt whether Native Memory Tracking is on
 * @param vmFlags the values of the flags that govern the heap's size, by name
 * @param profiling what allocation profiling says about heap growth
 * @since 0.1.0
 */
public record DiagnosisInput(GaugeSnapshot snapshot, @Nullable RssBreakdown breakdown, OptionalLong lazyFree,
		boolean zgcMultiMapped, NmtState nmt, Map<String, String> vmFlags, LeakEvidence profiling) {

	/**
	 * Return an input with only the gauge-depth snapshot.
	 * @param snapshot the snapshot
	 * @return the input
	 */
	public static DiagnosisInput of(GaugeSnapshot snapshot) {
		return new DiagnosisInput(snapshot, null, OptionalLong.empty(), false, NmtState.UNKNOWN, Map.of(),
				LeakEvidence.off());
	}

	/**
	 * Return an input with the gauge-depth snapshot and what allocation profiling says.
	 * @param snapshot the snapshot
	 * @param profiling what allocation profiling says about heap growth
	 * @return the input
	 */
	public static DiagnosisInput of(GaugeSnapshot snapshot, LeakEvidence profiling) {
		return new DiagnosisInput(snapshot, null, OptionalLong.empty(), false, NmtState.UNKNOWN, Map.of(), profiling);
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
