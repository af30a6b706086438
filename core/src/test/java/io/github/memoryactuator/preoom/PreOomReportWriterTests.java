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
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;
import io.github.memoryactuator.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PreOomReportWriter} and the {@link PreOomReport} it writes.
 */
@Timeout(60)
class PreOomReportWriterTests {

	// Quotes, a backslash, a line break and a control character: the JSON must escape
	// them.
	private static final String WARNING = "Memory is at 92% of the limit of 512 MB; \"largest\": C:\\x\n\u0001";

	@TempDir
	Path directory;

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final List<String> problems = new ArrayList<>();

	private final List<PreOomReportWriter> writers = new ArrayList<>();

	// The test JVM's own memory, captured for real: /proc/self, the MXBeans, smaps.
	private final GaugeSnapshotter snapshotter = TestSnapshots.snapshotter(Path.of("/"),
			new LiveSetTracker(16, Clock.systemUTC(), Set.of()));

	private final MemoryHistory history = new MemoryHistory(Duration.ofSeconds(10), Duration.ofMinutes(1),
			Duration.ofHours(1), Instant.now().minusSeconds(60));

	@AfterEach
	void closeWriters() {
		this.writers.forEach(PreOomReportWriter::close);
	}

	@Test
	void writesTheWarningTheCaptureTheBreakdownTheDiagnosisAndTheHistoryAsJson() throws IOException {
		FullSnapshotCache fullSnapshots = new FullSnapshotCache(
				new FullSnapshotter(this.snapshotter::capture, Path.of("/"), DiagnosticCommands.platform())::capture,
				Duration.ofMinutes(1));
		FullSnapshot earlier = fullSnapshots.get(this.snapshotter.capture());
		this.history.record(this.snapshotter.capture());
		this.history.record(this.snapshotter.capture());
		RssBreakdown point = BreakdownCalculator.compute(earlier).orNull();
		this.history.record(earlier, point);
		EvidenceGatherer gatherer = new EvidenceGatherer(Duration.ofMinutes(10), 16 << 20, 0.1)
			.withHistory(this.history)
			.withHeapFlags(() -> Map.of("MaxHeapFreeRatio", "70"));
		AtomicReference<PreOomReport> taken = new AtomicReference<>();
		PreOomReportWriter writer = writer(Duration.ofMinutes(10), 5, (warning) -> {
			taken.set(PreOomReport.take(warning, fullSnapshots, gatherer, this.history, null));
			return taken.get();
		});

		Path written = writer.write(warning());

		assertThat(this.problems).isEmpty();
		assertThat(written).isEqualTo(
				this.directory.resolve("pre-oom-20260101T100000.000Z-" + ProcessHandle.current().pid() + ".json"));
		JsonNode report = JsonMapper.builder().build().readTree(Files.readString(written));
		FullSnapshot full = taken.get().full();
		Diagnosis diagnosis = taken.get().diagnosis();
		Reading<RssBreakdown> breakdown = taken.get().breakdown();
		assertThat(report.get("stage").asString()).isEqualTo("full");
		assertThat(report.get("warning").asString()).isEqualTo(WARNING);
		assertThat(report.at("/crossing/charged").asLong()).isEqualTo(470L << 20);
		assertThat(report.get("verdict").asString()).isEqualTo(diagnosis.verdict()).isNotBlank();
		assertThat(report.at("/diagnosis/findings")).hasSize(diagnosis.findings().size());
		assertThat(report.at("/process/rss").asLong()).isEqualTo(full.gauge().process().orNull().rss());
		assertThat(report.at("/jvm/heapCommitted").asLong()).isEqualTo(full.gauge().jvm().heapCommitted());
		RssBreakdown parts = breakdown.orNull();
		assertThat(report.at("/breakdown/rss").asLong()).isEqualTo(parts.rss());
		assertThat(report.at("/breakdown/categories")).hasSize(parts.parts().size());
		JsonNode heap = report.at("/breakdown/categories/0");
		assertThat(heap.get("category").asString()).isEqualTo(parts.parts().get(0).category().tag());
		assertThat(heap.get("bytes").asLong()).isEqualTo(parts.parts().get(0).bytes());
		assertThat(report.at("/history/gauge")).hasSize(2);
		assertThat(report.at("/history/breakdowns")).hasSize(1);
		assertThat(full).as("a fresh capture, served by the cache from then on").isNotSameAs(earlier);
		assertThat(fullSnapshots.get()).isSameAs(full);
		assertThat(report.at("/history/breakdowns/0/categories/" + Category.JAVA_HEAP.tag()).asLong())
			.isEqualTo(point.bytes(Category.JAVA_HEAP))
			.isPositive();
		assertThat(report.at("/nmt").has("unavailable") || report.at("/nmt").has("committed")).isTrue();
		assertThat(report.at("/allocations/unavailable").asString()).isEqualTo("allocation profiling is off");
		assertThat(tempFiles()).isEmpty();
	}

