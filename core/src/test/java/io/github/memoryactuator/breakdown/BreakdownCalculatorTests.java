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
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.HeapInfo;
import io.github.memoryactuator.probe.hotspot.HeapInfoParser;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.NativeHeap;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.hotspot.NmtSummaryParser;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.SystemMapParser;
import io.github.memoryactuator.probe.hotspot.VmInfo;
import io.github.memoryactuator.probe.hotspot.VmInfoParser;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.probe.kernel.SmapsReader;
import io.github.memoryactuator.probe.kernel.SmapsRollupReader;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakdownCalculator}. That the categories sum to RSS is true by
 * construction and proves nothing; these tests check where memory goes and how it is
 * labelled. The ground truth (known memory put in place and found) is
 * {@code BreakdownGroundTruthForkedJvmTests}.
 */
class BreakdownCalculatorTests {

	private static final long MB = 1024 * 1024;

	private static final Reading<NmtSummary> NMT_OFF = NmtSummaryParser.parse("Native memory tracking is not enabled");

	// NMT on, in a JVM that holds nothing.
	private static final Reading<NmtSummary> NMT_EMPTY = Reading
		.of(new NmtSummary(0, 0, OptionalLong.of(0), OptionalLong.of(0), List.of()));

	@Test
	void aCapturedJdk17HeapIsMeasuredAndGcStructuresNeedNmt() throws IOException {
		FullSnapshot full = fixture("smaps-jdk17-g1", "dcmd/jdk17-g1/heap_info.txt",
				"dcmd/jdk17-g1/vm_info-nmt-off.txt", NMT_OFF);
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(breakdown.rss()).isEqualTo(full.gauge().process().orNull().rss());
		// the scratch program held 64 MB in arrays after GC.run
		RssBreakdown.Part heap = part(breakdown, Category.JAVA_HEAP);
		assertThat(heap.bytes()).isGreaterThan(64 * MB).isEqualTo(heap.resident());
		assertThat(heap.isUpperBound()).isFalse();
		assertThat(breakdown.bytes(Category.GC_STRUCTURES)).isZero();
		assertThat(breakdown.notes()).anyMatch((note) -> note.startsWith("Native Memory Tracking is off"));
		// the class space (its range is in VM.info) is measured; the rest of metaspace is
		// claimed
		RssBreakdown.Part metaspace = part(breakdown, Category.METASPACE);
		assertThat(metaspace.resident()).isPositive();
		assertThat(metaspace.bytes()).isGreaterThan(metaspace.resident());
		assertThat(metaspace.isUpperBound()).isTrue();
		assertThat(breakdown.measured()).isGreaterThan(breakdown.rss() / 2).isLessThan(breakdown.rss());
	}

	@Test
	void committedFiguresLargerThanWhatIsLeftAreCappedMarkedAndTheExcessIsAFigureOfItsOwn() throws IOException {
		// NMT from a JVM whose GC structures were committed but barely touched: 53 MB of
		// GC committed cannot all be resident in this process's anonymous memory.
		Reading<NmtSummary> nmt = NmtSummaryParser
			.parse(Files.readString(Fixtures.root(".").resolve("dcmd/jdk17-g1/native_memory-summary-scale_b.txt")));
		FullSnapshot full = fixture("smaps-jdk17-g1", "dcmd/jdk17-g1/heap_info.txt",
				"dcmd/jdk17-g1/vm_info-nmt-off.txt", nmt);
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(breakdown.overclaimed()).isGreaterThan(30 * MB);
		assertThat(breakdown.notes()).anyMatch((note) -> note.contains("(overclaimed)"));
		assertThat(part(breakdown, Category.GC_STRUCTURES).isUpperBound()).isTrue();
		assertThat(part(breakdown, Category.GC_STRUCTURES).resident()).isZero();
		assertThat(breakdown.claimed()).isGreaterThan(20 * MB);
	}

