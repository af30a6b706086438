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

import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.kernel.SmapsRollup;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;

/**
 * Builds a {@link DiagnosisInput} from a full capture.
 *
 * @since 0.1.0
 */
public final class DiagnosisInputs {

	private DiagnosisInputs() {
	}

	/**
	 * Build the input.
	 * @param gauge the freshest gauge-depth snapshot (its live-set history is newer than
	 * the full capture's)
	 * @param full the full capture
	 * @param breakdown the breakdown computed from it
	 * @param vmFlags the heap-sizing flags, by name
	 * @param profiling what allocation profiling says about a suspected leak
	 * @return the input
	 */
	public static DiagnosisInput of(GaugeSnapshot gauge, FullSnapshot full, Reading<RssBreakdown> breakdown,
			Map<String, String> vmFlags, LeakEvidence profiling) {
		SmapsRollup rollup = full.rollup().orNull();
		OptionalLong lazyFree = (rollup != null) ? rollup.lazyFree() : OptionalLong.empty();
		HeapMappings heap = full.heap().orNull();
		DiagnosisInput.NmtState nmt = full.nmt().isAvailable() ? DiagnosisInput.NmtState.ON
				: (full.nmt().cause() == Reading.Cause.NOT_ENABLED) ? DiagnosisInput.NmtState.OFF
						: DiagnosisInput.NmtState.UNKNOWN;
		return new DiagnosisInput(gauge, breakdown.orNull(), lazyFree, heap != null && heap.isMultiMapped(), nmt,
				vmFlags, profiling);
	}

}
