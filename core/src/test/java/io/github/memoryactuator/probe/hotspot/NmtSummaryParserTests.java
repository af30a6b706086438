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

package io.github.memoryactuator.probe.hotspot;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NmtSummaryParser} and {@link NmtReader}.
 */
class NmtSummaryParserTests {

	private static NmtSummary parse(String relative) {
		Reading<NmtSummary> reading = NmtSummaryParser.parse(Mutations.fixture("dcmd/" + relative));
		assertThat(reading.reason()).isNull();
		return reading.orNull();
	}

	@Test
	void nmtJdk17FormatReadsTotalsAndEveryCategoryInBytes() {
		NmtSummary nmt = parse("jdk17-g1/native_memory-summary-scale_b.txt");
		assertThat(nmt.totalReserved()).isEqualTo(2031679366L);
		assertThat(nmt.totalCommitted()).isEqualTo(480843654L);
		assertThat(nmt.totalMalloc()).hasValue(10028934L);
		assertThat(nmt.totalMmapCommitted()).hasValue(470814720L);
		assertThat(nmt.categories()).hasSize(21);
		NmtSummary.Category heap = nmt.category("Java Heap").orElseThrow();
		assertThat(heap.committed()).isEqualTo(398458880L);
		assertThat(heap.mmapCommitted()).hasValue(398458880L);
		assertThat(heap.malloc()).isEmpty();
	}

	@Test
	void nmtCategoriesAddUpToTheTotalAndNeverIncludeIt() {
		for (String file : new String[] { "jdk17-g1/native_memory-summary-scale_b.txt",
				"jdk25-g1/native_memory-summary-scale_b.txt", "jdk25-zgc/native_memory-summary-scale_b.txt" }) {
			NmtSummary nmt = parse(file);
			assertThat(nmt.categories()).extracting(NmtSummary.Category::name).doesNotContain("Total");
			assertThat(nmt.categories().stream().mapToLong(NmtSummary.Category::committed).sum()).as(file)
				.isEqualTo(nmt.totalCommitted());
			assertThat(nmt.categories().stream().mapToLong(NmtSummary.Category::reserved).sum()).as(file)
				.isEqualTo(nmt.totalReserved());
		}
	}

	@Test
	void nmtJdk25FormatKeepsMetaspaceApartFromClass() {
		NmtSummary nmt = parse("jdk25-g1/native_memory-summary-scale_b.txt");
		NmtSummary.Category metaspace = nmt.category("Metaspace").orElseThrow();
		NmtSummary.Category klass = nmt.category("Class").orElseThrow();
		assertThat(metaspace.committed()).isEqualTo(3028112L);
		assertThat(metaspace.mmapCommitted()).hasValue(3014656L);
		// Class holds class space only; the nested "( Metadata: )" block is not a
		// category.
		assertThat(klass.committed()).isEqualTo(578790L);
		assertThat(klass.malloc()).hasValue(120038L);
		assertThat(klass.mmapReserved()).hasValue(1073741824L);
		assertThat(klass.mmapCommitted()).hasValue(458752L);
		assertThat(nmt.categories()).extracting(NmtSummary.Category::name)
			.doesNotContain("Metadata:", "Class space:", "");
	}

	@Test
	void nmtJdk25FormatReadsTaggedMallocAndArena() {
		NmtSummary nmt = parse("jdk25-g1/native_memory-summary-scale_b.txt");
		assertThat(nmt.totalMalloc()).hasValue(14904394L);
		NmtSummary.Category code = nmt.category("Code").orElseThrow();
		assertThat(code.malloc()).hasValue(484392L);
		assertThat(code.arena()).hasValue(984L);
		assertThat(code.mmapCommitted()).hasValue(7729152L);
		assertThat(nmt.category("Arena Chunk").orElseThrow().malloc()).hasValue(7257632L);
	}

	@Test
	void threadCategoryGivesStackFiguresOnBothJdks() {
		NmtSummary.Category jdk17 = parse("jdk17-g1/native_memory-summary-scale_b.txt").category("Thread")
			.orElseThrow();
		assertThat(jdk17.stackReserved()).hasValue(19922944L);
		assertThat(jdk17.stackCommitted()).hasValue(737280L);
		assertThat(jdk17.malloc()).hasValue(30048L);
		NmtSummary.Category jdk25 = parse("jdk25-g1/native_memory-summary-scale_b.txt").category("Thread")
			.orElseThrow();
		assertThat(jdk25.stackReserved()).hasValue(18874368L);
		assertThat(jdk25.stackCommitted()).hasValue(708608L);
	}

	@Test
	void smallAndNewerCategoriesAreKept() {
		NmtSummary nmt = parse("jdk25-g1/native_memory-summary-scale_b.txt");
		assertThat(nmt.category("Object Monitors").orElseThrow().committed()).isEqualTo(600L);
		assertThat(nmt.category("String Deduplication").orElseThrow().malloc()).hasValue(680L);
		assertThat(nmt.category("GCCardSet")).isPresent();
		assertThat(nmt.category("Statistics")).isPresent();
	}

