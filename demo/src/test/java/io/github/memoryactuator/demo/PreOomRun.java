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
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * One forked demo in a child memory cgroup of its own, watched from outside as the kernel
 * sees it: a thread of the test JVM reads the cgroup's usage and {@code inactive_file},
 * the demo's {@code VmRSS}, its log and the report directory every {@value #POLL_MILLIS}
 * ms, and notes when the charged memory first crossed the threshold, when the warning and
 * each stage of the report appeared, and when the process died. Nothing here waits for
 * the product or paces the growth: the demo grows on its own thread once asked.
 * <p>
 * The cgroup is a child of this process's own (v1: the memory controller's line of
 * {@code /proc/self/cgroup}; v2: the unified one), with no swap, and is removed on close.
 */
final class PreOomRun implements AutoCloseable {

	static final long MB = 1024 * 1024;

	static final int POLL_MILLIS = 5;

	static final double THRESHOLD = 0.9;

	private final Path cgroup;

	private final Path launcher;

	private final Path reports;

	private final long limit;

	private final ForkedDemo demo;

	private final Observer observer;

	private final Thread observing;

	private PreOomRun(Path cgroup, Path launcher, Path reports, long limit, ForkedDemo demo) {
		this.cgroup = cgroup;
		this.launcher = launcher;
		this.reports = reports;
		this.limit = limit;
		this.demo = demo;
		this.observer = new Observer();
		this.observing = new Thread(this.observer, "pre-oom-observer");
		this.observing.setDaemon(true);
		this.observing.start();
	}

	/**
	 * {@link #start Start} a run, or, where no limited cgroup can be made here, fail
	 * under CI and skip the test elsewhere.
	 * @param java the {@code java} launcher
	 * @param name names the log file
	 * @param limit the cgroup's memory limit
	 * @param jvmOptions options for the JVM
	 * @return the run
	 * @throws Exception when the demo does not start
	 */
	static PreOomRun startOrSkip(Path java, String name, long limit, List<String> jvmOptions) throws Exception {
		try {
			return start(java, name, limit, jvmOptions);
		}
		catch (CgroupUnavailable ex) {
			if (ForkedDemo.onCi()) {
				fail(ex.getMessage());
			}
			Assumptions.abort(ex.getMessage());
			throw ex;
		}
	}

	/**
	 * Create the cgroup, start the demo inside it with the report directory set and
	 * otherwise the default settings, and start observing.
	 * @param java the {@code java} launcher
	 * @param name names the log file
	 * @param limit the cgroup's memory limit
	 * @param jvmOptions options for the JVM
	 * @return the run
	 * @throws CgroupUnavailable when a limited cgroup cannot be made here
	 */
	static PreOomRun start(Path java, String name, long limit, List<String> jvmOptions) throws Exception {
		Path cgroup = createLimitedCgroup(name, limit);
		Path launcher = null;
		Path reports = null;
		try {
			launcher = Files.createTempFile("ma-preoom-", ".sh",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			reports = Files.createTempDirectory("ma-preoom-reports-");
			// The JVM must be in the cgroup from its first allocation: the launcher moves
			// its own shell there and then becomes java, keeping its pid.
			Files.writeString(launcher, "#!/bin/sh\necho $$ > '" + cgroup.resolve("cgroup.procs")
					+ "' || exit 97\nexec '" + java + "' \"$@\"\n");
			ForkedDemo demo = ForkedDemo.start(launcher, name, jvmOptions,
					List.of("--memory-actuator.pre-oom.directory=" + reports));
			return new PreOomRun(cgroup, launcher, reports, limit, demo);
		}
		catch (Exception | Error ex) {
			cleanUp(cgroup, launcher, reports);
			throw ex;
		}
	}

	ForkedDemo demo() {
		return this.demo;
	}

	Path reports() {
		return this.reports;
	}

	long limit() {
		return this.limit;
	}

	/**
	 * Return the memory charged to the demo as the watch weighs it, read now.
	 * @return the larger of its RSS and the cgroup's working set
	 */
	long charged() throws IOException {
		return this.observer.charged();
	}

	/**
	 * Ask the demo to grow on its own thread; the request returns at once.
	 * @param source {@code heap} or {@code native}
	 * @param megabytesPerSecond the pace
	 * @param megabytes how much in all
	 */
	void grow(String source, int megabytesPerSecond, long megabytes) throws Exception {
		int status = this.demo
			.post("/scenario/grow?source=" + source + "&megabytesPerSecond=" + megabytesPerSecond + "&megabytes="
					+ megabytes, "{}")
			.statusCode();
		if (status != 200) {
			throw new IllegalStateException("POST /scenario/grow answered " + status + "; log: " + this.demo.logFile());
		}
	}

	/**
	 * Wait for the process to end.
	 * @param timeout how long at most
	 * @return whether it ended
	 */
	boolean awaitExit(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.demo.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(POLL_MILLIS);
		}
		if (this.demo.isAlive()) {
			return false;
		}
		// Its last look at the files, after it saw the process gone.
		this.observing.join(TimeUnit.SECONDS.toMillis(5));
		return true;
	}

