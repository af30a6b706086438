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

package io.github.memoryactuator.preoom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the pre-OOM report to a directory when the {@link PreOomWatch} warns, in two
 * stages: first the {@link PreOomQuickReport quick report} (what is in memory already:
 * the warning, the gauge-depth snapshot, the newest breakdown point, the history), within
 * milliseconds, then the {@link PreOomReport full report} with a fresh full capture,
 * which replaces it in the same file. A fast leak can reach the limit before a full
 * capture is done; the kill then leaves the quick report. Each stage is written to a
 * temporary file first and moved into place atomically, so the file is always one whole
 * report.
 * <p>
 * It writes on a thread of its own, started with the writer (not at the first warning,
 * near the limit), so the watch's thread only hands the warning over; at most once per
 * {@code minInterval}; keeping the newest {@code maxFiles} reports
 * ({@code pre-oom-*.json}), deleting the oldest.
 * <p>
 * Writing never fails the application: a missing directory, a path that is not a
 * directory, a read-only file system or a full disk gets one WARN line with the reason,
 * and the report is dropped.
 *
 * @since 0.1.0
 */
public final class PreOomReportWriter implements Consumer<PreOomWarning>, AutoCloseable {

	/**
	 * What the name of every report starts with.
	 */
	public static final String PREFIX = "pre-oom-";

	private static final Logger logger = LoggerFactory.getLogger(PreOomReportWriter.class);

	// Sortable: the oldest report has the smallest name.
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String TEMP_SUFFIX = ".tmp";

	/**
	 * How long {@link #close()} waits for a report being written.
	 */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	private final Path directory;

	private final Duration minInterval;

	private final int maxFiles;

	private final Function<PreOomWarning, PreOomQuickReport> quickReports;

	private final Function<PreOomWarning, PreOomReport> fullReports;

	private final Clock clock;

	private final FileOutput output;

	private final Consumer<String> problems;

	private final String directoryName;

	private final ThreadPoolExecutor executor;

	private final AtomicBoolean busy = new AtomicBoolean();

	private volatile @Nullable Instant lastAttempt;

	/**
	 * Create a writer and start its thread.
	 * @param directory where reports go; it must exist
	 * @param minInterval the least time between two reports
	 * @param maxFiles how many reports the directory keeps, at least 1
	 * @param quickReports the quick report for a warning, from memory only
	 * @param fullReports the full report for a warning (a full capture, the diagnosis,
	 * the history), put together after the quick one is written
	 * @param directoryName what the caller calls the directory's setting, such as a
	 * property's key, for the messages of a report that cannot be written
	 */
	public PreOomReportWriter(Path directory, Duration minInterval, int maxFiles,
			Function<PreOomWarning, PreOomQuickReport> quickReports, Function<PreOomWarning, PreOomReport> fullReports,
			String directoryName) {
		this(directory, minInterval, maxFiles, quickReports, fullReports, Clock.systemUTC(),
				PreOomReportWriter::createAndWrite, logger::warn, directoryName);
	}

