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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import io.github.memoryactuator.reclaim.ReclaimListener;
import io.github.memoryactuator.reclaim.ReclaimReport;

/**
 * Meters for the reclaim operation: {@code jvm.memory.reclaims} counts completed
 * reclaims, and {@code jvm.memory.reclaim.released{step}} records what each released, in
 * bytes of RSS ({@code step} is {@code gc}, {@code trim} or {@code total}).
 *
 * @since 0.1.0
 */
public class ReclaimMetrics implements MeterBinder, ReclaimListener {

	private final Iterable<Tag> tags;

	private final CompositeMeterRegistry registries = new CompositeMeterRegistry();

	private final Counter reclaims;

	private final DistributionSummary gc;

	private final DistributionSummary trim;

	private final DistributionSummary total;

	/**
	 * Create meters with extra tags.
	 * @param tags extra tags for every meter
	 */
	public ReclaimMetrics(Iterable<Tag> tags) {
		this.tags = tags;
		// Reclaims are recorded once, into every registry this binder is bound to.
		this.reclaims = Counter.builder("jvm.memory.reclaims")
			.tags(tags)
			.description("Completed memory reclaims (POST /actuator/memory)")
			.baseUnit("reclaims")
			.register(this.registries);
		this.gc = released("gc");
		this.trim = released("trim");
		this.total = released("total");
	}

	/**
	 * Create meters with no extra tags.
	 */
	public ReclaimMetrics() {
		this(Tags.empty());
	}

	private DistributionSummary released(String step) {
		return DistributionSummary.builder("jvm.memory.reclaim.released")
			.tags(this.tags)
			.tag("step", step)
			.description("Resident memory a reclaim step gave back to the OS")
			.baseUnit(BaseUnits.BYTES)
			.register(this.registries);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
	}

	@Override
	public void reclaimed(ReclaimReport report) {
		this.reclaims.increment();
		// A summary ignores negative amounts; RSS that grew during a step released
		// nothing.
		this.gc.record(Math.max(0, report.gc().released().best()));
		this.trim.record(Math.max(0, report.trim().released().best()));
		this.total.record(Math.max(0, report.released().best()));
	}

}
