package io.github.memoryactuator.snapshot;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.github.memoryactuator.probe.CgroupMemoryReader;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.JvmMemoryReader;
import io.github.memoryactuator.probe.LiveSetTracker;
import io.github.memoryactuator.probe.ProcStatusReader;

/**
 * Snapshotters over fixture trees, for tests.
 */
public final class TestSnapshots {

	private TestSnapshots() {
	}

	public static MemorySnapshotter snapshotter(String fixture) {
		return snapshotter(Fixtures.root(fixture), new LiveSetTracker(16, Clock.systemUTC(), Set.of()));
	}

	public static MemorySnapshotter snapshotter(Path root, LiveSetTracker tracker) {
		return new MemorySnapshotter(new ProcStatusReader(root), new CgroupMemoryReader(root),
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
