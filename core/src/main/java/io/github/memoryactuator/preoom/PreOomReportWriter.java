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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link PreOomReport} to a directory when the {@link PreOomWatch} warns: on a
 * thread of its own, so the sampling thread that saw the crossing only hands the warning
 * over; at most once per {@code minInterval}; to a temporary file first, moved into place
 * atomically, so a reader never sees half a report; and keeping the newest
 * {@code maxFiles} reports ({@code pre-oom-*.json}), deleting the oldest.
 * <p>
 * Writing never fails the application: a missing directory, a path that is not a
 * directory, a read-only file system or a full disk gets one WARN line with the reason,
 * and the report is dropped.
 *
 * @since 0.1.0
 */
public final class PreOomReportWriter implements Consumer<String>, AutoCloseable {

	/**
	 * What the name of every report starts with.
	 */
	public static final String PREFIX = "pre-oom-";

	private static final Logger logger = LoggerFactory.getLogger(PreOomReportWriter.class);

	// Sortable: the oldest report has the smallest name.
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path directory;

	private final Duration minInterval;

	private final int maxFiles;

	private final Function<String, PreOomReport> reports;

	private final Clock clock;

	private final FileOutput output;

	private final Consumer<String> problems;

	private final ExecutorService executor;

	private final AtomicBoolean busy = new AtomicBoolean();

	private volatile @Nullable Instant lastAttempt;

	/**
	 * Create a writer.
	 * @param directory where reports go; it must exist
	 * @param minInterval the least time between two reports
	 * @param maxFiles how many reports the directory keeps, at least 1
	 * @param reports the report for a warning (a full capture, the diagnosis, the
	 * history), put together on the writer's thread
	 */
	public PreOomReportWriter(Path directory, Duration minInterval, int maxFiles,
			Function<String, PreOomReport> reports) {
		this(directory, minInterval, maxFiles, reports, Clock.systemUTC(), PreOomReportWriter::createAndWrite,
				logger::warn);
	}

	PreOomReportWriter(Path directory, Duration minInterval, int maxFiles, Function<String, PreOomReport> reports,
			Clock clock, FileOutput output, Consumer<String> problems) {
		if (minInterval.isNegative()) {
			throw new IllegalArgumentException("'minInterval' must not be negative, but was " + minInterval);
		}
		if (maxFiles < 1) {
			throw new IllegalArgumentException("'maxFiles' must be at least 1, but was " + maxFiles);
		}
		this.directory = directory;
		this.minInterval = minInterval;
		this.maxFiles = maxFiles;
		this.reports = reports;
		this.clock = clock;
		this.output = output;
		this.problems = problems;
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "memory-actuator-pre-oom");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Write a report in the background, unless one was attempted less than
	 * {@code minInterval} ago or one is being written. Returns at once.
	 * @param warning the warning that asks for the report
	 */
	@Override
	public void accept(String warning) {
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
	 * Write a report now, on the caller's thread; the interval is not checked.
	 * @param warning the warning that asks for the report
	 * @return the report's file, or {@code null} when it could not be written (the reason
	 * is logged)
	 */
	@Nullable Path write(String warning) {
		Instant now = this.clock.instant();
		String problem = directoryProblem();
		if (problem != null) {
			return problem(problem);
		}
		byte[] bytes;
		try {
			bytes = this.reports.apply(warning).toJson().getBytes(StandardCharsets.UTF_8);
		}
		catch (RuntimeException ex) {
			return problem("the report could not be put together: " + ex);
		}
		String name = PREFIX + STAMP.format(now) + "-" + ProcessHandle.current().pid() + ".json";
		Path target = this.directory.resolve(name);
		Path temp = this.directory.resolve("." + name + ".tmp");
		try {
			// No fsync: the OOM killer ends the process, not the machine, and the page
			// cache keeps what was written.
			this.output.write(temp, bytes);
			move(temp, target);
		}
		catch (IOException ex) {
			deleteQuietly(temp);
			return problem("writing " + target + " failed: " + describe(ex));
		}
		logger.warn("Pre-OOM report written to {} ({} bytes)", target, bytes.length);
		prune();
		return target;
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
		this.problems.accept("Pre-OOM report not written: " + reason + " (memory-actuator.pre-oom.directory)");
		return null;
	}

	private static void move(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
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
					+ ": " + describe(ex) + " (memory-actuator.pre-oom.max-files)");
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
	 * Stop the writer's thread; a report being written is abandoned.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * Where the bytes of a report go: a seam for a disk that fails a write.
	 */
	@FunctionalInterface
	interface FileOutput {

		void write(Path file, byte[] bytes) throws IOException;

	}

}
