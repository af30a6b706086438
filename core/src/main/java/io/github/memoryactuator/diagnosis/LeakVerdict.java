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

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.GaugeSnapshot;

/**
 * The leak verdict of the latest history sample, for gauges that an alert reads: the
 * trends are gathered once per sample it is handed, on the sampler's thread, and a scrape
 * only reads what they say. So a scrape never gathers evidence, let alone takes a full
 * capture, however often it comes. The leak flags are the trends' own, so no diagnosis
 * runs for them.
 *
 * @since 0.1.0
 */
public final class LeakVerdict implements Consumer<GaugeSnapshot> {

	static final String NOT_YET = "no history sample has been diagnosed yet";

	private final EvidenceGatherer gatherer;

	private volatile @Nullable Evidence latest;

	/**
	 * Create a verdict that has seen no sample yet.
	 * @param gatherer what gathers the trends of each sample (with the memory history,
	 * whose breakdown points give the native trend)
	 */
	public LeakVerdict(EvidenceGatherer gatherer) {
		this.gatherer = gatherer;
	}

	/**
	 * Gather the trends of a sample and keep them.
	 * @param snapshot the sample
	 */
	@Override
	public void accept(GaugeSnapshot snapshot) {
		this.latest = this.gatherer.atGaugeDepth(snapshot);
	}

	/**
	 * Return whether the latest sample's diagnosis suspects a heap leak (the live set's
	 * trend).
	 * @return the verdict, or why there is none yet
	 */
	public Reading<Boolean> heapLeakSuspected() {
		Evidence evidence = this.latest;
		return (evidence != null) ? Reading.of(evidence.liveSetTrend().suspected())
				: Reading.unavailable(Reading.Cause.MISSING, NOT_YET);
	}

	/**
	 * Return whether the latest sample's diagnosis suspects a native leak (the history's
	 * native growth trend).
	 * @return the verdict, or why there is none yet
	 */
	public Reading<Boolean> nativeLeakSuspected() {
		Evidence evidence = this.latest;
		return (evidence != null) ? Reading.of(evidence.nativeTrend().suspected())
				: Reading.unavailable(Reading.Cause.MISSING, NOT_YET);
	}

}
