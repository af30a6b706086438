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

package io.github.memoryactuator.snapshot;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;

/**
 * Snapshotters over fixture trees, for tests.
 */
public final class TestSnapshots {

	private TestSnapshots() {
	}

	public static GaugeSnapshotter snapshotter(String fixture) {
		return snapshotter(Fixtures.root(fixture), new LiveSetTracker(16, Clock.systemUTC(), Set.of()));
	}

	public static GaugeSnapshotter snapshotter(Path root, LiveSetTracker tracker) {
		return new GaugeSnapshotter(new ProcStatusReader(root), new CgroupMemoryReader(root),
				JvmMemoryReader.platform(), tracker, List.of("G1 Young Generation", "G1 Old Generation"),
				Clock.systemUTC());
	}

	public static long heapCommitted() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == java.lang.management.MemoryType.HEAP)
			.mapToLong((pool) -> pool.getUsage().getCommitted())
			.sum();
	}

}
