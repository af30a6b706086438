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

package io.github.memoryactuator.softlimit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * The CPU time of this JVM's garbage collector, from {@code /proc/self/task/<tid>/stat}
 * of the threads whose name ({@code comm}) is a GC thread's: G1's {@code GC Thread#N},
 * {@code G1 Conc#N}, {@code G1 Refine#N} and {@code G1 Service}, Parallel's
 * {@code GC Thread#N}, ZGC's {@code Z*} threads and its {@code RuntimeWorker}s on JDK 17,
 * Shenandoah's. Serial has no GC thread: its collections run on the {@code VM Thread},
 * which counts as GC under Serial only (elsewhere it only coordinates pauses). A thread's
 * name is read once; the directory is listed again every {@value #RELIST_EVERY} readings,
 * since collectors start workers lazily. The sum never goes back when a thread exits.
 * Resolution: the kernel's clock tick, 10 ms ({@code USER_HZ} = 100 in the proc ABI).
 */
final class GcCpuMeter {

	static final int RELIST_EVERY = 10;

	private static final long NANOS_PER_TICK = 10_000_000L;

	private final Path tasks;

	private final boolean vmThreadIsGc;

	private final Map<String, Boolean> gcThreads = new HashMap<>();

	private final Map<String, Long> lastTicks = new HashMap<>();

	private long total;

	private int readings;

	/**
	 * Create a meter.
	 * @param root the file system root, {@code /} in production
	 * @param vmThreadIsGc whether the VM Thread runs the collections (Serial)
	 */
	GcCpuMeter(Path root, boolean vmThreadIsGc) {
		this.tasks = root.resolve("proc/self/task");
		this.vmThreadIsGc = vmThreadIsGc;
	}

	static boolean isGcThread(String comm, boolean vmThreadIsGc) {
		if (comm.equals("VM Thread")) {
			return vmThreadIsGc;
		}
		return comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("Shenandoah")
				|| comm.startsWith("Shen") || comm.startsWith("RuntimeWorker") || comm.startsWith("ZWorker")
				|| comm.startsWith("ZDriver") || comm.startsWith("ZDirector") || comm.startsWith("ZUncommit")
				|| comm.startsWith("ZUnmap") || comm.startsWith("ZStat") || comm.startsWith("ZRuntime");
	}

	/**
	 * Return the GC's CPU time so far.
	 * @return the nanoseconds, or why they cannot be read (no {@code /proc})
	 */
	synchronized Reading<Long> read() {
		if ((this.readings++ % RELIST_EVERY) == 0 || this.gcThreads.isEmpty()) {
			Reading<Set<String>> listed = list();
			if (!listed.isAvailable()) {
				return Reading.unavailable(String.valueOf(listed.reason()));
			}
		}
		for (Map.Entry<String, Boolean> thread : this.gcThreads.entrySet()) {
			if (thread.getValue()) {
				add(thread.getKey());
			}
		}
		return Reading.of(this.total * NANOS_PER_TICK);
	}

	private Reading<Set<String>> list() {
		Set<String> seen = new HashSet<>();
		try (DirectoryStream<Path> directory = Files.newDirectoryStream(this.tasks)) {
			for (Path task : directory) {
				String tid = task.getFileName().toString();
				seen.add(tid);
				if (!this.gcThreads.containsKey(tid)) {
					String comm = readOrNull(task.resolve("comm"));
					if (comm != null) {
						this.gcThreads.put(tid, isGcThread(comm.strip(), this.vmThreadIsGc));
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return Reading.unavailable(Reading.Cause.MISSING, this.tasks + " cannot be listed (" + ex + ")");
		}
		this.gcThreads.keySet().retainAll(seen);
		this.lastTicks.keySet().retainAll(seen);
		return Reading.of(seen);
	}

	private void add(String tid) {
		String stat = readOrNull(this.tasks.resolve(tid).resolve("stat"));
		if (stat == null) {
			return;
		}
		long ticks = ticks(stat);
		if (ticks < 0) {
			return;
		}
		Long last = this.lastTicks.put(tid, ticks);
		long previous = (last != null) ? last : 0;
		if (ticks > previous) {
			this.total += ticks - previous;
		}
	}

	/**
	 * Return utime + stime of one {@code stat} line: fields 14 and 15, counted after the
	 * {@code ')'} that closes the name, which may itself hold spaces and parentheses.
	 * @param stat the line
	 * @return the clock ticks, or -1 for a line that is not a stat line
	 */
	static long ticks(String stat) {
		int close = stat.lastIndexOf(')');
		if (close < 0) {
			return -1;
		}
		String[] fields = stat.substring(close + 1).strip().split("\\s+");
		// fields[0] is field 3 (state); utime is field 14, stime field 15.
		if (fields.length < 13) {
			return -1;
		}
		try {
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static @Nullable String readOrNull(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException | RuntimeException ex) {
			// A thread that exited between the listing and the read.
			return null;
		}
	}

}
