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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A forked demo in a child memory cgroup of its own, with the soft limit's target set or
 * not and otherwise the product's default settings, sampled from outside every second as
 * the kernel weighs it (the larger of its RSS and the cgroup's working set). The workload
 * is the demo's own scenarios: bursts of heap churn (short-lived arrays: the young
 * generation grows, the live set does not) and of native churn (mallocs from many
 * threads, 11 in 12 freed: glibc keeps them).
 */
final class SoftLimitRun implements AutoCloseable {

	static final long MB = 1024 * 1024;

	private final String name;

	private final Path cgroup;

	private final Path launcher;

	private final long limit;

	private final @Nullable Long target;

	private final ForkedDemo demo;

	private final long startNanos = System.nanoTime();

	private final List<long[]> samples = new ArrayList<>();

	private final Thread sampler;

	private volatile boolean stop;

	// ZGC on JDK 17 maps the heap three times (its colored pointers), and VmRSS counts
	// each
	// mapping: the cgroup, which charges a page once, is then the only true figure.
	private volatile boolean cgroupOnly;

	private SoftLimitRun(String name, Path cgroup, Path launcher, long limit, @Nullable Long target, ForkedDemo demo) {
		this.name = name;
		this.cgroup = cgroup;
		this.launcher = launcher;
		this.limit = limit;
		this.target = target;
		this.demo = demo;
		this.sampler = new Thread(this::sample, "soft-limit-sampler-" + name);
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/**
	 * {@link #start Start} a run, or, where no limited cgroup can be made here, fail
	 * under CI and skip the test elsewhere.
	 * @param java the launcher of the JDK to run
	 * @param name names the log and the cgroup
	 * @param limit the cgroup's limit
	 * @param target the soft limit's target in bytes, or {@code null} for none
	 * @param jvmOptions the JVM's options
	 * @return the run
	 * @throws Exception when the demo does not start
	 */
	static SoftLimitRun startOrSkip(Path java, String name, long limit, @Nullable Long target, List<String> jvmOptions)
			throws Exception {
		try {
			return start(java, name, limit, target, jvmOptions);
		}
		catch (PreOomRun.CgroupUnavailable ex) {
			if (ForkedDemo.onCi()) {
				fail(ex.getMessage());
			}
			Assumptions.abort(ex.getMessage());
			throw ex;
		}
	}

	/**
	 * The launcher of a JDK to fork, or, where it is missing, fail under CI and skip the
	 * test elsewhere.
	 * @param feature the JDK's feature release
	 * @return its {@code java}
	 */
	static Path javaOrSkip(int feature) {
		Optional<Path> java = ForkedDemo.java(feature);
		if (java.isEmpty()) {
			if (ForkedDemo.onCi()) {
				fail("no JDK " + feature + " to fork");
			}
			Assumptions.abort("no JDK " + feature + " to fork");
		}
		return java.get();
	}

	/**
	 * Start a demo in a fresh cgroup.
	 * @param java the launcher of the JDK to run
	 * @param name names the log and the cgroup
	 * @param limit the cgroup's limit
	 * @param target the soft limit's target in bytes, or {@code null} for none
	 * @param jvmOptions the JVM's options
	 * @return the run
	 * @throws PreOomRun.CgroupUnavailable when no limited cgroup can be made here
	 */
	static SoftLimitRun start(Path java, String name, long limit, @Nullable Long target, List<String> jvmOptions)
			throws Exception {
		Path cgroup = PreOomRun.createLimitedCgroup(name, limit);
		Path launcher = null;
		try {
			launcher = Files.createTempFile("ma-softlimit-", ".sh",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Files.writeString(launcher, "#!/bin/sh\necho $$ > '" + cgroup.resolve("cgroup.procs")
					+ "' || exit 97\nexec '" + java + "' \"$@\"\n");
			List<String> arguments = new ArrayList<>();
			if (target != null) {
				arguments.add("--memory-actuator.soft-limit.target=" + (target / MB) + "MB");
			}
			ForkedDemo demo = ForkedDemo.start(launcher, name, jvmOptions, arguments);
			return new SoftLimitRun(name, cgroup, launcher, limit, target, demo);
		}
		catch (Exception | Error ex) {
			if (launcher != null) {
				Files.deleteIfExists(launcher);
			}
			PreOomRun.removeCgroup(cgroup);
			throw ex;
		}
	}

	/**
	 * Judge charged memory by the cgroup alone, not by the larger of it and
	 * {@code VmRSS}: for a JVM whose {@code VmRSS} counts the heap more than once (ZGC on
	 * JDK 17).
	 * @return this run
	 */
	SoftLimitRun cgroupOnly() {
		this.cgroupOnly = true;
		return this;
	}

	ForkedDemo demo() {
		return this.demo;
	}

	String name() {
		return this.name;
	}

	/**
	 * Seconds since the run started.
	 * @return the time
	 */
	double seconds() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	/**
	 * Run a scenario of the demo and wait for it; a killed demo is not an error here.
	 * @param path such as {@code /scenario/heap-churn?megabytes=2000}
	 * @return whether it answered 200
	 */
	boolean scenario(String path) {
		try {
			return this.demo.post(path, "{}").statusCode() == 200;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/**
	 * A burst of both kinds: native memory first, then the heap.
	 * @param nativeMegabytes malloc'ed in all, 1 in 12 kept until the next burst
	 * @param heapMegabytes short-lived arrays made in all
	 */
	void burst(int nativeMegabytes, int heapMegabytes) throws InterruptedException {
		burst(nativeMegabytes, heapMegabytes, 0);
	}

	/**
	 * A burst of both kinds, native memory first, then the heap after a pause.
	 * @param nativeMegabytes malloc'ed in all, 1 in 12 kept until the next burst
	 * @param heapMegabytes short-lived arrays made in all
	 * @param pauseMillis the time between the two
	 */
	void burst(int nativeMegabytes, int heapMegabytes, long pauseMillis) throws InterruptedException {
		scenario("/scenario/release");
		scenario("/scenario/native-churn?megabytes=" + nativeMegabytes + "&threads=8");
		Thread.sleep(pauseMillis);
		scenario("/scenario/heap-churn?megabytes=" + heapMegabytes);
	}

	/**
	 * Wait until the run has lasted the given time, or the demo died.
	 * @param seconds since the start
	 */
	void until(double seconds) throws InterruptedException {
		while (seconds() < seconds && this.demo.isAlive()) {
			Thread.sleep(50);
		}
	}

	boolean alive() {
		return this.demo.isAlive();
	}

	/**
	 * Return the charged memory sampled every second: {seconds x 1000, bytes}.
	 * @return a copy of the samples
	 */
	List<long[]> samples() {
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	/**
	 * Return the given percentile of the samples taken from a time on.
	 * @param percentile such as 0.95
	 * @param fromSeconds the first second counted
	 * @return the bytes
	 */
	long percentile(double percentile, double fromSeconds) {
		List<Long> values = new ArrayList<>();
		for (long[] sample : samples()) {
			if (sample[0] >= fromSeconds * 1000) {
				values.add(sample[1]);
			}
		}
		values.sort(null);
		if (values.isEmpty()) {
			return 0;
		}
		return values.get((int) Math.min(values.size() - 1, Math.ceil(percentile * values.size()) - 1));
	}

	long peak() {
		return samples().stream().mapToLong((sample) -> sample[1]).max().orElse(0);
	}

	/**
	 * Return the cgroup's own high-water mark of what it was charged, page cache
	 * included: a peak between two samples, such as the one the kernel kills at, is in
	 * it.
	 * @return the bytes, or 0 where the kernel keeps none
	 */
	long highWaterMark() {
		try {
			return Long.parseLong(Files.readString(first("memory.max_usage_in_bytes", "memory.peak")).strip());
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Return the lengths of the excursions over a level, in seconds: from the first
	 * sample over it to the first one under it again; one that has not ended is negative.
	 * @param level the level
	 * @param fromSeconds the first second counted
	 * @return the lengths
	 */
	List<Double> excursions(long level, double fromSeconds) {
		List<Double> lengths = new ArrayList<>();
		long startedAt = -1;
		long last = 0;
		for (long[] sample : samples()) {
			if (sample[0] < fromSeconds * 1000) {
				continue;
			}
			last = sample[0];
			if (sample[1] > level && startedAt < 0) {
				startedAt = sample[0];
			}
			else if (sample[1] <= level && startedAt >= 0) {
				lengths.add((sample[0] - startedAt) / 1000.0);
				startedAt = -1;
			}
		}
		if (startedAt >= 0) {
			lengths.add(-(last - startedAt) / 1000.0);
		}
		return lengths;
	}

	/**
	 * Return the CPU time the demo's collector threads have used so far, as the kernel
	 * counts it per thread (the demo runs Serial only where a test asks for it).
	 * @return the seconds
	 * @throws IOException when the demo's threads cannot be read
	 */
	double gcCpuSeconds() throws IOException {
		return ThreadCpu.gcSeconds(this.demo.pid(), false);
	}

	/**
	 * Churn the heap without pause from one client thread of the test's (512 MB of
	 * short-lived arrays a request) until the run has lasted the given time or the demo
	 * died. Returns at once.
	 * @param seconds since the start
	 * @return the requests served so far, counted as they are
	 */
	AtomicInteger churnHeap(double seconds) {
		AtomicInteger served = new AtomicInteger();
		Thread churn = new Thread(() -> {
			while (alive() && seconds() < seconds) {
				if (scenario("/scenario/heap-churn?megabytes=512")) {
					served.incrementAndGet();
				}
			}
		}, "churn-" + this.name);
		churn.setDaemon(true);
		churn.start();
		return served;
	}

	/**
	 * Return the soft limit's section as the demo shows it.
	 * @return the JSON text, or why there is none
	 */
	String softLimit() {
		try {
			return this.demo.get("/actuator/memory/softLimit").body();
		}
		catch (IOException | InterruptedException ex) {
			return "unavailable: " + ex;
		}
	}

	String describe() {
		long target = (this.target != null) ? this.target : 0;
		return String.format(Locale.ROOT, "%s: p95 %d MB, peak %d MB, limit %d MB%s, alive %s", this.name,
				percentile(0.95, 0) / MB, peak() / MB, this.limit / MB,
				(target > 0) ? ", target " + target / MB + " MB, excursions " + excursions(target, 5) : "", alive());
	}

	private void sample() {
		long next = System.nanoTime();
		while (!this.stop) {
			try {
				long charged = charged();
				synchronized (this.samples) {
					this.samples.add(new long[] { (System.nanoTime() - this.startNanos) / 1_000_000, charged });
				}
			}
			catch (IOException | RuntimeException ex) {
				// The process is gone; the cgroup may go with it.
			}
			next += 1_000_000_000L;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				try {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private long charged() throws IOException {
		Path usageFile = first("memory.usage_in_bytes", "memory.current");
		long usage = Long.parseLong(Files.readString(usageFile, StandardCharsets.UTF_8).strip());
		String stat = Files.readString(first("memory.stat", "memory.stat"), StandardCharsets.UTF_8);
		long inactive = statValue(stat,
				stat.contains("total_inactive_file ") ? "total_inactive_file" : "inactive_file");
		long rss = 0;
		try {
			String status = Files.readString(Path.of("/proc", Long.toString(this.demo.pid()), "status"));
			int at = status.indexOf("VmRSS:");
			if (at >= 0) {
				String value = status.substring(at + 6, status.indexOf('\n', at)).strip();
				rss = Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024;
			}
		}
		catch (NoSuchFileException ex) {
			// Gone: the cgroup's figure is all there is.
		}
		return this.cgroupOnly ? Math.max(0, usage - inactive) : Math.max(rss, Math.max(0, usage - inactive));
	}

	private Path first(String v1, String v2) {
		Path one = this.cgroup.resolve(v1);
		return Files.exists(one) ? one : this.cgroup.resolve(v2);
	}

	private static long statValue(String stat, String key) {
		for (String line : stat.split("\n")) {
			if (line.startsWith(key + " ")) {
				return Long.parseLong(line.substring(key.length() + 1).strip());
			}
		}
		return 0;
	}

	/**
	 * Return whether the kernel's OOM killer killed the demo.
	 * @return whether it died of SIGKILL
	 */
	boolean killed() throws InterruptedException {
		return !this.demo.isAlive() && this.demo.exitValue() == 137;
	}

	@Override
	public void close() throws Exception {
		this.stop = true;
		this.sampler.interrupt();
		this.sampler.join(2000);
		this.demo.close();
		Files.deleteIfExists(this.launcher);
		PreOomRun.removeCgroup(this.cgroup);
	}

}
