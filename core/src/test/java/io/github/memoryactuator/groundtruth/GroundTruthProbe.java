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

package io.github.memoryactuator.groundtruth;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

import com.sun.management.HotSpotDiagnosticMXBean;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.HeuristicCheck;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.diagnosis.Diagnostician;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.diagnosis.LiveSetTrend;
import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

/**
 * A main class that the ground-truth tests run in fresh JVMs. It puts a known amount of
 * memory in place and prints, as {@code key=value} lines, what the product measured.
 * Modes:
 * <ul>
 * <li>{@code breakdown}: heap, direct buffers, malloc, thread stacks, metaspace and
 * malloc'ed-then-freed memory, one after the other, each as the change between two full
 * captures;</li>
 * <li>{@code scopes}: what each collection of this collector counts as, and the live-set
 * reading after a known amount of heap is retained;</li>
 * <li>{@code trend <window-s> <alloc-MB/s> <leak-MB/window> <promoted-MB/s> <seconds>}: a
 * busy service, with the leak trend evaluated twice a second;</li>
 * <li>{@code churn <seconds> <short-lived-MB/s> <promoted-MB/s> <lifetime-s> <baseline-MB>}:
 * the live-set gauge against the bytes a busy service holds ({@link ChurnProbe}).</li>
 * </ul>
 */
public final class GroundTruthProbe {

	private static final long MB = 1024 * 1024;

	private static volatile Object sink;

