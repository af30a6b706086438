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

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * Meters for the soft memory limit, each read from the controller's latest status (no
 * I/O): {@code memory.softlimit.target} (bytes; NaN while no target is set),
 * {@code memory.softlimit.state{state}} (1 for the current state, 0 for the others),
 * {@code memory.softlimit.actions{kind}} (the controller's collections and trims) and
 * {@code memory.softlimit.throttles} (how often the GC CPU budget ran out). The names are
 * the starter's own: nothing that cAdvisor, the kubelet or Micrometer exports.
 *
 * @since 0.1.0
 */
public class SoftLimitMetrics implements MeterBinder {

	private static final List<String> KINDS = List.of("collection", "trim");

	private final SoftLimitController controller;

	private final Iterable<Tag> tags;

	/**
	 * Create meters with extra tags.
	 * @param controller the soft limit's controller
	 * @param tags extra tags for every meter
	 */
	public SoftLimitMetrics(SoftLimitController controller, Iterable<Tag> tags) {
		this.controller = controller;
		this.tags = tags;
	}

	/**
	 * Create meters with no extra tags.
	 * @param controller the soft limit's controller
	 */
	public SoftLimitMetrics(SoftLimitController controller) {
		this(controller, Tags.empty());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("memory.softlimit.target", this.controller, SoftLimitMetrics::target)
			.tags(this.tags)
			.description("The soft memory limit's target: the memory the kernel charges that the starter keeps the "
					+ "process under; NaN while no target is set")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		for (SoftLimitState state : SoftLimitState.values()) {
			Gauge.builder("memory.softlimit.state", this.controller, (controller) -> is(controller, state))
				.tags(this.tags)
				.tag("state", state.name())
				.description("1 for the soft memory limit's current state (HOLDING, OVER, THROTTLED, UNREACHABLE, "
						+ "OFF), 0 for the others")
				.baseUnit("state")
				.register(registry);
		}
		for (String kind : KINDS) {
			FunctionCounter
				.builder("memory.softlimit.actions", this.controller, (controller) -> actions(controller, kind))
				.tags(this.tags)
				.tag("kind", kind)
				.description("Actions the soft memory limit took to bring memory under its target: collections it "
						+ "forced and native trims")
				.baseUnit("actions")
				.register(registry);
		}
		FunctionCounter.builder("memory.softlimit.throttles", this.controller, SoftLimitMetrics::throttles)
			.tags(this.tags)
			.description("How often the soft memory limit stopped tightening because the GC's share of the CPU "
					+ "reached its budget")
			.baseUnit("throttles")
			.register(registry);
	}

	// The controller is gauged, not this binder: the application holds it for as long as
	// it runs, and a gauge holds its object only weakly.
	private static double target(SoftLimitController controller) {
		SoftLimitStatus status = controller.status();
		return status.isSet() ? status.target() : Double.NaN;
	}

	private static double is(SoftLimitController controller, SoftLimitState state) {
		return (controller.status().state() == state) ? 1 : 0;
	}

	private static double actions(SoftLimitController controller, String kind) {
		Long count = controller.status().actionCounts().get(kind);
		return (count != null) ? count : 0;
	}

	private static double throttles(SoftLimitController controller) {
		return controller.status().throttles();
	}

}
