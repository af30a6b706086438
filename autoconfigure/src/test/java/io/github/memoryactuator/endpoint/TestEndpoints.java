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

package io.github.memoryactuator.endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.reclaim.ReclaimSettings;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.tuning.HeapTuning;

/**
 * Endpoints over fixture trees, for tests.
 */
final class TestEndpoints {

	private TestEndpoints() {
	}

	static MemoryEndpoint endpoint(Path root, LiveSetTracker tracker) {
		return endpoint(root, tracker, history());
	}

	static MemoryEndpoint endpoint(Path root, LiveSetTracker tracker, @Nullable MemoryHistory history) {
		return endpoint(root, tracker, null, history);
	}

	static MemoryEndpoint withProfiler(Path root, LiveSetTracker tracker, AllocationProfiler profiler) {
		return endpoint(root, tracker, profiler, history());
	}

	private static MemoryHistory history() {
		return new MemoryHistory(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10), Instant.now());
	}

	private static MemoryEndpoint endpoint(Path root, LiveSetTracker tracker, @Nullable AllocationProfiler profiler,
			@Nullable MemoryHistory history) {
		GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(root, tracker);
		DiagnosticCommands commands = DiagnosticCommands.platform();
		HeapTuning tuning = HeapTuning.platform();
		PauseGuard guard = new PauseGuard(ReclaimSettings.defaults().cooldown());
		return new MemoryEndpoint(new GaugeSnapshotCache(snapshotter::capture, Duration.ZERO),
				new CaptureDiagnoser(
						new FullSnapshotCache(new FullSnapshotter(snapshotter::capture, root, commands)::capture,
								Duration.ZERO),
						new EvidenceGatherer(Duration.ofMinutes(10), 16 * 1024 * 1024, 0.1).withHistory(history)
							.withProfiler(profiler)
							.withHeapFlags(tuning::sizingFlags)),
				tuning, new ReclaimService(snapshotter::capture, commands, tuning, ReclaimSettings.defaults(), guard),
				List.of(), new ClassHistogramService(commands, guard), profiler, history);
	}

}
