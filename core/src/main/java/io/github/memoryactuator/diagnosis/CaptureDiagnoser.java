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

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshot;

/**
 * Diagnoses at full depth, for the endpoint: takes the rate-limited full capture,
 * computes its RSS breakdown, gathers the evidence and hands it to the
 * {@link Diagnostician}.
 *
 * @since 0.1.0
 */
public class CaptureDiagnoser {

	private final FullSnapshotCache fullSnapshots;

	private final EvidenceGatherer gatherer;

	/**
	 * Create a diagnoser.
	 * @param fullSnapshots the rate-limited full captures
	 * @param gatherer what gathers the evidence of a capture
	 */
	public CaptureDiagnoser(FullSnapshotCache fullSnapshots, EvidenceGatherer gatherer) {
		this.fullSnapshots = fullSnapshots;
		this.gatherer = gatherer;
	}

	/**
	 * Return the latest full capture, taking one when the cached one has expired or no
	 * longer matches the process's RSS.
	 * @param now the freshest gauge-depth snapshot
	 * @return the capture
	 * @see FullSnapshotCache#get(GaugeSnapshot)
	 */
	public FullSnapshot full(GaugeSnapshot now) {
		return this.fullSnapshots.get(now);
	}

	/**
	 * Drop the cached full capture, so that the next diagnosis takes a new one: after a
	 * reclaim, the cached one describes memory that is gone.
	 */
	public void invalidate() {
		this.fullSnapshots.invalidate();
	}

	/**
	 * Diagnose the memory at full depth.
	 * @param cached the gauge-depth snapshot the request read
	 * @return the gauge-depth snapshot that describes the same moment as the full
	 * capture, the capture, its breakdown and the diagnosis
	 */
	public DiagnosedCapture diagnose(GaugeSnapshot cached) {
		FullSnapshot full = full(cached);
		GaugeSnapshot gauge = FullSnapshotCache.freshest(cached, full);
		Reading<RssBreakdown> breakdown = BreakdownCalculator.compute(full);
		Diagnosis diagnosis = Diagnostician.diagnose(this.gatherer.atFullDepth(gauge, full, breakdown));
		return new DiagnosedCapture(gauge, full, breakdown, diagnosis);
	}

	/**
	 * A full capture, diagnosed.
	 *
	 * @param gauge the gauge-depth snapshot that describes the capture's moment (see
	 * {@link FullSnapshotCache#freshest})
	 * @param full the full capture
	 * @param breakdown RSS split into categories, or why it could not be
	 * @param diagnosis the verdict and the findings
	 */
	public record DiagnosedCapture(GaugeSnapshot gauge, FullSnapshot full, Reading<RssBreakdown> breakdown,
			Diagnosis diagnosis) {
	}

}
