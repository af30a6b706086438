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

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.AddressRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapInfoParser} and {@link HeapInfoReader}.
 */
class HeapInfoParserTests {

	private static final AddressRange HEAP_512M_AT_3_5G = new AddressRange(0xe0000000L, 0x100000000L);

	private static HeapInfo parse(String folder) {
		Reading<HeapInfo> reading = HeapInfoParser.parse(Mutations.fixture("dcmd/" + folder + "/heap_info.txt"));
		assertThat(reading.reason()).isNull();
		return reading.orNull();
	}

	@Test
	void g1OnJdk17GivesRangeTotalAndUsed() {
		HeapInfo info = parse("jdk17-g1");
		assertThat(info.collector()).isEqualTo(HeapInfo.Collector.G1);
		assertThat(info.ranges()).containsExactly(HEAP_512M_AT_3_5G);
		assertThat(info.reserved()).hasValue(512L * 1024 * 1024);
		assertThat(info.committed()).hasValue(389120L * 1024);
		assertThat(info.used()).hasValue(133159L * 1024);
	}

	@Test
	void g1OnJdk25ReadsTheNewReservedCommittedUsedWording() {
		HeapInfo info = parse("jdk25-g1");
		assertThat(info.collector()).isEqualTo(HeapInfo.Collector.G1);
		assertThat(info.ranges()).containsExactly(HEAP_512M_AT_3_5G);
		assertThat(info.reserved()).hasValue(524288L * 1024);
		assertThat(info.committed()).hasValue(389120L * 1024);
		assertThat(info.used()).hasValue(133425L * 1024);
	}

	@ParameterizedTest
	@CsvSource({ "jdk17-serial, SERIAL, 374272, 68765", "jdk25-serial, SERIAL, 374272, 69535",
			"jdk17-parallel, PARALLEL, 371200, 68653", "jdk25-parallel, PARALLEL, 371200, 69385" })
	void generationalCollectorsAddUpGenerationsAndMergeTheirRanges(String folder, HeapInfo.Collector collector,
			long committedKib, long usedKib) {
		HeapInfo info = parse(folder);
		assertThat(info.collector()).isEqualTo(collector);
		assertThat(info.ranges()).containsExactly(HEAP_512M_AT_3_5G);
		assertThat(info.reserved()).hasValue(512L * 1024 * 1024);
		assertThat(info.committed()).hasValue(committedKib * 1024);
		assertThat(info.used()).hasValue(usedKib * 1024);
	}

	@Test
	void shenandoahRangeComesFromTheReservedRegionLine() {
		HeapInfo info = parse("jdk17-shenandoah");
		assertThat(info.collector()).isEqualTo(HeapInfo.Collector.SHENANDOAH);
		assertThat(info.ranges()).containsExactly(HEAP_512M_AT_3_5G);
		assertThat(info.reserved()).hasValue(512L * 1024 * 1024);
		assertThat(info.committed()).hasValue(83456L * 1024);
		assertThat(info.used()).hasValue(67028L * 1024);
		assertThat(parse("jdk25-shenandoah").committed()).hasValue(84224L * 1024);
	}

	@Test
	void zgcPrintsNoRangeOnEitherJdk() {
		for (String folder : new String[] { "jdk17-zgc", "jdk25-zgc" }) {
			HeapInfo info = parse(folder);
			assertThat(info.collector()).isEqualTo(HeapInfo.Collector.ZGC);
			assertThat(info.ranges()).isEmpty();
			assertThat(info.reserved()).hasValue(512L * 1024 * 1024);
			assertThat(info.committed()).hasValue(378L * 1024 * 1024);
		}
		assertThat(parse("jdk17-zgc").used()).hasValue(84L * 1024 * 1024);
		assertThat(parse("jdk25-zgc").used()).hasValue(86L * 1024 * 1024);
	}

	@Test
	void jdk17MetaspaceLinesAreNotCountedAsHeap() {
		HeapInfo info = parse("jdk17-zgc");
		assertThat(info.used()).hasValue(84L * 1024 * 1024);
	}

	@Test
	void unknownCollectorWithSizesIsKeptAsUnknown() {
		HeapInfo info = HeapInfoParser.parse(" Epsilon Heap\n used 5M, committed 10M\n").orNull();
		assertThat(info.collector()).isEqualTo(HeapInfo.Collector.UNKNOWN);
		assertThat(info.committed()).hasValue(10L * 1024 * 1024);
		assertThat(info.ranges()).isEmpty();
	}

	@Test
	void emptyOrMeaninglessTextIsUnavailable() {
		assertThat(HeapInfoParser.parse("").reason()).isEqualTo("GC.heap_info printed nothing");
		assertThat(HeapInfoParser.parse("something else\n").reason())
			.isEqualTo("GC.heap_info printed no heap range or size: 'something else'");
	}

	@Test
	void garbledAddressDropsOnlyTheRange() {
		HeapInfo info = HeapInfoParser
			.parse("garbage-first heap   total 389120K, used 133159K [0x00000000e000000z, 0x0000000100000000)")
			.orNull();
		assertThat(info.ranges()).isEmpty();
		assertThat(info.used()).isEqualTo(OptionalLong.of(133159L * 1024));
	}

	@Test
	void rangeLargerThanLongMaxValueIsDroppedNotMadeNegative() {
		HeapInfo info = HeapInfoParser
			.parse("DefNew     total 116224K, used 2009K [0x00000000e0000000, 0x00000000e7e10000, 0xc0000000eaaa0000)")
			.orNull();
		assertThat(info.ranges()).isEmpty();
		assertThat(info.reserved()).isEmpty();
	}

	@Test
	void liveHeapInfoOfThisJvmHasACollector() {
		Reading<HeapInfo> reading = new HeapInfoReader(DiagnosticCommands.platform()).read();
		assertThat(reading.reason()).isNull();
		assertThat(reading.orNull().committed().getAsLong()).isPositive();
	}

	@Test
	void randomMutationsNeverThrowNorGiveNegativeSizes() {
		String[] folders = { "jdk17-serial", "jdk25-parallel", "jdk17-g1", "jdk25-g1", "jdk25-shenandoah",
				"jdk25-zgc" };
		for (int i = 0; i < folders.length; i++) {
			Mutations.check(Mutations.fixture("dcmd/" + folders[i] + "/heap_info.txt"), 400, 42 + i,
					HeapInfoParser::parse);
		}
	}

}