	@Test
	void largeAllocationsOutsideTheArenasDoNotStarveWhatTheArenasRetain() {
		// Two arenas, 100 MB resident: 28 MB in use, 72 MB free; and 300 MB of large
		// allocations, each mapped on its own.
		long base = 0x7f0000000000L;
		List<Mapping> mappings = List.of(anonymous(base, base + 64 * MB, 64 * MB),
				anonymous(base + 64 * MB, base + 100 * MB, 36 * MB),
				anonymous(base + 100 * MB, base + 128 * MB, 0, "---p"),
				anonymous(base + 512 * MB, base + 812 * MB, 300 * MB));
		NativeHeap heap = new NativeHeap(100 * MB, 72 * MB, 300 * MB);
		RssBreakdown withMallocInfo = BreakdownCalculator.compute(synthetic(mappings, Reading.of(heap), null, NMT_OFF))
			.orNull();
		assertThat(withMallocInfo.bytes(Category.MALLOC_RETAINED)).isEqualTo(72 * MB);
		assertThat(withMallocInfo.bytes(Category.MALLOC_IN_USE)).isEqualTo(328 * MB);
		// mallinfo (JDK 17) mixes the two; with NMT on, what is left outside the arenas
		// once the JVM's mappings are claimed is native code's
		VmInfo mallinfo = VmInfoParser.parse("\nC-Heap outstanding allocations: 335872K, retained: 73728K\n").orNull();
		RssBreakdown withMallinfo = BreakdownCalculator
			.compute(synthetic(mappings, Reading.unavailable("JDK 17"), mallinfo, NMT_EMPTY))
			.orNull();
		assertThat(withMallinfo.bytes(Category.MALLOC_RETAINED)).isEqualTo(72 * MB);
		assertThat(withMallinfo.bytes(Category.MALLOC_IN_USE)).isEqualTo(328 * MB);
		assertThat(withMallinfo.overclaimed()).isZero();
	}

	@Test
	void afterATrimWhatIsInUseKeepsTheArenasAndFreedChunksGlibcStillCountsAreNotResident() {
		// 100 MB of arenas resident, all in use; glibc still counts 900 MB of freed
		// chunks whose pages malloc_trim gave back.
		long base = 0x7f0000000000L;
		List<Mapping> mappings = List.of(anonymous(base, base + 64 * MB, 64 * MB),
				anonymous(base + 64 * MB, base + 100 * MB, 36 * MB),
				anonymous(base + 100 * MB, base + 128 * MB, 0, "---p"));
		VmInfo mallinfo = VmInfoParser.parse("\nC-Heap outstanding allocations: 102400K, retained: 921600K\n").orNull();
		for (Reading<NmtSummary> nmt : List.of(NMT_OFF, NMT_EMPTY)) {
			RssBreakdown breakdown = BreakdownCalculator
				.compute(synthetic(mappings, Reading.unavailable("JDK 17"), mallinfo, nmt))
				.orNull();
			assertThat(breakdown.bytes(Category.MALLOC_IN_USE)).isEqualTo(100 * MB);
			assertThat(breakdown.bytes(Category.MALLOC_RETAINED)).isZero();
			assertThat(breakdown.overclaimed()).isEqualTo(900 * MB);
		}
	}

	@Test
	void aNeighbourTheKernelMergedIntoAJvmMappingIsNotCountedAsTheJvms() {
		// G1 committed 24 MB of bitmaps (1 MB touched) and glibc mapped 16 MB of large
		// allocations (written) right below them: one read-write mapping of 40 MB that
		// System.map labels GC. What is resident below the committed size is no proof
		// it is the JVM's.
		long base = 0x7f0000000000L;
		List<Mapping> mappings = List.of(anonymous(base, base + 40 * MB, 17 * MB),
				anonymous(base + 40 * MB, base + 48 * MB, 0, "---p"));
		SystemMap owners = new SystemMap(List.of(
				new SystemMap.Region(new AddressRange(base, base + 40 * MB), SystemMap.Label.GC, "GC"),
				new SystemMap.Region(new AddressRange(base + 40 * MB, base + 48 * MB), SystemMap.Label.GC, "GC")));
		OptionalLong none = OptionalLong.empty();
		NmtSummary nmt = new NmtSummary(32 * MB, 24 * MB, OptionalLong.of(0), OptionalLong.of(24 * MB),
				List.of(new NmtSummary.Category("GC", 32 * MB, 24 * MB, OptionalLong.of(0), none,
						OptionalLong.of(32 * MB), OptionalLong.of(24 * MB), none, none)));
		FullSnapshot full = synthetic(mappings, Reading.of(new NativeHeap(0, 0, 16 * MB)), null, Reading.of(nmt),
				Reading.of(owners));
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(part(breakdown, Category.GC_STRUCTURES).resident()).isEqualTo(MB);
		assertThat(breakdown.bytes(Category.MALLOC_IN_USE)).isEqualTo(16 * MB);
		assertThat(breakdown.overclaimed()).isZero();
		assertThat(breakdown.notes())
			.anyMatch((note) -> note.startsWith("16.0 MB resident in mappings System.map gave"));
		// the same neighbour holding 16 MB that glibc retains after frees: a claim on the
		// arenas only
		FullSnapshot retaining = synthetic(mappings, Reading.of(new NativeHeap(16 * MB, 16 * MB, 0)), null,
				Reading.of(nmt), Reading.of(owners));
		RssBreakdown retained = BreakdownCalculator.compute(retaining).orNull();
		assertThat(part(retained, Category.GC_STRUCTURES).resident()).isEqualTo(MB);
		assertThat(retained.bytes(Category.MALLOC_RETAINED)).isEqualTo(16 * MB);
		assertThat(retained.overclaimed()).isZero();
	}

