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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

/**
 * The gauges of {@link MemoryMetrics} for plain Micrometer, in one line, as Micrometer's
 * own binders are bound: it wires the live-set tracker, the readers, the snapshotter and
 * the cached snapshot itself, and {@link #close()} takes away what it added (the GC
 * listeners, the open kernel files and the meters it registered). Spring Boot users get
 * the same gauges from the starter and need none of this. <pre class="code">
 * MemoryActuatorMetrics metrics = new MemoryActuatorMetrics();
 * metrics.bindTo(registry);
 * // ... and at shutdown
 * metrics.close();
 * </pre>
 *
 * @since 0.1.0
 */
public final class MemoryActuatorMetrics implements MeterBinder, AutoCloseable {

	// As long as a scrape's burst of gauges lasts: they all read one snapshot.
	private static final Duration SNAPSHOT_TIME_TO_LIVE = Duration.ofMillis(250);

	private static final int LIVE_SET_POINTS = 256;

	private final LiveSetTracker liveSet;

	private final GaugeSnapshotter snapshotter;

	private final MemoryMetrics gauges;

	private final List<Registered> registered = new ArrayList<>();

	/**
	 * Create the gauges of this process, read from the real {@code /proc} and cgroup
	 * files.
	 */
	public MemoryActuatorMetrics() {
		this(Path.of("/"), Tags.empty());
	}

	/**
	 * Create the gauges of this process with extra tags.
	 * @param tags extra tags for every gauge
	 */
	public MemoryActuatorMetrics(Iterable<Tag> tags) {
		this(Path.of("/"), tags);
	}

	/**
	 * Create the gauges of this process, with the kernel's files read under another root.
	 * @param root the file system root the {@code /proc} and cgroup files are read under,
	 * {@code /} in production
	 * @param tags extra tags for every gauge
	 */
	public MemoryActuatorMetrics(Path root, Iterable<Tag> tags) {
		this.liveSet = LiveSetTracker.startPlatform(LIVE_SET_POINTS);
		this.snapshotter = new GaugeSnapshotter(new ProcStatusReader(root), new CgroupMemoryReader(root),
				JvmMemoryReader.platform(), this.liveSet, GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
		this.gauges = new MemoryMetrics(new GaugeSnapshotCache(this.snapshotter::capture, SNAPSHOT_TIME_TO_LIVE), tags);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Set<Meter.Id> before = new HashSet<>();
		registry.getMeters().forEach((meter) -> before.add(meter.getId()));
		this.gauges.bindTo(registry);
		List<Meter> added = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			if (!before.contains(meter.getId())) {
				added.add(meter);
			}
		}
		synchronized (this.registered) {
			this.registered.add(new Registered(registry, added));
		}
	}

	/**
	 * Remove the meters this binder registered, stop listening to the collector's
	 * notifications and close the kernel files it reads.
	 */
	@Override
	public void close() {
		synchronized (this.registered) {
			for (Registered binding : this.registered) {
				binding.meters().forEach(binding.registry()::remove);
			}
			this.registered.clear();
		}
		this.snapshotter.close();
		this.liveSet.close();
	}

	private record Registered(MeterRegistry registry, List<Meter> meters) {
	}

}
