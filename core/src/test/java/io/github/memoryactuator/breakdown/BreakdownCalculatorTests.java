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

package io.github.memoryactuator.breakdown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.DiagnosticCommands;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.HeapInfo;
import io.github.memoryactuator.probe.HeapInfoParser;
import io.github.memoryactuator.probe.HeapMappings;
import io.github.memoryactuator.probe.LiveSetTracker;
import io.github.memoryactuator.probe.NmtSummary;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.Smaps;
import io.github.memoryactuator.probe.SmapsReader;
import io.github.memoryactuator.probe.SmapsRollupReader;
import io.github.memoryactuator.probe.VmInfoParser;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.MemorySnapshot;
import io.github.memoryactuator.snapshot.MemorySnapshotter;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakdownCalculator}.
 */
class BreakdownCalculatorTests {

	private static final long MB = 1024 * 1024;

	@Test
	void categoriesOfThisJvmSumExactlyToRss() {
		MemorySnapshotter gauge = TestSnapshots.snapshotter(Path.of("/"),
				new LiveSetTracker(4, Clock.systemUTC(), Set.of()));
		FullSnapshot full = new FullSnapshotter(gauge::capture, Path.of("/"), DiagnosticCommands.platform()).capture();
		Reading<RssBreakdown> reading = BreakdownCalculator.compute(full);
		if (!Files.isReadable(Path.of("/proc/self/smaps"))) {
			assertThat(reading.reason()).contains("smaps");
			return;
		}
		RssBreakdown breakdown = reading.orNull();
		assertThat(breakdown).isNotNull();
		assertSumsToRss(breakdown);
		assertThat(breakdown.bytes(Category.JAVA_HEAP)).isPositive();
		assertThat(breakdown.bytes(Category.MAPPED_FILES)).isPositive();
		assertThat(breakdown.bytes(Category.THREAD_STACKS)).isPositive();
		assertThat(breakdown.bytes(Category.CODE_CACHE)).isPositive();
		assertThat(breakdown.parts().get(breakdown.parts().size() - 1).category()).isEqualTo(Category.UNEXPLAINED);
	}

	@Test
	void capturedJdk17G1WithoutNmtSumsToRssAndLabelsTheHeap() throws IOException {
		FullSnapshot full = fixture("smaps-jdk17-g1", "dcmd/jdk17-g1/heap_info.txt",
				"dcmd/jdk17-g1/vm_info-nmt-off.txt",
				io.github.memoryactuator.probe.NmtSummaryParser.parse("Native memory tracking is not enabled"));
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(breakdown).isNotNull();
		assertSumsToRss(breakdown);
		assertThat(breakdown.rss()).isEqualTo(full.gauge().process().orNull().rss());
		// the scratch program held 64 MB in arrays after GC.run
		assertThat(breakdown.bytes(Category.JAVA_HEAP)).isGreaterThan(64 * MB);
		assertThat(breakdown.parts()).filteredOn((part) -> part.category() == Category.JAVA_HEAP)
			.singleElement()
			.satisfies((part) -> assertThat(part.method()).isEqualTo(Method.RESIDENT));
		assertThat(breakdown.bytes(Category.GC_STRUCTURES)).isZero();
		assertThat(breakdown.notes()).anyMatch((note) -> note.startsWith("Native Memory Tracking is off"));
		System.out.println(describe(breakdown));
	}

	@Test
	void committedFiguresLargerThanTheResidentMemoryLeftAreCappedAndSaidToBeUpperBounds() throws IOException {
		// NMT from a JVM whose GC structures were committed but barely touched: 53 MB of
		// GC committed cannot all be resident in this process's anonymous memory.
		Reading<NmtSummary> nmt = io.github.memoryactuator.probe.NmtSummaryParser
			.parse(Files.readString(Fixtures.root(".").resolve("dcmd/jdk17-g1/native_memory-summary-scale_b.txt")));
		FullSnapshot full = fixture("smaps-jdk17-g1", "dcmd/jdk17-g1/heap_info.txt",
				"dcmd/jdk17-g1/vm_info-nmt-off.txt", nmt);
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(breakdown).isNotNull();
		assertSumsToRss(breakdown);
		assertThat(breakdown.unexplained()).isZero();
		System.out.println(describe(breakdown) + " overclaimed " + breakdown.overclaimed());
	}

