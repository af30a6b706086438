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

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.kernel.AddressRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemMapParser}, {@link NativeHeapParser} and the class-space range
 * of {@link VmInfoParser}: the sources the breakdown labels mappings with.
 */
class SystemMapParserTests {

	@Test
	void everyMappingOfAJdk25MapIsParsedWithItsOwner() throws IOException {
		SystemMap map = SystemMapParser.parse(Mutations.fixture("smaps-jdk25-g1-nmt/system_map.txt")).orNull();
		assertThat(map).isNotNull();
		assertThat(map.regions()).hasSize(217);
		assertThat(map.isLabelled()).isTrue();
		assertThat(map.labelOf(0x91000000L, 0x91040000L)).isEqualTo(SystemMap.Label.CLASS);
		assertThat(map.regions()).filteredOn((region) -> region.text().startsWith("STACK-"))
			.allMatch((region) -> region.label() == SystemMap.Label.STACK);
		// glibc's arenas and large allocations are not the JVM's own
		assertThat(map.regions()).filteredOn((region) -> region.label() == null).isNotEmpty();
	}

	@Test
	void ownersThatShareAMappingTakeTheFirst() {
		assertThat(SystemMap.Label.of("CODE,GC")).isEqualTo(SystemMap.Label.CODE);
		assertThat(SystemMap.Label.of("CARDTBL")).isEqualTo(SystemMap.Label.CARD_TABLE);
		assertThat(SystemMap.Label.of("INTERN")).isEqualTo(SystemMap.Label.OTHER);
		assertThat(SystemMap.Label.of("-")).isNull();
	}

	@Test
	void aMapWithoutItsHeaderIsUnavailable() {
		assertThat(SystemMapParser.parse("0x1-0x2 4096 rw-p").reason()).contains("header");
	}

	@Test
	void mallocInfoTotalsKeepLargeAllocationsApartFromTheArenas() throws IOException {
		NativeHeap heap = NativeHeapParser.parse(Mutations.fixture("dcmd/jdk25-g1/native_heap_info.txt")).orNull();
		assertThat(heap).isEqualTo(new NativeHeap(4423680, 1777113, 14192640));
		assertThat(heap.arenaInUse()).isEqualTo(4423680 - 1777113);
		assertThat(NativeHeapParser.parse("<malloc version=\"1\"></malloc>").reason()).contains("totals");
	}

	@Test
	void theClassSpaceRangeIsReadFromVmInfo() throws IOException {
		VmInfo info = VmInfoParser.parse(Mutations.fixture("dcmd/jdk17-g1/vm_info-nmt-off.txt")).orNull();
		assertThat(info.classSpace()).hasValue(new AddressRange(0x00007fc1e8000000L, 0x00007fc228000000L));
		VmInfo garbled = VmInfoParser
			.parse("\nlibc: glibc\nCompressed class space mapped at: 0x20-0x10, reserved size: 16\n")
			.orNull();
		assertThat(garbled.classSpace()).isEmpty();
	}

}
