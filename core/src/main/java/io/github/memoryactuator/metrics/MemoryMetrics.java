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

import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;

/**
 * Gauges for where the process's memory goes. Every gauge reads the same short-lived
 * cached snapshot, so one scrape costs about one read of {@code /proc/self/status}.
 * <p>
 * Registered, when the platform can supply them:
 * <ul>
 * <li>{@code process.memory.rss}, {@code .rss.anon}, {@code .rss.file},
 * {@code .rss.shmem}, {@code process.memory.swap} (bytes, Linux)</li>
 * <li>{@code process.memory.charged}: what the kernel weighs against the limit, the
 * larger of RSS and the cgroup's working set (bytes, Linux)</li>
 * <li>{@code jvm.memory.heap.max}, {@code jvm.memory.heap.live},
 * {@code jvm.memory.committed.total} (bytes)</li>
 * <li>{@code jvm.gc.headroom.ratio}: (committed - live) / live right after the latest
 * live-set reading, {@code NaN} before the first</li>
 * <li>{@code process.cgroup.memory.limit}, {@code process.cgroup.memory.usage} (bytes, in
 * a memory cgroup; the limit only when there is one)</li>
 * </ul>
 * No name is exported by cAdvisor, kube-state-metrics or node_exporter (which own
 * {@code container_*}, {@code kube_*}, {@code node_*} and {@code machine_*}), and none
 * repeats a series of Micrometer's JVM binders: heap used and committed are theirs. A
 * gauge the platform cannot supply when the binder is bound is not registered; a value
 * that becomes unreadable later reads {@code NaN}. A gauge whose name another binder
 * (such as micrometer-jvm-extras' {@code process.memory.rss}) registered first is left to
 * it, so there is one series.
 *
 * @since 0.1.0
 */