	@Test
	void zgcOnJdk17CountsTheHeapOncePerView() throws IOException {
		FullSnapshot full = fixture("smaps-jdk17-zgc", "dcmd/jdk17-zgc/heap_info.txt", null,
				io.github.memoryactuator.probe.NmtSummaryParser.parse("Native memory tracking is not enabled"));
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(breakdown).isNotNull();
		assertSumsToRss(breakdown);
		assertThat(full.heap().orNull().isMultiMapped()).isTrue();
		assertThat(breakdown.parts()).filteredOn((part) -> part.category() == Category.JAVA_HEAP)
			.singleElement()
			.satisfies((part) -> assertThat(part.detail()).contains("ZGC maps the heap 3 times"));
		assertThat(breakdown.bytes(Category.SHARED_MEMORY)).isLessThan(MB);
	}

	@Test
	void withoutSmapsThereIsNoBreakdownAndItSaysWhy() {
		MemorySnapshot gauge = TestSnapshots.snapshotter("cgroup-v1-hybrid-unlimited").capture();
		FullSnapshot full = new FullSnapshot(gauge, Reading.unavailable("x"),
				Reading.unavailable("/proc/self/smaps does not exist"), Reading.unavailable("x"),
				Reading.unavailable("x"), Reading.unavailable("x"), Reading.unavailable("x"), Duration.ZERO);
		assertThat(BreakdownCalculator.compute(full).reason())
			.isEqualTo("no breakdown without /proc/self/smaps: /proc/self/smaps does not exist");
	}

	static void assertSumsToRss(RssBreakdown breakdown) {
		long sum = 0;
		for (RssBreakdown.Part part : breakdown.parts()) {
			assertThat(part.bytes()).as(part.category().tag()).isNotNegative();
			sum += part.bytes();
		}
		assertThat(sum).isEqualTo(breakdown.rss());
		assertThat(breakdown.parts()).extracting(RssBreakdown.Part::category).containsExactly(Category.values());
	}

	static String describe(RssBreakdown breakdown) {
		StringBuilder text = new StringBuilder("RSS " + breakdown.rss() / MB + " MB\n");
		for (RssBreakdown.Part part : breakdown.parts()) {
			text.append(String.format("  %-16s %6.1f MB (resident %6.1f) %s%n", part.category().tag(),
					part.bytes() / (double) MB, part.resident() / (double) MB, part.method().description()));
		}
		return text.toString();
	}

	private static FullSnapshot fixture(String root, String heapInfo, String vmInfo, Reading<NmtSummary> nmt)
			throws IOException {
		Path base = Fixtures.root(".");
		MemorySnapshot gauge = TestSnapshots
			.snapshotter(Fixtures.root(root), new LiveSetTracker(4, Clock.systemUTC(), Set.of()))
			.capture();
		Reading<Smaps> smaps = new SmapsReader(Fixtures.root(root)).read();
		Reading<HeapInfo> heap = HeapInfoParser.parse(Files.readString(base.resolve(heapInfo)));
		return new FullSnapshot(gauge, new SmapsRollupReader(Fixtures.root(root)).read(), smaps, heap,
				heap.flatMap((info) -> smaps.flatMap((s) -> HeapMappings.locate(info, s))), nmt,
				(vmInfo != null) ? VmInfoParser.parse(Files.readString(base.resolve(vmInfo)))
						: Reading.unavailable("no VM.info"),
				Duration.ZERO);
	}

}