	PreOomReportWriter(Path directory, Duration minInterval, int maxFiles,
			Function<PreOomWarning, PreOomQuickReport> quickReports, Function<PreOomWarning, PreOomReport> fullReports,
			Clock clock, FileOutput output, Consumer<String> problems, String directoryName) {
		if (minInterval.isNegative()) {
			throw new IllegalArgumentException("'minInterval' must not be negative, but was " + minInterval);
		}
		if (maxFiles < 1) {
			throw new IllegalArgumentException("'maxFiles' must be at least 1, but was " + maxFiles);
		}
		this.directory = directory;
		this.minInterval = minInterval;
		this.maxFiles = maxFiles;
		this.quickReports = quickReports;
		this.fullReports = fullReports;
		this.clock = clock;
		this.output = output;
		this.problems = problems;
		this.directoryName = directoryName;
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), (task) -> {
			Thread thread = new Thread(task, "memory-actuator-pre-oom");
			thread.setDaemon(true);
			return thread;
		});
		// A thread is a stack mapped and a kernel task made: not something to do at 90%
		// of the limit.
		this.executor.prestartCoreThread();
		removeUnfinished();
	}

	/**
	 * Write a report in the background, unless one was attempted less than
	 * {@code minInterval} ago or one is being written. Returns at once.
	 * @param warning the warning that asks for the report
	 */
	@Override
	public void accept(PreOomWarning warning) {
		Instant now = this.clock.instant();
		if (!due(now) || !this.busy.compareAndSet(false, true)) {
			return;
		}
		this.lastAttempt = now;
		try {
			this.executor.execute(() -> {
				try {
					write(warning);
				}
				finally {
					this.busy.set(false);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Closed: the application is stopping.
			this.busy.set(false);
		}
	}

	private boolean due(Instant now) {
		Instant last = this.lastAttempt;
		if (last == null || !now.isBefore(last.plus(this.minInterval))) {
			return true;
		}
		logger.debug("Pre-OOM report skipped: the last one was attempted at {}, less than {} ago", last,
				this.minInterval);
		return false;
	}

	// Whether a report is being put together or written.
	boolean writing() {
		return this.busy.get();
	}

	/**
	 * Write a report now, on the caller's thread, quick first and full second; the
	 * interval is not checked.
	 * @param warning the warning that asks for the report
	 * @return the report's file, or {@code null} when neither stage could be written (the
	 * reason is logged)
	 */
	@Nullable Path write(PreOomWarning warning) {
		String problem = directoryProblem();
		if (problem != null) {
			return problem(problem);
		}
		String name = PREFIX + STAMP.format(this.clock.instant()) + "-" + ProcessHandle.current().pid() + ".json";
		Path target = this.directory.resolve(name);
		boolean quick = stage(target, false, "quick report", () -> this.quickReports.apply(warning).toJson(), warning);
		boolean full = stage(target, true, (quick ? "full report (the quick report stays)" : "full report"),
				() -> this.fullReports.apply(warning).toJson(), warning);
		if (!quick && !full) {
			return null;
		}
		prune();
		return target;
	}

	private boolean stage(Path target, boolean full, String what, Supplier<String> json, PreOomWarning warning) {
		byte[] bytes;
		try {
			bytes = json.get().getBytes(StandardCharsets.UTF_8);
		}
		catch (RuntimeException ex) {
			problem("the " + what + " could not be put together: " + ex);
			return false;
		}
		Path temp = this.directory.resolve("." + target.getFileName() + TEMP_SUFFIX);
		try {
			// No fsync: the OOM killer ends the process, not the machine, and the page
			// cache keeps what was written.
			this.output.write(temp, bytes);
			move(temp, target);
		}
		catch (IOException ex) {
			deleteQuietly(temp);
			problem("writing the " + what + " to " + target + " failed: " + describe(ex));
			return false;
		}
		long millis = Duration.between(warning.sample().time(), this.clock.instant()).toMillis();
		if (!full) {
			logger.warn("Pre-OOM report written to {} ({} bytes, {} ms after the sample that crossed the threshold); "
					+ "the full capture follows", target, bytes.length, millis);
		}
		else {
			logger.info("Pre-OOM report {} now holds the full capture ({} bytes, {} ms after the sample that "
					+ "crossed the threshold)", target, bytes.length, millis);
		}
		return true;
	}

	private @Nullable String directoryProblem() {
		if (!Files.exists(this.directory)) {
			return "the directory " + this.directory + " does not exist";
		}
		if (!Files.isDirectory(this.directory)) {
			return this.directory + " is not a directory";
		}
		return null;
	}

	private @Nullable Path problem(String reason) {
		this.problems.accept("Pre-OOM report not written: " + reason + " (" + this.directoryName + ")");
		return null;
	}

	// rename(2) replaces the quick report in one step: a reader opens the one or the
	// other, never neither.
	private static void move(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	// A process killed while it wrote a stage leaves its temporary file; its pid is in
	// the name, and a pid that is gone will not finish it.
	private void removeUnfinished() {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		int removed = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "." + PREFIX + "*" + TEMP_SUFFIX)) {
			for (Path file : files) {
				if (!writerAlive(file.getFileName().toString())) {
					Files.deleteIfExists(file);
					removed++;
				}
			}
		}
		catch (IOException ex) {
			this.problems.accept("Unfinished pre-OOM reports in " + this.directory + " could not be removed: "
					+ describe(ex) + " (" + this.directoryName + ")");
		}
		if (removed > 0) {
			logger.info("Removed {} unfinished pre-OOM report(s) from {}, left by a process killed while it wrote",
					removed, this.directory);
		}
	}

	// ".pre-oom-<stamp>-<pid>.json.tmp"
	private static boolean writerAlive(String name) {
		int end = name.length() - (".json" + TEMP_SUFFIX).length();
		int start = name.lastIndexOf('-', end - 1) + 1;
		try {
			long pid = Long.parseLong(name.substring(start, end));
			return ProcessHandle.of(pid).isPresent();
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private void prune() {
		List<Path> reports = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, PREFIX + "*.json")) {
			files.forEach(reports::add);
			reports.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
			for (int i = 0; i < reports.size() - this.maxFiles; i++) {
				Files.deleteIfExists(reports.get(i));
			}
		}
		catch (IOException ex) {
			this.problems.accept("Pre-OOM reports could not be pruned to " + this.maxFiles + " in " + this.directory
					+ ": " + describe(ex) + " (" + this.directoryName + ")");
		}
	}

	private static String describe(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "access denied";
		}
		if (ex instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// The write failed already, and that is the reason logged.
		}
	}

	private static void createAndWrite(Path file, byte[] bytes) throws IOException {
		Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
	}

	/**
	 * Stop the writer's thread, after the report being written, if any, is finished or
	 * {@link #CLOSE_WAIT} has passed; past that it is abandoned.
	 */
	@Override
	public void close() {
		// A pre-OOM warning is often followed by a stop (an orchestrator's restart, a
		// deploy): the report being written is the one that explains it.
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Pre-OOM report abandoned: it was not finished {} after the writer was closed", CLOSE_WAIT);
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.executor.shutdownNow();
		}
	}

	/**
	 * Where the bytes of a report go: a seam for a disk that fails a write.
	 */
	@FunctionalInterface
	interface FileOutput {

		void write(Path file, byte[] bytes) throws IOException;

	}

}
