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

package io.github.memoryactuator.reclaim;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.tuning.HeapTuning;

/**
 * A main class that {@link ReclaimForkedJvmTests} runs in a fresh JVM: it creates a
 * memory state, reclaims, and prints {@code key=value} lines. Modes: {@code heap} (a heap
 * burst dropped), {@code native} (a native burst from several threads, mostly freed),
 * {@code concurrent} (20 callers at once), {@code story} (a 1 GB heap burst and an 800 MB
 * native burst; {@code story wait} then waits for an outside {@code jcmd}).
 */
public final class ReclaimProbe {

	private static volatile Object sink;

	private ReclaimProbe() {
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		ReclaimService service = platformService();
		switch (mode) {
			case "heap" -> {
				heapBurst(600);
				print(service.reclaim(new ReclaimRequest(true, false, HeapSettings.none())), "heap");
			}
			case "native" -> {
				nativeBurst(4, 1000, 64 * 1024);
				print(service.reclaim(new ReclaimRequest(false, true, HeapSettings.none())), "native");
			}
			case "concurrent" -> concurrent(service, 20);
			case "story" -> {
				heapBurst(1024);
				nativeBurst(8, 1500, 128 * 1024);
				if (args.length > 1 && args[1].equals("wait")) {
					System.out.println("pid=" + ProcessHandle.current().pid());
					System.out.println("rssBefore=" + rss());
					System.out.flush();
					Thread.sleep(60_000);
				}
				else {
					print(service.reclaim(ReclaimRequest.defaults()), "story");
				}
			}
			default -> throw new IllegalArgumentException(mode);
		}
	}

	private static ReclaimService platformService() {
		GaugeSnapshotter snapshotter = new GaugeSnapshotter(new ProcStatusReader(Path.of("/")),
				new CgroupMemoryReader(Path.of("/")), JvmMemoryReader.platform(), LiveSetTracker.startPlatform(16),
				GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
		return new ReclaimService(snapshotter::capture, DiagnosticCommands.platform(), HeapTuning.platform(),
				ReclaimSettings.defaults(), new PauseGuard(ReclaimSettings.defaults().cooldown()));
	}

	// 256 KB arrays stay below half a G1 region of a 1 GB heap, so they are not
	// humongous.
	private static void heapBurst(int megabytes) {
		List<byte[]> burst = new ArrayList<>();
		for (int i = 0; i < megabytes * 4; i++) {
			byte[] block = new byte[256 * 1024];
			block[i % block.length] = 1;
			burst.add(block);
		}
		sink = burst;
		sink = null;
	}

	// Blocks below glibc's 128 KB mmap threshold land in the per-thread arenas; keeping
	// one in sixteen stops the arenas' tops from shrinking, so only malloc_trim returns
	// the freed pages.
	private static void nativeBurst(int threads, int blocksPerThread, int maxBlock) throws Exception {
		Object unsafe = unsafe();
		Method allocate = unsafe.getClass().getMethod("allocateMemory", long.class);
		Method free = unsafe.getClass().getMethod("freeMemory", long.class);
		Method set = unsafe.getClass().getMethod("setMemory", long.class, long.class, byte.class);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					Random random = new Random(42);
					long[] addresses = new long[blocksPerThread];
					for (int i = 0; i < addresses.length; i++) {
						long size = 16 * 1024 + random.nextInt(maxBlock - 16 * 1024);
						addresses[i] = (long) allocate.invoke(unsafe, size);
						set.invoke(unsafe, addresses[i], size, (byte) 1);
					}
					for (int i = 0; i < addresses.length; i++) {
						if (i % 16 != 0) {
							free.invoke(unsafe, addresses[i]);
						}
					}
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
	}

	private static Object unsafe() throws ReflectiveOperationException {
		Class<?> type = Class.forName("sun.misc.Unsafe");
		Field field = type.getDeclaredField("theUnsafe");
		field.setAccessible(true);
		return field.get(null);
	}

	private static void concurrent(ReclaimService service, int callers) throws Exception {
		long fullBefore = fullCollections();
		CountDownLatch start = new CountDownLatch(1);
		List<ReclaimOutcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
					outcomes.add(service.reclaim(ReclaimRequest.defaults()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		System.out.println("completed=" + outcomes.stream().filter(ReclaimOutcome.Completed.class::isInstance).count());
		System.out.println("busy=" + outcomes.stream()
			.filter((o) -> o instanceof ReclaimOutcome.Refused r && r.refusal() instanceof Refusal.Busy)
			.count());
		System.out.println("coolingDown=" + outcomes.stream()
			.filter((o) -> o instanceof ReclaimOutcome.Refused r && r.refusal() instanceof Refusal.CoolingDown)
			.count());
		System.out.println("fullGcDelta=" + (fullCollections() - fullBefore));
	}

	// GC.run is a full collection: G1 counts it under "G1 Old Generation", Serial under
	// "MarkSweepCompact", Parallel under "PS MarkSweep".
	private static long fullCollections() {
		long count = 0;
		for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
			String name = bean.getName();
			if (name.contains("Old") || name.contains("MarkSweep")) {
				count += Math.max(0, bean.getCollectionCount());
			}
		}
		return count;
	}

	private static void print(ReclaimOutcome outcome, String label) {
		if (!(outcome instanceof ReclaimOutcome.Completed completed)) {
			System.out.println("outcome=" + outcome);
			return;
		}
		ReclaimReport report = completed.report();
		System.out.println("outcome=completed");
		System.out.println("collector=" + report.collector().kind());
		System.out.println("gcStatus=" + report.gc().status());
		System.out.println("gcPauseMillis=" + report.gc().pause().toMillis());
		System.out.println("gcSettleMillis=" + report.gc().settle().toMillis());
		System.out.println("gcSettled=" + report.gc().settled());
		System.out.println("gcReleasedRss=" + report.gc().released().rss().orElse(0));
		System.out.println("gcReleasedHeapCommitted=" + report.gc().released().heapCommitted());
		System.out.println("heapCommittedBefore=" + report.before().jvm().heapCommitted());
		System.out.println("heapCommittedAfter=" + report.after().jvm().heapCommitted());
		System.out.println("trimStatus=" + report.trim().status());
		System.out.println("trimOutput=" + String.valueOf(report.trim().output()).strip());
		System.out
			.println("trimReported=" + ((report.trim().reported() != null) ? report.trim().reported().released() : 0));
		System.out.println("trimReleasedRss=" + report.trim().released().rss().orElse(0));
		System.out.println("releasedRss=" + report.released().rss().orElse(0));
		System.out.println("rssBefore=" + report.before().process().map((status) -> status.rss()).orNull());
		System.out.println("rssAfter=" + report.after().process().map((status) -> status.rss()).orNull());
		System.out.println("explanation=" + report.collector().explanation());
		System.out.println("summary=" + report.summary());
		System.out.println("gcCount=" + ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum());
	}

	private static long rss() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		return 0;
	}

}
