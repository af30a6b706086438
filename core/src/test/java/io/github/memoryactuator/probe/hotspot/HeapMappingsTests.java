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

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.probe.kernel.SmapsReader;
import io.github.memoryactuator.probe.kernel.SmapsRollup;
import io.github.memoryactuator.probe.kernel.SmapsRollupReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapMappings}. The {@code heap_info.txt} and {@code smaps} fixtures of
 * G1 and ZGC come from the same processes.
 */
class HeapMappingsTests {

	private static HeapInfo heapInfo(String folder) {
		return HeapInfoParser.parse(Mutations.fixture("dcmd/" + folder + "/heap_info.txt")).orNull();
	}

	private static Smaps smaps(String folder) {
		return new SmapsReader(Fixtures.root(folder)).read().orNull();
	}

	@Test
	void g1HeapIsFoundByItsAddressRangeIncludingTheArchivedRegions() {
		HeapMappings heap = HeapMappings.locate(heapInfo("jdk17-g1"), smaps("smaps-jdk17-g1")).orNull();
		assertThat(heap.source()).isEqualTo(HeapMappings.Source.ADDRESS_RANGE);
		assertThat(heap.isMultiMapped()).isFalse();
		assertThat(heap.partial()).isFalse();
		// The committed part, the reserved rest, and CDS archived heap regions mapped
		// from
		// classes.jsa at the top of the heap.
		assertThat(heap.mappings()).hasSize(6);
		assertThat(heap.mappings()).anyMatch((mapping) -> mapping.path().endsWith("classes.jsa"));
		assertThat(heap.mappings().stream().mapToLong(Mapping::size).sum()).isEqualTo(512L * 1024 * 1024);
		assertThat(heap.rss()).isEqualTo(heap.residentOnce());
		assertThat(heap.countedMoreThanOnce()).isZero();
	}

	@Test
	void zgcOnJdk17IsFoundByMemfdNameAndIsMappedThreeTimes() {
		HeapMappings heap = HeapMappings.locate(heapInfo("jdk17-zgc"), smaps("smaps-jdk17-zgc")).orNull();
		assertThat(heap.source()).isEqualTo(HeapMappings.Source.MEMFD_NAME);
		assertThat(heap.views()).isEqualTo(3);
		assertThat(heap.isMultiMapped()).isTrue();
		assertThat(heap.rss()).isEqualTo((8312L + 16288 + 59772) * 1024);
		assertThat(heap.pss()).isEqualTo((3527L + 13083 + 54999) * 1024);
		assertThat(heap.residentOnce()).isEqualTo(heap.pss());
		assertThat(heap.countedMoreThanOnce()).isEqualTo(heap.rss() - heap.pss());
		// The kernel's RssShmem is the per-view sum, the same over-count.
		SmapsRollup rollup = new SmapsRollupReader(Fixtures.root("smaps-jdk17-zgc")).read().orNull();
		assertThat(rollup.pssShmem()).hasValue(71611L * 1024);
	}

	@Test
	void generationalZgcOnJdk25MapsTheMemfdOnce() {
		HeapMappings heap = HeapMappings.locate(heapInfo("jdk25-zgc"), smaps("smaps-jdk25-zgc")).orNull();
		assertThat(heap.source()).isEqualTo(HeapMappings.Source.MEMFD_NAME);
		assertThat(heap.views()).isEqualTo(1);
		assertThat(heap.isMultiMapped()).isFalse();
		assertThat(heap.rss()).isEqualTo(81732L * 1024).isEqualTo(heap.pss());
	}

	@Test
	void growingViewsSplitIntoSeveralMappingsStillCountAsThreeViews() {
		List<Mapping> mappings = List.of(memfd(0x40000000000L, 0), memfd(0x40000200000L, 0x200000),
				memfd(0x80000000000L, 0), memfd(0x80000200000L, 0x200000), memfd(0x100000000000L, 0));
		HeapInfo zgc = new HeapInfo(HeapInfo.Collector.ZGC, List.of(), OptionalLong.empty(), OptionalLong.empty(),
				OptionalLong.empty());
		assertThat(HeapMappings.locate(zgc, new Smaps(mappings)).orNull().views()).isEqualTo(3);
	}

	@Test
	void mappingThatReachesBeyondTheRangeIsFlaggedPartial() {
		Mapping merged = new Mapping(0xd0000000L, 0xf0000000L, "rw-p", 0, "", 4096, 4096, 0, 0, 0, 4096, 4096, 0, 0, 0);
		HeapMappings heap = HeapMappings.locate(heapInfo("jdk17-g1"), new Smaps(List.of(merged))).orNull();
		assertThat(heap.partial()).isTrue();
	}

	@Test
	void zgcWithoutAJavaHeapMappingIsUnavailable() {
		Reading<HeapMappings> reading = HeapMappings.locate(heapInfo("jdk17-zgc"), smaps("smaps-jdk17-g1"));
		assertThat(reading.reason()).isEqualTo("GC.heap_info printed no address range for the ZGC heap, "
				+ "and no mapping in /proc/self/smaps is named java_heap");
	}

	@Test
	void rangeWithNoMappingIsUnavailable() {
		Reading<HeapMappings> reading = HeapMappings.locate(heapInfo("jdk17-g1"), smaps("smaps-jdk17-zgc"));
		assertThat(reading.reason())
			.isEqualTo("no mapping in /proc/self/smaps overlaps the heap range [[0xe0000000, 0x100000000)]");
	}

	private static Mapping memfd(long start, long offset) {
		return new Mapping(start, start + 0x200000, "rw-s", offset, "/memfd:java_heap (deleted)", 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0);
	}

}