	@Test
	void jvmMappingsThatFitWhatTheJvmCommittedKeepTheirBytesWhenAClaimGoesShort() {
		// 24 MB read-write, 24 MB committed: nothing was merged in, so a claim with no
		// memory left stays short (overclaimed) rather than taking the JVM's bytes.
		long base = 0x7f0000000000L;
		List<Mapping> mappings = List.of(anonymous(base, base + 24 * MB, 17 * MB));
		SystemMap owners = new SystemMap(
				List.of(new SystemMap.Region(new AddressRange(base, base + 24 * MB), SystemMap.Label.GC, "GC")));
		OptionalLong none = OptionalLong.empty();
		NmtSummary nmt = new NmtSummary(32 * MB, 24 * MB, OptionalLong.of(0), OptionalLong.of(24 * MB),
				List.of(new NmtSummary.Category("GC", 32 * MB, 24 * MB, OptionalLong.of(0), none,
						OptionalLong.of(32 * MB), OptionalLong.of(24 * MB), none, none)));
		RssBreakdown breakdown = BreakdownCalculator
			.compute(synthetic(mappings, Reading.of(new NativeHeap(0, 0, 16 * MB)), null, Reading.of(nmt),
					Reading.of(owners)))
			.orNull();
		assertThat(part(breakdown, Category.GC_STRUCTURES).resident()).isEqualTo(17 * MB);
		assertThat(breakdown.bytes(Category.MALLOC_IN_USE)).isZero();
		assertThat(breakdown.overclaimed()).isEqualTo(16 * MB);
	}

	@Test
	void aHeapMappingMergedWithANeighbourCountsOnlyWhatFitsInTheHeap() {
		long base = 0x7f0000000000L;
		// the heap is [base, base + 64 MB); the kernel merged 16 MB above it into the
		// same mapping, all of it resident
		Mapping merged = anonymous(base, base + 80 * MB, 80 * MB);
		Smaps smaps = new Smaps(List.of(merged));
		HeapMappings heap = HeapMappings
			.locate(new HeapInfo(HeapInfo.Collector.G1, List.of(new AddressRange(base, base + 64 * MB)),
					OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()), smaps)
			.orNull();
		assertThat(heap.partial()).isTrue();
		FullSnapshot full = new FullSnapshot(gauge(), Reading.unavailable("x"), Reading.of(smaps),
				Reading.unavailable("x"), Reading.of(heap), NMT_OFF, Reading.unavailable("x"), Duration.ZERO);
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(breakdown.bytes(Category.JAVA_HEAP)).isEqualTo(64 * MB);
		assertThat(part(breakdown, Category.JAVA_HEAP).detail()).contains("merged it with a neighbour");
	}

