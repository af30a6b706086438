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

package io.github.memoryactuator.metrics;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.memoryactuator.probe.Reading;

/**
 * The leak verdict as two 0/1 gauges, for alerts: {@code jvm.memory.heap.leak.suspected}
 * (the live set's trend) and {@code process.memory.native.leak.suspected} (the history's
 * native growth trend). Both read a verdict taken at most once per history sample, never
 * on the scrape; {@code NaN} until the first sample has been diagnosed.
 *
 * @since 0.1.0
 */
public class LeakMetrics implements MeterBinder {

	// A 0/1 flag has no unit; the name's last word stands in for one, so that
	// Prometheus' naming (which appends the base unit) adds nothing.
	private static final String SUSPECTED = "suspected";

	private final Supplier<Reading<Boolean>> heapLeak;

	private final Supplier<Reading<Boolean>> nativeLeak;

	private final Iterable<Tag> tags;

	/**
	 * Create a binder.
	 * @param heapLeak whether a heap leak is suspected, or why it is not known yet
	 * @param nativeLeak whether a native leak is suspected, or why it is not known yet
	 * @param tags extra tags for both gauges
	 */
	public LeakMetrics(Supplier<Reading<Boolean>> heapLeak, Supplier<Reading<Boolean>> nativeLeak, Iterable<Tag> tags) {
		this.heapLeak = heapLeak;
		this.nativeLeak = nativeLeak;
		this.tags = tags;
	}

	/**
	 * Create a binder with no extra tags.
	 * @param heapLeak whether a heap leak is suspected, or why it is not known yet
	 * @param nativeLeak whether a native leak is suspected, or why it is not known yet
	 */
	public LeakMetrics(Supplier<Reading<Boolean>> heapLeak, Supplier<Reading<Boolean>> nativeLeak) {
		this(heapLeak, nativeLeak, Tags.empty());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		flag(registry, "jvm.memory.heap.leak.suspected", this.heapLeak,
				"1 when the live set's trend suspects a heap leak (it grew past the leak thresholds over the leak "
						+ "window), 0 when not; NaN until the first history sample is diagnosed");
		flag(registry, "process.memory.native.leak.suspected", this.nativeLeak,
				"1 when the memory history's native growth trend suspects a native leak (memory outside the heap "
						+ "grew past the leak thresholds over the leak window), 0 when not; NaN until the first "
						+ "history sample is diagnosed");
	}

	private void flag(MeterRegistry registry, String name, Supplier<Reading<Boolean>> verdict, String description) {
		Gauge.builder(name, verdict, LeakMetrics::value)
			.tags(this.tags)
			.description(description)
			.baseUnit(SUSPECTED)
			.strongReference(true)
			.register(registry);
	}

	private static double value(Supplier<Reading<Boolean>> verdict) {
		Boolean suspected = verdict.get().orNull();
		if (suspected == null) {
			return Double.NaN;
		}
		return suspected ? 1 : 0;
	}

}
