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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitSettings;
import io.github.memoryactuator.tuning.VmFlags;
import io.github.memoryactuator.watch.MemoryWatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoftLimitMetrics}.
 */
class SoftLimitMetricsTests {

	@TempDir
	Path root;

	@Test
	void theTargetAndTheStateFollowTheControllerWithDescriptionsAndUnits() {
		GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Fixtures.root("cgroup-v1-hybrid-limited"),
				new LiveSetTracker(16, Clock.systemUTC(), Set.of()));
		try (SoftLimitController controller = SoftLimitController.create(SoftLimitSettings.defaults("target"),
				MemoryWatch.shared(this.root), new PauseGuard(Duration.ofSeconds(60)), snapshotter::capture,
				new LiveSetTracker(16, Clock.systemUTC(), Set.of()), DiagnosticCommands.platform(), VmFlags.platform(),
				List.of("G1 Young Generation"), this.root)) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new SoftLimitMetrics(controller).bindTo(registry);
			Gauge target = registry.get("memory.softlimit.target").gauge();
			assertThat(target.value()).isNaN();
			assertThat(target.getId().getBaseUnit()).isEqualTo("bytes");
			assertThat(target.getId().getDescription()).startsWith("The soft memory limit's target");
			assertThat(registry.get("memory.softlimit.state").tag("state", "OFF").gauge().value()).isOne();
			assertThat(registry.get("memory.softlimit.state").tag("state", "HOLDING").gauge().value()).isZero();
			assertThat(registry.get("memory.softlimit.state").gauges()).hasSize(5)
				.allSatisfy((gauge) -> assertThat(gauge.getId().getDescription()).isNotBlank());
			FunctionCounter collections = registry.get("memory.softlimit.actions")
				.tag("kind", "collection")
				.functionCounter();
			assertThat(collections.count()).isZero();
			assertThat(collections.getId().getBaseUnit()).isEqualTo("actions");
			assertThat(registry.get("memory.softlimit.throttles").functionCounter().getId().getBaseUnit())
				.isEqualTo("throttles");
			controller.setTarget("400MB");
			assertThat(target.value()).isEqualTo(400.0 * 1024 * 1024);
			assertThat(registry.get("memory.softlimit.state").tag("state", "HOLDING").gauge().value()).isOne();
			assertThat(registry.get("memory.softlimit.state").tag("state", "OFF").gauge().value()).isZero();
		}
	}

}