	@Test
	void writesAtMostOncePerIntervalAndOffTheCallersThread() {
		AtomicInteger reports = new AtomicInteger();
		List<String> threads = new CopyOnWriteArrayList<>();
		PreOomReportWriter writer = writer(Duration.ofMinutes(10), 5, (warning) -> {
			reports.incrementAndGet();
			threads.add(Thread.currentThread().getName());
			return report(warning);
		});
		writer.accept(warning());
		await().atMost(Duration.ofSeconds(20)).until(() -> reportFiles().size() == 1);
		this.clock.advance(Duration.ofMinutes(9));
		writer.accept(warning());
		this.clock.advance(Duration.ofMinutes(1));
		writer.accept(warning());
		await().atMost(Duration.ofSeconds(20)).until(() -> reportFiles().size() == 2);
		// One thread, first in first out: the second warning never reached it.
		assertThat(reports).hasValue(2);
		assertThat(threads).containsOnly("memory-actuator-pre-oom");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aWarningWhileAReportIsBeingWrittenReturnsAtOnceAndIsDropped() throws IOException {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger reports = new AtomicInteger();
		PreOomReportWriter writer = writer(Duration.ZERO, 5, (warning) -> {
			reports.incrementAndGet();
			await().until(() -> release.await(10, TimeUnit.MILLISECONDS));
			return report(warning);
		});
		writer.accept(warning());
		await().atMost(Duration.ofSeconds(20)).until(() -> reports.get() == 1);
		writer.accept(warning());
		release.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> !writer.writing());
		assertThat(reportFiles()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(1));
		writer.accept(warning());
		await().atMost(Duration.ofSeconds(20)).until(() -> reportFiles().size() == 2);
		assertThat(reports).hasValue(2);
	}

	@Test
	void closingWaitsForTheFullReportBeingWritten() throws Exception {
		CountDownLatch capturing = new CountDownLatch(1);
		PreOomReportWriter writer = writer(Duration.ZERO, 5, (warning) -> {
			capturing.countDown();
			sleep(Duration.ofMillis(500));
			return report(warning);
		});
		writer.accept(warning());
		assertThat(capturing.await(20, TimeUnit.SECONDS)).isTrue();
		writer.close();
		List<Path> written = reportFiles();
		assertThat(written).hasSize(1);
		JsonNode report = JsonMapper.builder().build().readTree(Files.readString(written.get(0)));
		assertThat(report.get("stage").asString()).isEqualTo("full");
		assertThat(tempFiles()).isEmpty();
		assertThat(this.problems).isEmpty();
	}