	@Test
	void defaultKilobyteScaleIsConvertedToBytes() {
		NmtSummary nmt = parse("jdk17-g1/native_memory-summary-scale_kb.txt");
		assertThat(nmt.totalCommitted()).isEqualTo(469575L * 1024);
		assertThat(nmt.category("Java Heap").orElseThrow().committed()).isEqualTo(389120L * 1024);
	}

	@Test
	void zgcOnJdk17ReservesFarMoreThanTheHeapForItsViews() {
		NmtSummary nmt = parse("jdk17-zgc/native_memory-summary-scale_b.txt");
		assertThat(nmt.category("Java Heap").orElseThrow().reserved()).isGreaterThan(16L * 512 * 1024 * 1024);
	}

	@Test
	void categoryLinesWithoutTheDashPrefixAreRead() {
		String text = """
				Native Memory Tracking:

				Total: reserved=3000KB, committed=2000KB

				                 Java Heap (reserved=2000KB, committed=1500KB)
				                           (mmap: reserved=2000KB, committed=1500KB)

				                   Unknown (reserved=1000KB, committed=500KB)
				                           (malloc=500KB #12)
				""";
		NmtSummary nmt = NmtSummaryParser.parse(text).orNull();
		assertThat(nmt.categories()).extracting(NmtSummary.Category::name).containsExactly("Java Heap", "Unknown");
		assertThat(nmt.category("Unknown").orElseThrow().malloc()).hasValue(500L * 1024);
		assertThat(nmt.totalMalloc()).isEmpty();
	}

	@Test
	void nmtOffIsUnavailableAndSaysHowToTurnItOn() {
		for (String jdk : new String[] { "jdk17", "jdk25" }) {
			Reading<NmtSummary> reading = NmtSummaryParser
				.parse(Mutations.fixture("dcmd/nmt-off/native_memory-summary-" + jdk + ".txt"));
			assertThat(reading.isAvailable()).isFalse();
			assertThat(reading.reason()).contains("-XX:NativeMemoryTracking=summary")
				.contains("metaspace")
				.contains("thread stacks")
				.contains("5-10%");
		}
	}

	@Test
	void textWithoutTotalIsUnavailable() {
		assertThat(
				NmtSummaryParser.parse("Native Memory Tracking:\n\n-  Java Heap (reserved=1, committed=1)\n").reason())
			.isEqualTo("VM.native_memory printed no valid Total line: 'Native Memory Tracking:'");
	}

	@Test
	void garbledCategoryLineIsSkipped() {
		String text = Mutations.fixture("dcmd/jdk25-g1/native_memory-summary-scale_b.txt")
			.replace("Code (reserved=254121984", "Code (reserved=2541x1984");
		NmtSummary nmt = NmtSummaryParser.parse(text).orNull();
		assertThat(nmt.category("Code")).isEmpty();
		assertThat(nmt.category("GC")).isPresent();
	}

	@Test
	void liveNmtOfThisJvmIsEitherReadOrExplained() {
		Reading<NmtSummary> reading = new NmtReader(DiagnosticCommands.platform()).read();
		if (reading.isAvailable()) {
			assertThat(reading.orNull().totalCommitted()).isPositive();
		}
		else {
			assertThat(reading.reason()).contains("-XX:NativeMemoryTracking=summary");
		}
	}

	@Test
	void randomMutationsNeverThrowNorGiveNegativeSizes() {
		Mutations.check(Mutations.fixture("dcmd/jdk17-g1/native_memory-summary-scale_b.txt"), 1000, 42,
				NmtSummaryParser::parse);
		Mutations.check(Mutations.fixture("dcmd/jdk25-g1/native_memory-summary-scale_kb.txt"), 1000, 43,
				NmtSummaryParser::parse);
	}

	@Test
	void summaryInVmInfoIsReadInKilobytes() {
		String vmInfo = Mutations.fixture("dcmd/jdk17-zgc/vm_info-nmt-summary.txt");
		NmtSummary summary = NmtSummaryParser.parseVmInfoSection(vmInfo).orNull();
		assertThat(summary.totalCommitted()).isEqualTo(485943L * 1024);
		assertThat(summary.category("Java Heap").orElseThrow().committed()).isEqualTo(387072L * 1024);
		assertThat(NmtSummaryParser.parseVmInfoSection(Mutations.fixture("dcmd/jdk25-zgc/vm_info-nmt-summary.txt"))
			.orNull()
			.category("Metaspace")).isPresent();
	}

	@Test
	void vmInfoWithoutNmtHasNoSummary() {
		String vmInfo = Mutations.fixture("dcmd/jdk25-g1/vm_info-nmt-off.txt");
		assertThat(NmtSummaryParser.parseVmInfoSection(vmInfo).reason())
			.isEqualTo("VM.info printed no Native Memory Tracking section");
	}

}