public class MemoryMetrics implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(MemoryMetrics.class);

	private static final String RATIO = "ratio";

	private final Supplier<GaugeSnapshot> snapshots;

	private final Iterable<Tag> tags;

	/**
	 * Create a binder.
	 * @param snapshots the cached snapshot every gauge reads
	 * @param tags extra tags for every gauge
	 */
	public MemoryMetrics(Supplier<GaugeSnapshot> snapshots, Iterable<Tag> tags) {
		this.snapshots = snapshots;
		this.tags = tags;
	}

	/**
	 * Create a binder with no extra tags.
	 * @param snapshots the cached snapshot every gauge reads
	 */
	public MemoryMetrics(Supplier<GaugeSnapshot> snapshots) {
		this(snapshots, Tags.empty());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		GaugeSnapshot first = this.snapshots.get();
		if (first.process() instanceof Reading.Available<ProcStatus> status) {
			ProcStatus values = status.value();
			process(registry, "process.memory.rss", (s) -> OptionalLong.of(s.rss()),
					"Resident set size: memory of this process held in RAM (VmRSS)");
			if (values.rssAnon().isPresent()) {
				process(registry, "process.memory.rss.anon", ProcStatus::rssAnon,
						"Resident anonymous memory: heap, stacks, malloc and other private memory (RssAnon)");
			}
			if (values.rssFile().isPresent()) {
				process(registry, "process.memory.rss.file", ProcStatus::rssFile,
						"Resident file-backed memory: mapped jars, libraries and files (RssFile)");
			}
			if (values.rssShmem().isPresent()) {
				process(registry, "process.memory.rss.shmem", ProcStatus::rssShmem,
						"Resident shared memory, including ZGC's heap on JDK 17 (RssShmem)");
			}
			bytes(registry, "process.memory.charged", MemoryMetrics::charged,
					"Memory the kernel weighs against the limit: the larger of RSS and the cgroup's working set "
							+ "(usage less the page cache it can drop); RSS outside a memory cgroup");
			if (values.swap().isPresent()) {
				process(registry, "process.memory.swap", ProcStatus::swap,
						"Anonymous memory of this process swapped out to disk (VmSwap)");
			}
		}
		else {
			logger.info("Process memory gauges are not registered: " + first.process().reason());
		}
		// Heap used and committed are left to Micrometer's JvmMemoryMetrics: summing its
		// per-pool jvm.memory.used and jvm.memory.committed gives the same figures on
		// every
		// collector. Its per-pool maxima do not sum to the heap's maximum, hence this
		// one.
		if (first.jvm().heapMax().isPresent()) {
			bytes(registry, "jvm.memory.heap.max", (s) -> orNaN(s.jvm().heapMax()),
					"Maximum heap size the JVM may grow to");
		}
		bytes(registry, "jvm.memory.heap.live", (s) -> orNaN(s.live()),
				"The live set: the most recent live-set reading (a full collection, the lowest point of a G1 marking "
						+ "phase, a ZGC cycle less what was allocated while it ran); NaN until the first");
		bytes(registry, "jvm.memory.committed.total", GaugeSnapshot::committedTotal,
				"Heap committed plus non-heap committed plus direct buffer memory: what the JVM knows it holds");
		gauge(registry, "jvm.gc.headroom.ratio", RATIO, GaugeSnapshot::headroomRatio,
				"Heap committed above the live set, as a multiple of the live set, both right after the latest "
						+ "live-set reading; 1.0 is Go's GOGC=100");
		if (first.container() instanceof Reading.Available<CgroupMemory> cgroup) {
			if (!cgroup.value().limit().isUnlimited()) {
				bytes(registry, "process.cgroup.memory.limit", (s) -> container(s, (c) -> c.limit().bytes()),
						"Memory limit of the cgroup this process runs in");
			}
			bytes(registry, "process.cgroup.memory.usage", (s) -> container(s, (c) -> OptionalLong.of(c.usage())),
					"Memory charged to the cgroup this process runs in, page cache included");
		}
		else {
			logger.debug("Container memory gauges are not registered: " + first.container().reason());
		}
	}

	private void process(MeterRegistry registry, String name, Function<ProcStatus, OptionalLong> value,
			String description) {
		bytes(registry, name, (s) -> {
			ProcStatus status = s.process().orNull();
			return (status != null) ? orNaN(value.apply(status)) : Double.NaN;
		}, description);
	}

	// What the pre-OOM watch samples (ChargedMemory), here from the scrape's snapshot.
	private static double charged(GaugeSnapshot snapshot) {
		ProcStatus status = snapshot.process().orNull();
		if (status == null) {
			return Double.NaN;
		}
		CgroupMemory cgroup = snapshot.container().orNull();
		return (cgroup != null) ? LimitUse.charged(cgroup, status.rss()) : status.rss();
	}

	private static double container(GaugeSnapshot snapshot, Function<CgroupMemory, OptionalLong> value) {
		CgroupMemory cgroup = snapshot.container().orNull();
		return (cgroup != null) ? orNaN(value.apply(cgroup)) : Double.NaN;
	}

	private void bytes(MeterRegistry registry, String name, ToDoubleFunction<GaugeSnapshot> value, String description) {
		gauge(registry, name, BaseUnits.BYTES, value, description);
	}

	private void gauge(MeterRegistry registry, String name, String unit, ToDoubleFunction<GaugeSnapshot> value,
			String description) {
		if (registry.find(name).meter() != null) {
			logger.debug("Gauge " + name + " is already registered by another binder; leaving it to that binder");
			return;
		}
		Supplier<GaugeSnapshot> source = this.snapshots;
		Gauge.builder(name, source, (s) -> value.applyAsDouble(s.get()))
			.tags(this.tags)
			.description(description)
			.baseUnit(unit)
			.strongReference(true)
			.register(registry);
	}

	private static double orNaN(OptionalLong value) {
		return value.isPresent() ? value.getAsLong() : Double.NaN;
	}

}
