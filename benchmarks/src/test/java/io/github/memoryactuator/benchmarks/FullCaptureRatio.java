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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@link FullCaptureBenchmark}'s floor and full capture run in turn in one JVM, timed by
 * the clock and by the CPU time of the thread that runs them. JMH runs each benchmark in
 * a JVM of its own, so the two are compared across processes whose heaps (and so the page
 * tables {@code smaps} walks) differ, and on a shared machine the wall clock also counts
 * the time the thread waited for a core. Here both see the same process, and the thread's
 * CPU time (user and system: the kernel's page-table walk is charged to the reading
 * thread) is what each costs, whatever the load. Work done for it on other threads
 * (garbage collection, a safepoint operation in the VM thread) is not in the CPU figure.
 * Arguments: the shapes to run, {@code plain} and/or {@code threads}; the number of
 * rounds is {@code -Drounds=N} (default 400, a quarter of that with threads).
 */
public final class FullCaptureRatio {

	private FullCaptureRatio() {
	}

	public static void main(String[] args) throws Exception {
		String[] shapes = (args.length > 0) ? args : new String[] { "plain", "threads" };
		int rounds = Integer.getInteger("rounds", 400);
		System.out.printf(Locale.ROOT, "%s %s, %s%n", System.getProperty("java.vm.name"),
				System.getProperty("java.version"),
				String.join(" ",
						ManagementFactory.getRuntimeMXBean()
							.getInputArguments()
							.stream()
							.filter((arg) -> arg.startsWith("-XX"))
							.toList()));
		for (String shape : shapes) {
			run(shape, shape.equals("threads") ? Math.max(rounds / 4, 10) : rounds);
		}
	}

	private static void run(String shape, int rounds) throws Exception {
		FullCaptureBenchmark benchmark = new FullCaptureBenchmark();
		benchmark.mappings = shape;
		benchmark.setUp();
		try {
			Map<String, Callable<?>> tasks = new LinkedHashMap<>();
			tasks.put("floorSmapsRead", benchmark::floorSmapsRead);
			tasks.put("ours", benchmark::ours);
			tasks.put("partSmaps", benchmark::partSmaps);
			tasks.put("partVmInfo", benchmark::partVmInfo);
			tasks.put("partNmt", benchmark::partNmt);
			tasks.put("partSystemMap", benchmark::partSystemMap);
			tasks.put("partNativeHeapInfo", benchmark::partNativeHeapInfo);
			tasks.put("partHeapInfo", benchmark::partHeapInfo);
			List<Callable<?>> order = new ArrayList<>(tasks.values());
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long[][][] samples = new long[order.size()][2][rounds];
			for (int i = 0; i < rounds / 4 + 5; i++) {
				for (Callable<?> task : order) {
					task.call();
				}
			}
			for (int i = 0; i < rounds; i++) {
				// Rotate which goes first, so that none always follows another's garbage
				// or page faults.
				for (int k = 0; k < order.size(); k++) {
					int task = (i + k) % order.size();
					long wall = System.nanoTime();
					long cpu = threads.getCurrentThreadCpuTime();
					order.get(task).call();
					samples[task][1][i] = threads.getCurrentThreadCpuTime() - cpu;
					samples[task][0][i] = System.nanoTime() - wall;
				}
			}
			System.out.printf(Locale.ROOT, "%s, %d rounds, medians in ms:%n", shape, rounds);
			List<String> names = new ArrayList<>(tasks.keySet());
			double[][] medians = new double[order.size()][];
			for (int task = 0; task < order.size(); task++) {
				medians[task] = medians(samples[task]);
				System.out.printf(Locale.ROOT, "  %-20s %8.3f wall %8.3f cpu%n", names.get(task), medians[task][0],
						medians[task][1]);
			}
			System.out.printf(Locale.ROOT,
					"  full capture (%s): %.2f× the /proc/self/smaps floor by CPU time, %.2f× by wall clock%n", shape,
					medians[1][1] / medians[0][1], medians[1][0] / medians[0][0]);
		}
		finally {
			benchmark.tearDown();
		}
	}

	private static double[] medians(long[][] samples) {
		double[] medians = new double[samples.length];
		for (int i = 0; i < samples.length; i++) {
			long[] sorted = samples[i].clone();
			Arrays.sort(sorted);
			medians[i] = sorted[sorted.length / 2] / 1e6;
		}
		return medians;
	}

}
