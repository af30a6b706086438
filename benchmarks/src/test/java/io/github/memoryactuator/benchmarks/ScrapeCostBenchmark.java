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

package io.github.memoryactuator.benchmarks;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.mweirauch.micrometer.jvm.extras.ProcessMemoryMetrics;
import io.github.mweirauch.micrometer.jvm.extras.procfs.ProcfsStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.diagnosis.LeakVerdict;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupLocation;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.SnapshotCaches;
import io.github.memoryactuator.watch.WatchSamples;

/**
 * What one scrape of the memory gauges costs, ours beside the physical floor and the
 * peers, in one run. One operation is one scrape of one binder: every gauge it registered
 * read once, with whatever cache it has defeated so that the operation pays for one real
 * read of its sources, as a scrape does when it comes after the cache has expired
 * (Prometheus scrapes every 15 s or more; every cache here lives 1 s or less). Reading
 * gauge values, not formatting the exposition text, is measured: the text is the
 * registry's cost and the same for every binder.
 * <p>
 * The {@code part*} benchmarks split our capture into its sources, to show where the time
 * goes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScrapeCostBenchmark {

	static final String STATUS = "/proc/self/status";

	// The production default of memory-actuator.snapshot-time-to-live.
	static final Duration TIME_TO_LIVE = Duration.ofMillis(250);

	/**
	 * The physical floor: open the file, read it into a reused buffer, parse the memory
	 * lines from the bytes, close it.
	 */
	@Benchmark
	public long floorOpenReadParse(FloorState state) throws IOException {
		int length = 0;
		try (FileInputStream in = new FileInputStream(state.file)) {
			int n;
			while ((n = in.read(state.bytes, length, state.bytes.length - length)) > 0) {
				length += n;
			}
		}
		return state.lines.parse(state.bytes, length);
	}

	/**
	 * Below the floor of any reader that opens the file per scrape: a file kept open and
	 * read again from offset 0, which makes the kernel render it afresh, into a reused
	 * direct buffer.
	 */
	@Benchmark
	public long floorReread(FloorState state) throws IOException {
		ByteBuffer buffer = state.direct.clear();
		long position = 0;
		int n;
		while ((n = state.channel.read(buffer, position)) > 0) {
			position += n;
		}
		buffer.flip();
		buffer.get(state.bytes, 0, buffer.limit());
		return state.lines.parse(state.bytes, buffer.limit());
	}

	/**
	 * Ours: {@link MemoryMetrics} over the production {@link GaugeSnapshotCache} (250 ms
	 * time to live), with the cache's clock moved past the time to live once per
	 * operation, so the first gauge read misses and captures and the others are served
	 * from the cache.
	 */
	@Benchmark
	public void ours(OursState state, Blackhole blackhole) {
		state.nanoTime += state.timeToLiveNanos;
		readAll(state.gauges, blackhole);
	}

	/**
	 * What the memory history's sampler pays for one gauge point, every 10 s by default:
	 * a fresh capture (no cache) recorded into the ring.
	 * @param state the state
	 */
	@Benchmark
	public void historyGaugePoint(OursState state) {
		state.history.record(state.snapshotter.capture());
	}

	/**
	 * What the history's sampler pays for one gauge point with the leak verdict the
	 * {@code jvm.memory.heap.leak.suspected} and
	 * {@code process.memory.native.leak.suspected} gauges read: the point, then the
	 * gauge-depth diagnosis of it (the live-set trend, the native trend over the
	 * history's breakdown points, the findings).
	 * @param state the state
	 */
	@Benchmark
	public void historyGaugePointWithLeakVerdict(OursState state) {
		GaugeSnapshot snapshot = state.snapshotter.capture();
		state.history.record(snapshot);
		state.leakVerdict.accept(snapshot);
	}

	/**
	 * What the memory watch's thread pays for one sample, every second by default and
	 * down to every 25 ms near the pre-OOM threshold: {@code /proc/self/status} and the
	 * cgroup's usage file re-read, the limit and {@code memory.stat} from the reader's 10
	 * s cache, the growth rate; no MXBean.
	 * @param state the state
	 * @return the sample
	 */
	@Benchmark
	public Object watchSample(OursState state) {
		return state.watch.sample();
	}

	/**
	 * Part of ours: {@code /proc/self/status} read and parsed by
	 * {@link ProcStatusReader}.
	 */
	@Benchmark
	public Object partStatus(OursState state) {
		return state.status.read();
	}

	/**
	 * Part of ours: the cgroup files read by {@link CgroupMemoryReader}.
	 */
	@Benchmark
	public Object partCgroup(OursState state) {
		return state.cgroup.read();
	}

	/**
	 * What ours would cost for the cgroup if a scrape read only the usage file
	 * ({@code memory.usage_in_bytes} or {@code memory.current}), the one container figure
	 * that changes between scrapes, the same way the reader reads its files.
	 */
	@Benchmark
	public Object partCgroupUsageOnly(OursState state) throws IOException {
		if (state.usageFile == null) {
			return null;
		}
		try (InputStream in = Files.newInputStream(state.usageFile)) {
			return in.readAllBytes();
		}
	}

	/**
	 * Part of ours: the memory, pool, buffer and thread MXBeans read by
	 * {@link JvmMemoryReader}.
	 */
	@Benchmark
	public Object partMxBeans(OursState state) {
		return state.jvm.read();
	}

	/**
	 * micrometer-jvm-extras' {@link ProcessMemoryMetrics}: its shared
	 * {@link ProcfsStatus} caches for a second, so its timestamp is reset once per
	 * operation.
	 */
	@Benchmark
	public void jvmExtras(JvmExtrasState state, Blackhole blackhole) {
		state.expire();
		readAll(state.gauges, blackhole);
	}

	/**
	 * Micrometer's own {@link JvmMemoryMetrics}: heap and non-heap pools and buffer
	 * pools, read from the MXBeans on every gauge read (no cache).
	 */
	@Benchmark
	public void micrometerJvmMemory(MicrometerJvmState state, Blackhole blackhole) {
		readAll(state.gauges, blackhole);
	}

	/**
	 * Prometheus client_java's {@link ProcessMetrics}: {@code /proc/self/status} (VmSize,
	 * VmRSS) plus CPU time, open and max file descriptors and start time from the
	 * MXBeans, collected by a scrape of its registry. No cache.
	 */
	@Benchmark
	public MetricSnapshots clientJavaProcess(ClientJavaProcessState state) {
		return state.registry.scrape();
	}

	/**
	 * Prometheus client_java's {@link JvmNativeMemoryMetrics}: {@code VM.native_memory
	 * summary} through the DiagnosticCommand MBean on every scrape. It registers nothing
	 * when NMT is off, so this fork turns NMT on; in a run with no forks it measures an
	 * empty registry.
	 */
	@Benchmark
	@Fork(jvmArgsAppend = "-XX:NativeMemoryTracking=summary")
	public MetricSnapshots clientJavaNativeMemory(ClientJavaNativeMemoryState state) {
		return state.registry.scrape();
	}

	private static void readAll(Gauge[] gauges, Blackhole blackhole) {
		for (Gauge gauge : gauges) {
			blackhole.consume(gauge.value());
		}
	}

	private static Gauge[] gauges(MeterRegistry registry) {
		return registry.getMeters().stream().filter(Gauge.class::isInstance).toArray(Gauge[]::new);
	}

	@State(Scope.Thread)
	public static class FloorState {

		final File file = new File(STATUS);

		// The file is about 1.5 KB; 8 KiB leaves room for any kernel's additions.
		final byte[] bytes = new byte[8192];

		final ByteBuffer direct = ByteBuffer.allocateDirect(8192);

		final StatusLines lines = new StatusLines();

		FileChannel channel;

		@Setup
		public void open() throws IOException {
			this.channel = FileChannel.open(Path.of(STATUS), StandardOpenOption.READ);
		}

		@TearDown
		public void close() throws IOException {
			this.channel.close();
		}

	}

	@State(Scope.Thread)
	public static class OursState {

		final long timeToLiveNanos = TIME_TO_LIVE.toNanos();

		// Read by the cache only on the benchmark thread; plain field, no clock call.
		long nanoTime;

		LiveSetTracker liveSet;

		ProcStatusReader status;

		CgroupMemoryReader cgroup;

		@Nullable Path usageFile;

		JvmMemoryReader jvm;

		GaugeSnapshotCache cache;

		Gauge[] gauges;

		GaugeSnapshotter snapshotter;

		MemoryHistory history;

		LeakVerdict leakVerdict;

		WatchSamples watch;

		@Setup
		public void bind() {
			// As MemoryActuatorAutoConfiguration wires it, apart from the clock.
			Path root = Path.of("/");
			this.liveSet = LiveSetTracker.startPlatform(16);
			this.status = new ProcStatusReader(root);
			this.cgroup = new CgroupMemoryReader(root);
			CgroupLocation where = this.cgroup.location().orNull();
			if (where != null) {
				this.usageFile = where.directory()
					.resolve((where.version() == 1) ? "memory.usage_in_bytes" : "memory.current");
			}
			else {
				System.err.println("partCgroupUsageOnly: no memory cgroup (" + this.cgroup.location().reason()
						+ "); this benchmark measures nothing");
			}
			this.jvm = JvmMemoryReader.platform();
			GaugeSnapshotter snapshotter = new GaugeSnapshotter(this.status, this.cgroup, this.jvm, this.liveSet,
					GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
			this.cache = SnapshotCaches.withClock(snapshotter::capture, TIME_TO_LIVE, () -> this.nanoTime);
			this.snapshotter = snapshotter;
			this.history = new MemoryHistory(MemoryHistory.DEFAULT_INTERVAL, MemoryHistory.DEFAULT_BREAKDOWN_INTERVAL,
					MemoryHistory.DEFAULT_RETENTION, Instant.now());
			// As the auto-configuration makes it, with the default leak window and
			// thresholds.
			this.leakVerdict = new LeakVerdict(
					new EvidenceGatherer(Duration.ofMinutes(10), 16 * 1024 * 1024, 0.1).withHistory(this.history));
			this.watch = new WatchSamples(root);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new MemoryMetrics(this.cache).bindTo(registry);
			this.gauges = gauges(registry);
		}

		@TearDown
		public void close() {
			this.liveSet.close();
		}

	}

	@State(Scope.Thread)
	public static class JvmExtrasState {

		private static final VarHandle LAST_HANDLE = lastHandle();

		final ProcfsStatus status = ProcfsStatus.getInstance();

		Gauge[] gauges;

		@Setup
		public void bind() {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new ProcessMemoryMetrics().bindTo(registry);
			this.gauges = gauges(registry);
		}

		// ProcfsEntry.collect() re-reads only when lastHandle is -1 or a second old.
		void expire() {
			LAST_HANDLE.set(this.status, -1L);
		}

		private static VarHandle lastHandle() {
			try {
				Class<?> entry = ProcfsStatus.class.getSuperclass();
				return MethodHandles.privateLookupIn(entry, MethodHandles.lookup())
					.findVarHandle(entry, "lastHandle", long.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("micrometer-jvm-extras changed its ProcfsEntry cache", ex);
			}
		}

	}

	@State(Scope.Thread)
	public static class MicrometerJvmState {

		Gauge[] gauges;

		@Setup
		public void bind() {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new JvmMemoryMetrics().bindTo(registry);
			this.gauges = gauges(registry);
		}

	}

	@State(Scope.Thread)
	public static class ClientJavaProcessState {

		final PrometheusRegistry registry = new PrometheusRegistry();

		@Setup
		public void register() {
			ProcessMetrics.builder().register(this.registry);
		}

	}

	@State(Scope.Thread)
	public static class ClientJavaNativeMemoryState {

		final PrometheusRegistry registry = new PrometheusRegistry();

		@Setup
		public void register() {
			JvmNativeMemoryMetrics.builder().register(this.registry);
			if (this.registry.scrape().size() == 0) {
				System.err.println("clientJavaNativeMemory: NMT is off, JvmNativeMemoryMetrics registered nothing;"
						+ " this benchmark measures an empty scrape");
			}
		}

	}

}