	/**
	 * Return what the observer saw so far.
	 * @return the times, in milliseconds of the wall clock, 0 for what it did not see
	 */
	Timings timings() {
		return new Timings(this.observer.crossing, this.observer.crossingCharged, this.observer.warned,
				this.observer.quick, this.observer.full, this.observer.died);
	}

	List<String> observerProblems() {
		return List.copyOf(this.observer.problems);
	}

	List<String> preOomWarnings() throws IOException {
		return Files.readAllLines(this.demo.logFile(), StandardCharsets.UTF_8)
			.stream()
			.filter(PreOomRun::isPreOomWarning)
			.map((line) -> line.substring(line.indexOf(": Memory is at ") + 2))
			.toList();
	}

	List<Path> reportFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.reports)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("pre-oom-")).sorted().toList();
		}
	}

	List<Path> unfinishedFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.reports)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	@Override
	public void close() throws Exception {
		this.observer.stop = true;
		this.observing.join(TimeUnit.SECONDS.toMillis(5));
		this.demo.close();
		// Kept beside the log, for a post-mortem.
		String log = this.demo.logFile().getFileName().toString();
		for (Path report : reportFiles()) {
			Files.copy(report, this.demo.logFile().resolveSibling(log.replace(".log", "-report.json")),
					StandardCopyOption.REPLACE_EXISTING);
		}
		cleanUp(this.cgroup, this.launcher, this.reports);
	}

	private static boolean isPreOomWarning(String line) {
		return line.contains(" WARN ") && line.contains("PreOomWatch") && line.contains(": Memory is at ");
	}

	private static long statValue(String stat, String key) {
		for (String line : stat.split("\n")) {
			if (line.startsWith(key + " ")) {
				return Long.parseLong(line.substring(key.length() + 1).strip());
			}
		}
		return 0;
	}

	private static void cleanUp(Path cgroup, @Nullable Path launcher, @Nullable Path reports)
			throws IOException, InterruptedException {
		if (launcher != null) {
			Files.deleteIfExists(launcher);
		}
		if (reports != null) {
			try (Stream<Path> files = Files.list(reports)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(reports);
		}
		removeCgroup(cgroup);
	}

	static Path createLimitedCgroup(String name, long limit) throws IOException {
		try {
			Path own = ownMemoryCgroup();
			Path child = own.resolve("ma-" + name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
			Files.createDirectory(child);
			if (Files.exists(child.resolve("memory.limit_in_bytes"))) {
				Files.writeString(child.resolve("memory.limit_in_bytes"), Long.toString(limit));
				// No swap: the limit must end in the OOM killer, not in paging.
				Files.writeString(child.resolve("memory.swappiness"), "0");
			}
			else {
				Files.writeString(child.resolve("memory.max"), Long.toString(limit));
				Files.writeString(child.resolve("memory.swap.max"), "0");
			}
			return child;
		}
		catch (IOException | RuntimeException ex) {
			throw new CgroupUnavailable("cannot create a memory cgroup with a limit here: " + ex);
		}
	}

	// v1: the memory controller's line of /proc/self/cgroup; v2: the unified one.
	private static Path ownMemoryCgroup() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
		for (String line : lines) {
			String[] parts = line.split(":", 3);
			if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
				return Path.of("/sys/fs/cgroup/memory" + parts[2]);
			}
		}
		for (String line : lines) {
			if (line.startsWith("0::")) {
				return Path.of("/sys/fs/cgroup" + line.substring(3));
			}
		}
		throw new IOException("no memory cgroup in /proc/self/cgroup: " + lines);
	}

	static void removeCgroup(Path cgroup) throws InterruptedException {
		// A killed JVM leaves the cgroup a moment after it is reaped.
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				Files.deleteIfExists(cgroup);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		System.err.println("could not remove " + cgroup);
	}

	/**
	 * When each thing happened, in milliseconds of the wall clock (the demo's log and the
	 * file times use the same clock), 0 for what did not happen.
	 *
	 * @param crossing when the charged memory was first seen at or above the threshold
	 * @param crossingCharged the charged memory then
	 * @param warned the time stamp of the pre-OOM WARN line
	 * @param quick when the report file was first in place (its modification time)
	 * @param full when the full report was in place (its modification time)
	 * @param died when the process was seen dead
	 */
	record Timings(long crossing, long crossingCharged, long warned, long quick, long full, long died) {

		String describe() {
			return "crossing->WARN " + since(this.warned) + ", ->quick report " + since(this.quick) + ", ->full report "
					+ since(this.full) + ", ->kill " + since(this.died) + " (WARN->kill "
					+ ((this.warned > 0 && this.died > 0) ? (this.died - this.warned) + " ms" : "never") + ")";
		}

		private String since(long time) {
			return (time > 0 && this.crossing > 0) ? (time - this.crossing) + " ms" : "never";
		}

	}

	/**
	 * A memory cgroup with a limit cannot be made here (not root, no memory controller).
	 */
	static final class CgroupUnavailable extends IOException {

		CgroupUnavailable(String message) {
			super(message);
		}

	}

	private final class Observer implements Runnable {

		private final byte[] buffer = new byte[8192];

		private volatile boolean stop;

		private volatile long crossing;

		private volatile long crossingCharged;

		private volatile long warned;

		private volatile long quick;

		private volatile long full;

		private volatile long died;

		private long logOffset;

		private final StringBuilder logTail = new StringBuilder();

		private final List<String> problems = new CopyOnWriteArrayList<>();

		private long reportModified;

		@Override
		public void run() {
			while (!this.stop) {
				try {
					observe();
				}
				catch (IOException | RuntimeException ex) {
					this.problems.add(ex.toString());
				}
				if (this.died != 0) {
					// The files outlive the process: one last look.
					try {
						files();
						log();
					}
					catch (IOException ex) {
						this.problems.add(ex.toString());
					}
					return;
				}
				try {
					Thread.sleep(POLL_MILLIS);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private void observe() throws IOException {
			boolean alive = PreOomRun.this.demo.isAlive();
			if (this.crossing == 0 && alive) {
				long charged = charged();
				if (charged >= THRESHOLD * PreOomRun.this.limit) {
					this.crossingCharged = charged;
					this.crossing = System.currentTimeMillis();
				}
			}
			files();
			log();
			if (!alive && this.died == 0) {
				this.died = System.currentTimeMillis();
			}
		}

		long charged() throws IOException {
			long usage = number(first("memory.usage_in_bytes", "memory.current"));
			String stat = readSmall(first("memory.stat", "memory.stat"));
			long inactive = statValue(stat,
					stat.contains("total_inactive_file ") ? "total_inactive_file" : "inactive_file");
			long rss = 0;
			try {
				String status = readSmall(Path.of("/proc", Long.toString(PreOomRun.this.demo.pid()), "status"));
				int at = status.indexOf("VmRSS:");
				if (at >= 0) {
					String value = status.substring(at + 6, status.indexOf('\n', at)).strip();
					rss = Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024;
				}
			}
			catch (NoSuchFileException ex) {
				// Gone: the cgroup's figure is all there is.
			}
			return Math.max(rss, Math.max(0, usage - inactive));
		}

		private void files() throws IOException {
			if (this.full != 0) {
				return;
			}
			try (DirectoryStream<Path> files = Files.newDirectoryStream(PreOomRun.this.reports, "pre-oom-*.json")) {
				for (Path file : files) {
					long modified;
					String text;
					try {
						modified = Files.getLastModifiedTime(file).toMillis();
						if (modified == this.reportModified) {
							continue;
						}
						text = Files.readString(file, StandardCharsets.UTF_8);
					}
					catch (NoSuchFileException ex) {
						continue;
					}
					this.reportModified = modified;
					if (this.quick == 0) {
						this.quick = modified;
					}
					if (text.contains("\"stage\":\"full\"")) {
						this.full = modified;
					}
				}
			}
		}

		private void log() throws IOException {
			if (this.warned != 0) {
				return;
			}
			try (RandomAccessFile file = new RandomAccessFile(PreOomRun.this.demo.logFile().toFile(), "r")) {
				file.seek(this.logOffset);
				int n;
				while ((n = file.read(this.buffer)) > 0) {
					this.logOffset += n;
					this.logTail.append(new String(this.buffer, 0, n, StandardCharsets.UTF_8));
				}
			}
			int end;
			while ((end = this.logTail.indexOf("\n")) >= 0) {
				String line = this.logTail.substring(0, end);
				this.logTail.delete(0, end + 1);
				if (isPreOomWarning(line)) {
					this.warned = stamp(line);
					return;
				}
			}
		}

		private long stamp(String line) {
			try {
				return OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant().toEpochMilli();
			}
			catch (DateTimeParseException | StringIndexOutOfBoundsException ex) {
				this.problems.add("no time stamp at the start of " + line);
				return System.currentTimeMillis();
			}
		}

		private Path first(String v1, String v2) {
			Path one = PreOomRun.this.cgroup.resolve(v1);
			return Files.exists(one) ? one : PreOomRun.this.cgroup.resolve(v2);
		}

		private String readSmall(Path file) throws IOException {
			return Files.readString(file, StandardCharsets.ISO_8859_1);
		}

		private long number(Path file) throws IOException {
			return Long.parseLong(readSmall(file).strip());
		}

	}

}
