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

package io.github.memoryactuator.profiling;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;

import org.slf4j.LoggerFactory;

import io.github.memoryactuator.testing.TestClock;

/**
 * What the profiler's aggregation holds on the heap, measured as the heap in use after
 * full collections with and without it. Run it in a JVM of its own with
 * {@code -XX:+UseSerialGC}, where "used after a full GC" is the live heap.
 * <ul>
 * <li>{@code bound}: every table at its cap: 8,192 distinct frames, six minutes of 1,280
 * distinct 64-frame stacks each, 4,096 surviving samples, each with a 64-frame stack, and
 * the survivors' history of {@value SurvivorHistory#EMISSIONS} such emissions. No real
 * program fills them so; it is the most the profiler can hold.</li>
 * <li>{@code real <seconds>}: Flight Recorder sampling this JVM while it allocates from a
 * few hundred call paths; what the profiler holds at the end, Flight Recorder's own Java
 * objects for the stream included.</li>
 * </ul>
 * Prints {@code retainedBytes=<n>} and a line for people.
 */
public final class ProfilingFootprint {

	private static final int DEPTH = 64;

	private static volatile Object sink;

	private ProfilingFootprint() {
	}

	public static void main(String[] args) throws Exception {
		String mode = (args.length > 0) ? args[0] : "bound";
		// The logging back end initialises on first use; that is not the profiler's.
		LoggerFactory.getLogger(ProfilingFootprint.class).info("Measuring the profiler's heap: {}", mode);
		long before = liveHeap();
		Object[] held;
		if (mode.equals("real")) {
			held = real(Duration.ofSeconds((args.length > 1) ? Long.parseLong(args[1]) : 65));
		}
		else {
			held = bound();
		}
		long after = liveHeap();
		System.out.println("retainedBytes=" + (after - before));
		System.out.printf(Locale.ROOT, "%s: the profiler holds %.2f MB (%s)%n", mode, (after - before) / 1048576.0,
				held[held.length - 1]);
		if (held[0] instanceof AllocationProfiler profiler) {
			profiler.close();
		}
	}

	private static Object[] bound() {
		TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
		FrameInterner interner = new FrameInterner(AllocationProfiler.FRAMES);
		AllocationAggregator aggregator = new AllocationAggregator(clock, Duration.ofMinutes(5),
				AllocationProfiler.STACKS_PER_MINUTE, interner);
		List<Frame> frames = new ArrayList<>();
		for (int i = 0; i < AllocationProfiler.FRAMES; i++) {
			frames.add(interner.frame(
					String.format(Locale.ROOT, "com.example.generated.module%03d.Service%05d", i % 300, i),
					String.format(Locale.ROOT, "handleRequest%05d", i), 100 + i % 900));
		}
		Random random = new Random(1);
		int perMinute = AllocationProfiler.STACKS_PER_MINUTE + AllocationProfiler.STACKS_PER_MINUTE / 4;
		for (int minute = 0; minute < 6; minute++) {
			for (int i = 0; i < perMinute; i++) {
				aggregator.add(stack(frames, random), 1000);
			}
			clock.advance(Duration.ofMinutes(1));
			// The minute's first sample, which rolls the window and sweeps the interner.
		}
		clock.advance(Duration.ofSeconds(-30));
		// Every emission full, of groups that each hold a site of their own, and as many
		// emissions as the history keeps: its time series at their cap too.
		TestClock emissions = new TestClock(clock.instant());
		SurvivorCollector survivors = new SurvivorCollector(emissions, AllocationProfiler.SURVIVORS);
		for (int emission = 0; emission < SurvivorHistory.EMISSIONS; emission++) {
			survivors.requested();
			for (int i = 0; i < AllocationProfiler.SURVIVORS; i++) {
				survivors.add(new SurvivorSample(stack(frames, random), Duration.ofSeconds(i), OptionalLong.of(64)));
			}
			survivors.flushed();
			survivors.flushed();
			emissions.advance(Duration.ofSeconds(30));
		}
		return new Object[] { aggregator, survivors,
				"stacks in the window: " + aggregator.totals().stacks().size() + ", interned frames: " + interner.size()
						+ ", survivor emissions kept: " + survivors.history().size() };
	}

	private static SampledStack stack(List<Frame> frames, Random random) {
		List<Frame> stack = new ArrayList<>(DEPTH);
		for (int i = 0; i < DEPTH; i++) {
			stack.add(frames.get(random.nextInt(frames.size())));
		}
		return new SampledStack("byte[]", stack);
	}

	private static Object[] real(Duration duration) throws InterruptedException {
		AllocationProfiler profiler = AllocationProfiler
			.start(new ProfilingSettings(100, Duration.ofSeconds(10), Duration.ofMinutes(5)));
		long end = System.nanoTime() + duration.toNanos();
		Random random = new Random(1);
		long nextGc = System.nanoTime();
		while (System.nanoTime() < end) {
			for (int i = 0; i < 200; i++) {
				descend(random.nextInt(300), random.nextInt(24));
			}
			// Collections now and then, so that the leak profiler has survivors to keep;
			// the workload itself keeps nothing, or it would count as the profiler's.
			if (System.nanoTime() > nextGc) {
				System.gc();
				nextGc = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			}
			Thread.sleep(1);
		}
		sink = null;
		AllocationProfile profile = profiler.profile(OptionalLong.empty(), 20).orNull();
		String what = (profile != null) ? profile.allocations().samples() + " allocation samples, "
				+ profile.survivors().samples() + " survivors" : String.valueOf(profiler.status());
		return new Object[] { profiler, what };
	}

	// Allocation from several hundred distinct stacks: path picks one of 300 leaves
	// reached through a recursion of varying depth.
	private static void descend(int path, int depth) {
		if (depth > 0) {
			descend(path, depth - 1);
			return;
		}
		switch (path % 6) {
			case 0 -> sink = new byte[64 + path];
			case 1 -> sink = new char[32 + path];
			case 2 -> sink = new int[16 + path];
			case 3 -> sink = "text-" + path + "-" + System.nanoTime();
			case 4 -> sink = new ArrayList<>(List.of(path, depth));
			default -> sink = new long[8 + path];
		}
	}

	private static long liveHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