	@Test
	void keepsTheNewestMaxFilesAndLeavesOtherFilesAlone() throws IOException {
		Files.writeString(this.directory.resolve("notes.txt"), "mine");
		PreOomReportWriter writer = writer(Duration.ZERO, 2, this::report);
		List<Path> written = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			written.add(writer.write(warning()));
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(reportFiles()).containsExactlyInAnyOrder(written.get(2), written.get(3));
		assertThat(this.directory.resolve("notes.txt")).hasContent("mine");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aMissingDirectoryGetsOneLoggedReason() {
		Path missing = this.directory.resolve("missing");
		PreOomReportWriter writer = track(new PreOomReportWriter(missing, Duration.ZERO, 5, this::quick, this::report,
				this.clock, Files::write, this.problems::add, "reports.directory"));
		assertThat(writer.write(warning())).isNull();
		assertThat(this.problems).singleElement()
			.isEqualTo("Pre-OOM report not written: the directory " + missing + " does not exist (reports.directory)");
		assertThat(missing).doesNotExist();
	}

	@Test
	void aDirectoryThatIsAFileGetsOneLoggedReason() throws IOException {
		Path file = Files.writeString(this.directory.resolve("a-file"), "x");
		PreOomReportWriter writer = track(new PreOomReportWriter(file, Duration.ZERO, 5, this::quick, this::report,
				this.clock, Files::write, this.problems::add, "reports.directory"));
		assertThat(writer.write(warning())).isNull();
		assertThat(this.problems).singleElement().asString().contains(file + " is not a directory");
		assertThat(file).hasContent("x");
	}

	@Test
	void aFullDiskGetsOneLoggedReasonAndLeavesNoTemporaryFile() {
		PreOomReportWriter writer = failingWriter(
				(file) -> new FileSystemException(file.toString(), null, "No space left on device"));
		assertThat(writer.write(warning())).isNull();
		assertThat(this.problems).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).endsWith(": No space left on device (reports.directory)"));
		assertThat(this.problems.get(0)).startsWith(
				"Pre-OOM report not written: writing the quick report to " + this.directory.resolve("pre-oom-"));
		assertThat(this.problems.get(1))
			.startsWith("Pre-OOM report not written: writing the full report to " + this.directory.resolve("pre-oom-"));
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void aReadOnlyDirectoryGetsOneLoggedReason() {
		// Root writes through permission bits, so the refusal comes from the seam.
		PreOomReportWriter writer = failingWriter((file) -> new AccessDeniedException(file.toString()));
		assertThat(writer.write(warning())).isNull();
		assertThat(this.problems).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).contains(": access denied (reports.directory)"));
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void whenTheFullCaptureCannotBePutTogetherTheQuickReportStaysWithOneLoggedReason() throws IOException {
		PreOomReportWriter writer = writer(Duration.ZERO, 5, (warning) -> {
			throw new IllegalStateException("no capture");
		});
		Path written = writer.write(warning());
		assertThat(this.problems).singleElement()
			.isEqualTo("Pre-OOM report not written: the full report (the quick report stays) could not be put "
					+ "together: java.lang.IllegalStateException: no capture (reports.directory)");
		assertThat(reportFiles()).containsExactly(written);
		JsonNode report = JsonMapper.builder().build().readTree(Files.readString(written));
		assertThat(report.get("stage").asString()).isEqualTo("quick");
		assertThat(report.get("warning").asString()).isEqualTo(WARNING);
		assertThat(tempFiles()).isEmpty();
	}

	@Test
	void theQuickReportIsInPlaceWhileTheFullCaptureRunsAndTheFullReportReplacesIt() throws Exception {
		CountDownLatch capturing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		PreOomReportWriter writer = writer(Duration.ZERO, 5, (warning) -> {
			capturing.countDown();
			await().until(() -> release.await(10, TimeUnit.MILLISECONDS));
			return report(warning);
		});
		writer.accept(warning());
		assertThat(capturing.await(20, TimeUnit.SECONDS)).isTrue();
		List<Path> quick = reportFiles();
		assertThat(quick).hasSize(1);
		JsonNode first = JsonMapper.builder().build().readTree(Files.readString(quick.get(0)));
		assertThat(first.get("stage").asString()).isEqualTo("quick");
		assertThat(first.at("/history/gauge")).isNotNull();
		assertThat(first.at("/process/rss").asLong()).isPositive();
		release.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> !writer.writing());
		assertThat(reportFiles()).isEqualTo(quick);
		JsonNode second = JsonMapper.builder().build().readTree(Files.readString(quick.get(0)));
		assertThat(second.get("stage").asString()).isEqualTo("full");
		assertThat(second.get("warning").asString()).isEqualTo(WARNING);
		assertThat(tempFiles()).isEmpty();
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aReportLeftUnfinishedByAKilledProcessIsRemovedWhenAWriterStarts() throws IOException {
		Path killed = Files.writeString(
				this.directory.resolve(".pre-oom-20260101T100000.000Z-" + Long.MAX_VALUE + ".json.tmp"),
				"{\"writtenAt\":");
		Path ours = Files.writeString(
				this.directory.resolve(".pre-oom-20260101T100000.000Z-" + ProcessHandle.current().pid() + ".json.tmp"),
				"{");
		writer(Duration.ZERO, 5, this::report);
		assertThat(killed).doesNotExist();
		assertThat(ours).as("a live process may still finish it").exists();
		assertThat(this.problems).isEmpty();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the report was put together", ex);
		}
	}

	private PreOomReportWriter failingWriter(Function<Path, IOException> failure) {
		return track(new PreOomReportWriter(this.directory, Duration.ZERO, 5, this::quick, this::report, this.clock,
				(file, bytes) -> {
					// Part of the report reached the disk before it filled up.
					Files.write(file, new byte[] { '{' });
					throw failure.apply(file);
				}, this.problems::add, "reports.directory"));
	}

	private PreOomReportWriter writer(Duration minInterval, int maxFiles,
			Function<PreOomWarning, PreOomReport> reports) {
		return track(new PreOomReportWriter(this.directory, minInterval, maxFiles, this::quick, reports, this.clock,
				Files::write, this.problems::add, "reports.directory"));
	}

	private PreOomWarning warning() {
		return TestWarnings.warning(WARNING, this.snapshotter.capture(), this.clock.instant());
	}

	private PreOomQuickReport quick(PreOomWarning warning) {
		return PreOomQuickReport.take(warning, this.history);
	}

	private PreOomReportWriter track(PreOomReportWriter writer) {
		this.writers.add(writer);
		return writer;
	}

	private PreOomReport report(PreOomWarning warning) {
		FullSnapshot full = new FullSnapshot(this.snapshotter.capture(), Reading.unavailable("not read"),
				Reading.unavailable("not read"), Reading.unavailable("not read"), Reading.unavailable("not read"),
				Reading.unavailable("not read"), Reading.unavailable("not read"), Duration.ZERO);
		return new PreOomReport(this.clock.instant(), warning, full, Reading.unavailable("no smaps"),
				new Diagnosis("No leak.", false, false, "untracked", List.of()),
				Reading.unavailable(Reading.Cause.NOT_ENABLED, PreOomReport.PROFILING_OFF),
				PreOomReport.History.of(this.history, this.clock.instant()), null);
	}

	private List<Path> reportFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("pre-oom-")).toList();
		}
	}

	private List<Path> tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

}