	@Test
	void withTheJvmsOwnMapMetaspaceAndGcStructuresAreMeasuredNotClaimed() throws IOException {
		Path root = Fixtures.root("smaps-jdk25-g1-nmt");
		Reading<SystemMap> systemMap = SystemMapParser.parse(Files.readString(root.resolve("system_map.txt")));
		Reading<Smaps> smaps = new SmapsReader(root).read();
		Reading<HeapInfo> heapInfo = HeapInfoParser.parse(Files.readString(root.resolve("heap_info.txt")));
		Reading<NmtSummary> nmt = NmtSummaryParser
			.parse(Files.readString(Fixtures.root(".").resolve("dcmd/jdk25-g1/native_memory-summary-scale_b.txt")));
		FullSnapshot full = new FullSnapshot(gauge(), Reading.unavailable("x"), smaps, heapInfo,
				heapInfo.flatMap((info) -> HeapMappings.locate(info, smaps.orNull())), nmt, Reading.unavailable("x"),
				Duration.ZERO, systemMap, Reading.unavailable("x"));
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		RssBreakdown.Part metaspace = part(breakdown, Category.METASPACE);
		assertThat(metaspace.resident()).isPositive().isEqualTo(metaspace.bytes());
		assertThat(metaspace.method()).isEqualTo(Method.RESIDENT);
		assertThat(part(breakdown, Category.GC_STRUCTURES).resident()).isPositive();
	}

	@Test
	void zgcOnJdk17CountsTheHeapOncePerView() throws IOException {
		FullSnapshot full = fixture("smaps-jdk17-zgc", "dcmd/jdk17-zgc/heap_info.txt", null, NMT_OFF);
		RssBreakdown breakdown = BreakdownCalculator.compute(full).orNull();
		assertThat(full.heap().orNull().isMultiMapped()).isTrue();
		assertThat(part(breakdown, Category.JAVA_HEAP).detail()).contains("ZGC maps the heap 3 times");
		assertThat(breakdown.bytes(Category.SHARED_MEMORY)).isLessThan(MB);
	}

	@Test
	void withoutSmapsThereIsNoBreakdownAndItSaysWhy() {
		FullSnapshot full = new FullSnapshot(gauge(), Reading.unavailable("x"),
				Reading.unavailable("/proc/self/smaps does not exist"), Reading.unavailable("x"),
				Reading.unavailable("x"), Reading.unavailable("x"), Reading.unavailable("x"), Duration.ZERO);
		assertThat(BreakdownCalculator.compute(full).reason())
			.isEqualTo("no breakdown without /proc/self/smaps: /proc/self/smaps does not exist");
	}

	private static RssBreakdown.Part part(RssBreakdown breakdown, Category category) {
		return breakdown.parts().stream().filter((part) -> part.category() == category).findFirst().orElseThrow();
	}

	private static GaugeSnapshot gauge() {
		return TestSnapshots.snapshotter(Fixtures.root("no-cgroup"), new LiveSetTracker(4, Clock.systemUTC(), Set.of()))
			.capture();
	}

	private static Mapping anonymous(long start, long end, long rss) {
		return anonymous(start, end, rss, "rw-p");
	}

	private static Mapping anonymous(long start, long end, long rss, String permissions) {
		return new Mapping(start, end, permissions, 0, "", rss, rss, 0, 0, 0, rss, rss, 0, 0, 0);
	}

	// Only anonymous memory, no status file (RSS is the sum of the mappings) and an empty
	// JVM, so that only the malloc figures claim anything.
	private static FullSnapshot synthetic(List<Mapping> mappings, Reading<NativeHeap> nativeHeap, VmInfo vmInfo,
			Reading<NmtSummary> nmt) {
		return synthetic(mappings, nativeHeap, vmInfo, nmt, Reading.unavailable("x"));
	}

	private static FullSnapshot synthetic(List<Mapping> mappings, Reading<NativeHeap> nativeHeap, VmInfo vmInfo,
			Reading<NmtSummary> nmt, Reading<SystemMap> owners) {
		GaugeSnapshot gauge = new GaugeSnapshot(Instant.EPOCH, Reading.unavailable("x"),
				new JvmMemory(0, 0, OptionalLong.empty(), List.of(), List.of(), List.of(), 0, 0, 0),
				new GaugeSnapshot.Gc(List.of(), LiveSet.none(Instant.EPOCH)), Reading.unavailable("x"));
		return new FullSnapshot(gauge, Reading.unavailable("x"), Reading.of(new Smaps(mappings)),
				Reading.unavailable("x"), Reading.unavailable("x"), nmt,
				(vmInfo != null) ? Reading.of(vmInfo) : Reading.unavailable("x"), Duration.ZERO, owners, nativeHeap);
	}

	private static FullSnapshot fixture(String root, String heapInfo, String vmInfo, Reading<NmtSummary> nmt)
			throws IOException {
		Path base = Fixtures.root(".");
		GaugeSnapshot gauge = TestSnapshots
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
