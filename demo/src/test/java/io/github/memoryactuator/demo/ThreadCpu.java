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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A forked JVM's CPU time as the kernel counts it, read from outside in
 * {@code /proc/<pid>}: the test's own ground truth, independent of the product's meter.
 */
final class ThreadCpu {

	// USER_HZ, 100 on every Linux architecture the JDK runs on.
	private static final double TICKS_PER_SECOND = 100;

	private ThreadCpu() {
	}

	/**
	 * Return the CPU time the process's collector threads have used so far: G1's and
	 * Parallel's {@code GC Thread#N} and {@code G1 *} threads, ZGC's {@code Z*} and
	 * {@code RuntimeWorker}s, Shenandoah's, and under Serial the {@code VM Thread}, which
	 * runs its collections.
	 * @param pid the process
	 * @param serial whether it runs Serial
	 * @return the seconds
	 * @throws IOException when its threads cannot be listed
	 */
	static double gcSeconds(long pid, boolean serial) throws IOException {
		long ticks = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					String comm = Files.readString(task.resolve("comm")).strip();
					boolean gc = comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("Z")
							|| comm.startsWith("Shen") || comm.startsWith("RuntimeWorker")
							|| (serial && comm.equals("VM Thread"));
					if (gc) {
						ticks += ticks(task.resolve("stat"));
					}
				}
				catch (IOException ex) {
					// A thread that ended.
				}
			}
		}
		return ticks / TICKS_PER_SECOND;
	}

	/**
	 * Return the CPU time the whole process has used so far.
	 * @param pid the process
	 * @return the seconds
	 * @throws IOException when it cannot be read
	 */
	static double processSeconds(long pid) throws IOException {
		return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
	}

	// utime + stime, the 14th and 15th fields, after the parenthesised name that may hold
	// spaces.
	private static long ticks(Path stat) throws IOException {
		String text = Files.readString(stat);
		String[] fields = text.substring(text.lastIndexOf(')') + 1).strip().split("\\s+");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

}
