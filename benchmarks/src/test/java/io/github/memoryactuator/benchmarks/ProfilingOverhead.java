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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load half of {@code benchmarks/profiling-overhead.sh}: drives two running demos,
 * one with allocation profiling off and one with it on, with the same closed-loop request
 * load, one after the other in alternating order for several rounds, and prints each
 * round's throughput and 99th percentile latency and the ratios of on to off. On a shared
 * machine other processes move throughput and latency from run to run, so it also prints
 * the CPU time each server spent per request ({@code utime + stime} of
 * {@code /proc/<pid>/stat}), which they move much less.
 * <p>
 * Arguments: {@code <url-off> <url-on> <rounds> <seconds-per-run> <threads> <pid-off>
 * <pid-on> <warm-up-seconds>}.
 */
public final class ProfilingOverhead {

	private ProfilingOverhead() {
	}

	public static void main(String[] args) throws Exception {
		Target off = new Target(args[0], Long.parseLong(args[5]));
		Target on = new Target(args[1], Long.parseLong(args[6]));
		int rounds = Integer.parseInt(args[2]);
		Duration run = Duration.ofSeconds(Long.parseLong(args[3]));
		int threads = Integer.parseInt(args[4]);
		Duration warmUp = Duration.ofSeconds(Long.parseLong(args[7]));
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		// Warm both up: JIT, connection pools, the profiler's first minute.
		load(client, off, warmUp, threads);
		load(client, on, warmUp, threads);
		List<double[]> ratios = new ArrayList<>();
		System.out.printf(Locale.ROOT, "%-5s %-5s %10s %10s %10s %10s %10s %10s %9s %9s %9s%n", "round", "first",
				"off req/s", "off p99", "off cpu/r", "on req/s", "on p99", "on cpu/r", "thr ratio", "p99 ratio",
				"cpu ratio");
		for (int round = 1; round <= rounds; round++) {
			boolean offFirst = round % 2 == 1;
			Result first = load(client, offFirst ? off : on, run, threads);
			Result second = load(client, offFirst ? on : off, run, threads);
			Result resultOff = offFirst ? first : second;
			Result resultOn = offFirst ? second : first;
			double[] ratio = { resultOn.perSecond() / resultOff.perSecond(),
					resultOn.p99Millis() / resultOff.p99Millis(),
					resultOn.cpuMicrosPerRequest() / resultOff.cpuMicrosPerRequest() };
			ratios.add(ratio);
			System.out.printf(Locale.ROOT, "%-5d %-5s %10.0f %10.2f %10.1f %10.0f %10.2f %10.1f %9.3f %9.3f %9.3f%n",
					round, offFirst ? "off" : "on", resultOff.perSecond(), resultOff.p99Millis(),
					resultOff.cpuMicrosPerRequest(), resultOn.perSecond(), resultOn.p99Millis(),
					resultOn.cpuMicrosPerRequest(), ratio[0], ratio[1], ratio[2]);
		}
		System.out.printf(Locale.ROOT,
				"median of %d rounds (min-max): throughput on/off %s, p99 on/off %s, server CPU per request on/off %s%n",
				rounds, summary(ratios, 0), summary(ratios, 1), summary(ratios, 2));
		System.out.println("(p99 in ms; cpu/r in CPU microseconds per request)");
	}

	private static Result load(HttpClient client, Target target, Duration run, int threads) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		long cpuBefore = cpuTicks(target.pid());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long end = System.nanoTime() + run.toNanos();
			List<Future<long[]>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					long[] latencies = new long[1024];
					int count = 0;
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 200) {
							throw new IllegalStateException(target.url() + " answered " + response.statusCode());
						}
						if (count == latencies.length) {
							latencies = Arrays.copyOf(latencies, count * 2);
						}
						latencies[count++] = System.nanoTime() - start;
					}
					return Arrays.copyOf(latencies, count);
				}));
			}
			List<long[]> all = new ArrayList<>();
			for (Future<long[]> future : futures) {
				all.add(future.get());
			}
			long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
			double cpuMicros = (cpuTicks(target.pid()) - cpuBefore) * 10_000.0;
			int p99 = (int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1);
			return new Result(latencies.length / (double) run.toSeconds(), latencies[p99] / 1e6,
					cpuMicros / latencies.length);
		}
		finally {
			pool.shutdownNow();
		}
	}

	// utime + stime of a process, in clock ticks (100 a second on Linux).
	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// The command name is in parentheses and may hold spaces; count fields after it.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static String summary(List<double[]> ratios, int column) {
		double[] sorted = ratios.stream().mapToDouble((ratio) -> ratio[column]).sorted().toArray();
		int middle = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", median, sorted[0], sorted[sorted.length - 1]);
	}

	private record Target(String url, long pid) {
	}

	private record Result(double perSecond, double p99Millis, double cpuMicrosPerRequest) {
	}

}