	private GroundTruthProbe() {
	}

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "breakdown" -> new Breakdowns().run();
			case "scopes" -> scopes();
			case "capture" -> capture(Path.of(args[1]));
			case "churn" -> new ChurnProbe(args).run();
			case "trend" -> trend(Duration.ofSeconds(Long.parseLong(args[1])), Long.parseLong(args[2]),
					Long.parseLong(args[3]), Long.parseLong(args[4]), Duration.ofSeconds(Long.parseLong(args[5])));
			default -> throw new IllegalArgumentException(args[0]);
		}
		System.out.flush();
	}

	// What the fixture smaps-jdk25-g1-nmt holds: smaps and System.map of one moment, with
	// the GC.heap_info and VM.info that locate the heap and the class space.
	private static void capture(Path directory) throws Exception {
		new Breakdowns().direct();
		Path proc = directory.resolve("proc/self");
		java.nio.file.Files.createDirectories(proc);
		DiagnosticCommands commands = DiagnosticCommands.platform();
		String heapInfo = commands.invoke(DiagnosticCommands.HEAP_INFO).orNull();
		String vmInfo = commands.invoke(DiagnosticCommands.VM_INFO).orNull();
		byte[] smaps = java.nio.file.Files.readAllBytes(Path.of("/proc/self/smaps"));
		String map = commands.invoke(DiagnosticCommands.SYSTEM_MAP).orNull();
		byte[] status = java.nio.file.Files.readAllBytes(Path.of("/proc/self/status"));
		java.nio.file.Files.write(proc.resolve("smaps"), smaps);
		java.nio.file.Files.write(proc.resolve("status"), status);
		java.nio.file.Files.writeString(directory.resolve("system_map.txt"), map);
		java.nio.file.Files.writeString(directory.resolve("heap_info.txt"), heapInfo);
		String classSpace = vmInfo.lines()
			.filter((line) -> line.startsWith("Compressed class space mapped at:"))
			.findFirst()
			.orElseThrow();
		java.nio.file.Files.writeString(directory.resolve("vm_info-class-space.txt"), classSpace + "\n");
		print("captured", directory);
	}

	static GaugeSnapshotter snapshotter(LiveSetTracker tracker) {
		Path root = Path.of("/");
		return new GaugeSnapshotter(new ProcStatusReader(root), new CgroupMemoryReader(root),
				JvmMemoryReader.platform(), tracker, GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
	}

	static void print(String key, Object value) {
		System.out.println(key + "=" + value);
	}

	static int recurse(int depth) {
		return recurse(depth + 1) + 1;
	}

	static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static long collections() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	// Collections by the beans that run young collections (G1's also runs mixed ones).
	static long youngCollections() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.filter((bean) -> List.of("Copy", "PS Scavenge", "G1 Young Generation", "ZGC Minor Cycles")
				.contains(bean.getName()))
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	static long metaspaceUsed() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getName().equals("Metaspace"))
			.mapToLong((pool) -> pool.getUsage().getUsed())
			.sum();
	}

	// What each collector's collections count as, and the live set after a full
	// collection with 64 MB more retained.
	private static void scopes() throws Exception {
		long countedAtStart = collectionsWithoutPauses();
		LiveSetTracker tracker = LiveSetTracker.startPlatform(4096);
		long baseline = afterSystemGc(tracker, countedAtStart);
		List<byte[]> retained = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			retained.add(new byte[256 * 1024]);
		}
		sink = retained;
		// Young collections, and garbage that gets promoted and dies in the old
		// generation, so that G1 marks and collects old regions.
		List<Object> ring = new ArrayList<>();
		long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (System.nanoTime() < end) {
			for (int i = 0; i < 200; i++) {
				sink = new byte[1024];
			}
			ring.add(new byte[8 * 1024]);
			if (ring.size() > 4000) {
				ring.subList(0, 2000).clear();
			}
		}
		ring.clear();
		sink = null;
		long live = afterSystemGc(tracker, countedAtStart);
		Map<CollectionScope, Integer> counts = new EnumMap<>(CollectionScope.class);
		int readings = 0;
		for (LiveSet.Point point : tracker.liveSet().recent()) {
			counts.merge(point.scope(), 1, Integer::sum);
			readings += point.isLiveSet() ? 1 : 0;
		}
		print("liveSetReadings", readings);
		print("collectors", GaugeSnapshotter.platformCollectors());
		for (CollectionScope scope : CollectionScope.values()) {
			print("scope." + scope.label(), counts.getOrDefault(scope, 0));
		}
		print("liveBaseline", baseline);
		print("liveAfter", live);
		print("retained", 64 * MB);
		print("retainedStill", retained.size());
	}

	// The reading of this System.gc(), not of a collection whose notification arrives
	// late: wait until the tracker has seen as many collections as the beans counted.
	// Shenandoah's cycles give no reading: its upper bound then.
	private static long afterSystemGc(LiveSetTracker tracker, long countedAtStart) throws InterruptedException {
		System.gc();
		long expected = collectionsWithoutPauses() - countedAtStart;
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		boolean shenandoah = GaugeSnapshotter.platformCollectors().contains("Shenandoah Cycles");
		while (System.nanoTime() < deadline) {
			LiveSet liveSet = tracker.liveSet();
			LiveSet.Point point = shenandoah ? liveSet.latest() : liveSet.liveSet();
			if (liveSet.collections() >= expected && point != null) {
				return point.bytes();
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("no live-set reading after System.gc()");
	}

	private static long collectionsWithoutPauses() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.filter((bean) -> !bean.getName().endsWith(" Pauses"))
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	private static void trend(Duration window, long allocationMbPerSecond, long leakMbPerWindow,
			long promotedMbPerSecond, Duration duration) throws Exception {
		LiveSetTracker tracker = LiveSetTracker.startPlatform(64, window);
		GaugeSnapshotter snapshotter = snapshotter(tracker);
		EvidenceGatherer gatherer = new EvidenceGatherer(window, 16 * MB, 0.1);
		Workload workload = new Workload(allocationMbPerSecond, leakMbPerWindow * 1000 / window.toMillis(),
				promotedMbPerSecond);
		Thread thread = new Thread(workload, "workload");
		thread.setDaemon(true);
		long start = System.nanoTime();
		long collectionsAtStart = collections();
		long youngAtStart = youngCollections();
		thread.start();
		Map<LiveSetTrend.Outcome, Double> first = new EnumMap<>(LiveSetTrend.Outcome.class);
		Map<LiveSetTrend.Outcome, Integer> counts = new EnumMap<>(LiveSetTrend.Outcome.class);
		String lastVerdict = "";
		String unconfirmedVerdict = null;
		String leakVerdict = null;
		StringBuilder timeline = new StringBuilder();
		while (System.nanoTime() - start < duration.toNanos()) {
			Thread.sleep(500);
			GaugeSnapshot snapshot = snapshotter.capture();
			LiveSet liveSet = snapshot.gc().liveSet();
			LiveSetTrend trend = LiveSetTrend.analyze(liveSet.series(), liveSet.trackedSince(), snapshot.capturedAt(),
					window, 16 * MB, 0.1);
			double seconds = (System.nanoTime() - start) / 1e9;
			first.putIfAbsent(trend.outcome(), seconds);
			counts.merge(trend.outcome(), 1, Integer::sum);
			timeline.append("TNSUWFGE".charAt(trend.outcome().ordinal()));
			if (Boolean.getBoolean("probe.points")) {
				System.out.printf("  %.1f %s %d->%d %d%n", seconds, trend.outcome(), trend.startBytes() / MB,
						trend.endBytes() / MB, trend.liveSetReadings());
			}
			lastVerdict = Diagnostician.diagnose(gatherer.atGaugeDepth(snapshot)).verdict();
			if (trend.outcome() == LiveSetTrend.Outcome.UNCONFIRMED_GROWTH && unconfirmedVerdict == null) {
				unconfirmedVerdict = lastVerdict;
			}
			if (trend.suspected() && leakVerdict == null) {
				leakVerdict = lastVerdict;
			}
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		workload.stop = true;
		long young = 0;
		long readings = 0;
		for (LiveSet.Point point : tracker.liveSet().recent()) {
			readings += point.isLiveSet() ? 1 : 0;
		}
		young = collections() - collectionsAtStart;
		print("collectionsPerSecond", young / elapsed);
		print("youngPerSecond", (youngCollections() - youngAtStart) / elapsed);
		print("leaked", workload.leaked.size() * 64 * 1024 / MB);
		print("timeline", timeline);
		for (Map.Entry<LiveSetTrend.Outcome, Double> entry : first.entrySet()) {
			print("first." + entry.getKey(), entry.getValue());
			print("count." + entry.getKey(), counts.get(entry.getKey()));
		}
		print("recentLiveSetReadings", readings);
		if (Boolean.getBoolean("probe.points")) {
			long t0 = tracker.liveSet().trackedSince().toEpochMilli();
			for (LiveSet.Point point : tracker.liveSet().recent()) {
				System.out.println("  " + (point.time().toEpochMilli() - t0) + " " + point.bytes() / MB + " "
						+ point.scope().label());
			}
		}
		print("verdict", lastVerdict);
		print("unconfirmedVerdict", unconfirmedVerdict);
		print("leakVerdict", leakVerdict);
	}

	/**
	 * Puts each kind of memory in place between two full captures.
	 */
	private static final class Breakdowns {

		private final LiveSetTracker tracker = LiveSetTracker.startPlatform(16);

		private final GaugeSnapshotter gauge = snapshotter(this.tracker);

		private final FullSnapshotter full = new FullSnapshotter(this.gauge::capture, Path.of("/"),
				DiagnosticCommands.platform());

		private final List<Object> held = new ArrayList<>();

		void run() throws Exception {
			for (int i = 0; i < 3; i++) {
				breakdown();
			}
			// The heap first, before anything else has made the collector run.
			measure("heap", Category.JAVA_HEAP, this::heap);
			measure("direct", Category.DIRECT_BUFFERS, this::direct);
			measure("malloc", Category.MALLOC_IN_USE, this::malloc);
			measure("stacks", Category.THREAD_STACKS, this::stacks);
			measure("metaspace", Category.METASPACE, this::metaspace);
			measure("retained", Category.MALLOC_RETAINED, this::retained);
			FullSnapshot last = this.full.capture();
			RssBreakdown breakdown = BreakdownCalculator.compute(last).orNull();
			print("measuredPercent", 100.0 * breakdown.measured() / breakdown.rss());
			print("claimedPercent", 100.0 * breakdown.claimed() / breakdown.rss());
			print("unexplainedPercent", 100.0 * breakdown.unexplained() / breakdown.rss());
			print("overclaimed", breakdown.overclaimed());
			print("systemMap", last.systemMap().isAvailable());
			if (last.systemMap().isAvailable()) {
				for (Map.Entry<String, long[]> entry : HeuristicCheck.compare(last).entrySet()) {
					print("map." + entry.getKey(), entry.getValue()[0] + "/" + entry.getValue()[1]);
				}
			}
		}

		private RssBreakdown breakdown() {
			return BreakdownCalculator.compute(this.full.capture()).orNull();
		}

		private void measure(String name, Category category, LongSupplier inject) {
			long collections = collections();
			RssBreakdown before = breakdown();
			long expected = inject.getAsLong();
			RssBreakdown after = breakdown();
			print(name + ".expected", expected);
			print(name + ".measured", after.bytes(category) - before.bytes(category));
			print(name + ".rss", after.rss() - before.rss());
			print(name + ".collections", collections() - collections);
			// JVM internals NMT counts grow on their own (a collector's mark stacks and
			// forwarding tables): what they claimed meanwhile, from the same anonymous
			// memory, the measured category may lack.
			long concurrent = 0;
			if (category != Category.GC_STRUCTURES && category != Category.JVM_OTHER) {
				for (Category internal : List.of(Category.GC_STRUCTURES, Category.JVM_OTHER)) {
					concurrent += Math.max(0, claimed(after, internal) - claimed(before, internal));
				}
			}
			print(name + ".concurrentClaims", concurrent);
			StringBuilder deltas = new StringBuilder();
			for (Category each : Category.values()) {
				long delta = after.bytes(each) - before.bytes(each);
				if (Math.abs(delta) >= MB / 2) {
					deltas.append(each.tag()).append(':').append(delta / MB).append("MB ");
				}
			}
			print(name + ".deltas", deltas.toString().strip());
		}

		private static long claimed(RssBreakdown breakdown, Category category) {
			return breakdown.parts()
				.stream()
				.filter((part) -> part.category() == category)
				.mapToLong((part) -> part.bytes() - part.resident())
				.sum();
		}

		// 64 MB of arrays small enough not to be humongous, in a fresh eden: the pages
		// are touched as they are allocated, and no collection runs before the capture.
		private long heap() {
			List<byte[]> arrays = new ArrayList<>();
			for (int i = 0; i < 256; i++) {
				arrays.add(new byte[256 * 1024]);
			}
			this.held.add(arrays);
			return 64 * MB;
		}

		// allocateDirect zeroes the buffer, so every page is resident.
		private long direct() {
			for (int i = 0; i < 64; i++) {
				this.held.add(ByteBuffer.allocateDirect((int) MB));
			}
			return 64 * MB;
		}

		private long malloc() {
			Unsafe unsafe = Unsafe.get();
			for (int i = 0; i < 4096; i++) {
				long address = unsafe.allocate(16 * 1024);
				unsafe.set(address, 16 * 1024, (byte) 1);
			}
			return 64 * MB;
		}

		// Each thread recurses until its stack overflows, which touches all of it but
		// the guard zones, then waits.
		private long stacks() {
			int threads = 32;
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch release = new CountDownLatch(1);
			for (int i = 0; i < threads; i++) {
				Thread thread = new Thread(() -> {
					try {
						recurse(0);
					}
					catch (StackOverflowError ex) {
						// the whole stack has been touched
					}
					ready.countDown();
					await(release);
				}, "deep-" + i);
				thread.setDaemon(true);
				thread.start();
			}
			await(ready);
			this.held.add(release);
			HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			long stackSize = Long.parseLong(hotspot.getVMOption("ThreadStackSize").getValue()) * 1024;
			return threads * stackSize;
		}

		// Classes defined from the bytes of Gen00000 under new names, in one loader. What
		// they take is the metaspace pool's used growth: the JVM's own count of the
		// metadata bytes.
		private long metaspace() {
			long before = metaspaceUsed();
			byte[] template = Generated.template();
			Generated loader = new Generated();
			for (int i = 1; i <= 3000; i++) {
				loader.define(template, i);
			}
			this.held.add(loader);
			return metaspaceUsed() - before;
		}

		// glibc keeps what is freed in the arenas of the threads that freed it; one
		// block in sixteen is kept so that no arena's top can shrink.
		private long retained() {
			Unsafe unsafe = Unsafe.get();
			int threads = 8;
			long[] freed = new long[threads];
			List<Thread> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int index = t;
				Thread worker = new Thread(() -> {
					long[] addresses = new long[1024];
					for (int i = 0; i < addresses.length; i++) {
						addresses[i] = unsafe.allocate(16 * 1024);
						unsafe.set(addresses[i], 16 * 1024, (byte) 1);
					}
					for (int i = 0; i < addresses.length; i++) {
						if (i % 16 != 15) {
							unsafe.free(addresses[i]);
							freed[index] += 16 * 1024;
						}
					}
				});
				worker.start();
				workers.add(worker);
			}
			long total = 0;
			for (int t = 0; t < threads; t++) {
				join(workers.get(t));
				total += freed[t];
			}
			return total;
		}

	}

	/**
	 * A busy service: short-lived garbage at a fixed rate (young collections), an
	 * optional steady leak, and optional objects that live a few seconds, long enough to
	 * be promoted, and then die in the old generation.
	 */
	private static final class Workload implements Runnable {

		private final long allocationPerSecond;

		private final long leakPerSecond;

		private final long promotedPerSecond;

		private final List<byte[]> leaked = new ArrayList<>();

		private final TreeMap<Long, byte[]> promoted = new TreeMap<>();

		private volatile boolean stop;

		Workload(long allocationMb, long leakMbPerSecond, long promotedMb) {
			this.allocationPerSecond = allocationMb * MB;
			this.leakPerSecond = leakMbPerSecond;
			this.promotedPerSecond = promotedMb * MB;
		}

		@Override
		public void run() {
			long start = System.nanoTime();
			long allocated = 0;
			long leaked = 0;
			long promoted = 0;
			long id = 0;
			while (!this.stop) {
				double seconds = (System.nanoTime() - start) / 1e9;
				if (allocated < seconds * this.allocationPerSecond) {
					for (int i = 0; i < 64; i++) {
						sink = new byte[1024];
					}
					allocated += 64 * 1024;
				}
				else if (leaked < seconds * this.leakPerSecond * MB) {
					this.leaked.add(new byte[64 * 1024]);
					leaked += 64 * 1024;
				}
				else if (promoted < seconds * this.promotedPerSecond) {
					this.promoted.put(id++, new byte[32 * 1024]);
					promoted += 32 * 1024;
					// each lives about a second: long enough to be promoted
					while (this.promoted.size() * 32L * 1024 > Math.max(1, this.promotedPerSecond)) {
						this.promoted.pollFirstEntry();
					}
				}
				else {
					try {
						Thread.sleep(1);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}

	}

	/**
	 * {@code sun.misc.Unsafe}'s malloc, free and memset, reached by reflection.
	 */
	private static final class Unsafe {

		private static Unsafe instance;

		private final Object unsafe;

		private final Method allocate;

		private final Method free;

		private final Method set;

		private Unsafe() throws ReflectiveOperationException {
			Class<?> type = Class.forName("sun.misc.Unsafe");
			Field field = type.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			this.unsafe = field.get(null);
			this.allocate = type.getMethod("allocateMemory", long.class);
			this.free = type.getMethod("freeMemory", long.class);
			this.set = type.getMethod("setMemory", long.class, long.class, byte.class);
		}

		static synchronized Unsafe get() {
			if (instance == null) {
				try {
					instance = new Unsafe();
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return instance;
		}

		long allocate(long bytes) {
			try {
				return (long) this.allocate.invoke(this.unsafe, bytes);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void free(long address) {
			try {
				this.free.invoke(this.unsafe, address);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void set(long address, long bytes, byte value) {
			try {
				this.set.invoke(this.unsafe, address, bytes, value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Defines renamed copies of {@link Gen00000}.
	 */
	private static final class Generated extends ClassLoader {

		private static final byte[] NAME = "Gen00000".getBytes(StandardCharsets.US_ASCII);

		private final List<Class<?>> classes = new ArrayList<>();

		Generated() {
			super(GroundTruthProbe.class.getClassLoader());
		}

		static byte[] template() {
			try (InputStream in = Gen00000.class.getResourceAsStream("Gen00000.class")) {
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void define(byte[] template, int index) {
			byte[] bytes = template.clone();
			byte[] name = String.format("Gen%05d", index).getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i + NAME.length <= bytes.length; i++) {
				boolean match = true;
				for (int j = 0; j < NAME.length && match; j++) {
					match = bytes[i + j] == NAME[j];
				}
				if (match) {
					System.arraycopy(name, 0, bytes, i, name.length);
				}
			}
			String className = Gen00000.class.getPackageName() + "." + new String(name, StandardCharsets.US_ASCII);
			Class<?> type = defineClass(className, bytes, 0, bytes.length);
			try {
				// Linking and initialising fill in the rest of the class's metadata.
				type.getDeclaredConstructor().newInstance();
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			this.classes.add(type);
		}

	}

}
