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

package io.github.memoryactuator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The soft limit's cost, for {@code benchmarks/soft-limit-cost.sh}: one forked demo
 * ({@code -Xmx1g}) serving {@code GET /work?items=100} to four closed-loop clients, with
 * a burst of heap and native churn every 15 s, in phases of the given length that
 * alternate between no target and a target of 400 MB (set and removed through
 * {@code POST /actuator/memory/softLimit}). Prints per phase: requests per second, p99
 * latency, and the GC's share of the machine's CPU (the GC threads' CPU time in
 * {@code /proc/<pid>/task}, the VM Thread under Serial).
 * <p>
 * Arguments: the {@code java} launcher, the phase length in seconds, the number of phase
 * pairs, then JVM options.
 */
public final class SoftLimitCost {

	private SoftLimitCost() {
	}

	public static void main(String[] args) throws Exception {
		Path java = Path.of(args[0]);
		int seconds = Integer.parseInt(args[1]);
		int pairs = Integer.parseInt(args[2]);
		List<String> options = new ArrayList<>(List.of("-Xmx1g"));
		for (int i = 3; i < args.length; i++) {
			options.add(args[i]);
		}
		boolean serial = options.contains("-XX:+UseSerialGC");
		try (ForkedDemo demo = ForkedDemo.start(java, "soft-limit-cost", options,
				List.of("--management.endpoint.memory.access=unrestricted", "--memory-actuator.reclaim.cooldown=0s"))) {
			for (int i = 0; i < 2 * pairs; i++) {
				boolean holding = (i % 2) == 1;
				demo.post("/actuator/memory/softLimit", "{\"target\": \"" + (holding ? "400MB" : "off") + "\"}");
				System.out.println(phase(demo, holding, seconds, serial));
			}
		}
	}

	private static String phase(ForkedDemo demo, boolean holding, int seconds, boolean serial) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		List<long[]> latencies = new ArrayList<>();
		List<Thread> clients = new ArrayList<>();
		double gcBefore = ThreadCpu.gcSeconds(demo.pid(), serial);
		long start = System.nanoTime();
		for (int c = 0; c < 4; c++) {
			Thread client = new Thread(() -> {
				List<long[]> mine = new ArrayList<>();
				while (!stop.get()) {
					long t = System.nanoTime();
					try {
						demo.get("/work?items=100");
					}
					catch (Exception ex) {
						return;
					}
					mine.add(new long[] { System.nanoTime() - t });
				}
				synchronized (latencies) {
					latencies.addAll(mine);
				}
			});
			client.start();
			clients.add(client);
		}
		long next = start;
		while (System.nanoTime() - start < seconds * 1_000_000_000L) {
			if (System.nanoTime() >= next) {
				demo.post("/scenario/release", "{}");
				demo.post("/scenario/native-churn?megabytes=300&threads=8", "{}");
				demo.post("/scenario/heap-churn?megabytes=1000", "{}");
				next += 15_000_000_000L;
			}
			Thread.sleep(50);
		}
		stop.set(true);
		for (Thread client : clients) {
			client.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		double gc = ThreadCpu.gcSeconds(demo.pid(), serial) - gcBefore;
		long[] sorted = latencies.stream().mapToLong((l) -> l[0]).sorted().toArray();
		long p99 = (sorted.length > 0) ? sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]
				: 0;
		return String.format(Locale.ROOT, "PHASE %-7s %6.0f req/s  p99 %6.2f ms  GC CPU %5.2f %% of %d CPUs  load %s",
				holding ? "holding" : "off", sorted.length / elapsed, p99 / 1e6,
				100.0 * gc / (elapsed * Runtime.getRuntime().availableProcessors()),
				Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
	}

}
