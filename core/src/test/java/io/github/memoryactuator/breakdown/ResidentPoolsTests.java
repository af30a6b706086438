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
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.hotspot.HeapInfoParser;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.SystemMapParser;
import io.github.memoryactuator.probe.hotspot.VmInfoParser;
import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.probe.kernel.SmapsReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResidentPools}: the shapes it goes by where no owner is named, checked
 * mapping by mapping against the owners {@code System.map} names in the same process (JDK
 * 25, G1, NMT summary: the fixture {@code smaps-jdk25-g1-nmt}).
 */
class ResidentPoolsTests {

	private static final long MB = 1024 * 1024;

	private final Path root = Fixtures.root("smaps-jdk25-g1-nmt");

	@Test
	void theShapesAgreeWithTheJvmsOwnMapMappingByMapping() throws IOException {
		Map<String, long[]> agreement = HeuristicCheck.compare(smaps(), systemMap(), heap(), classSpace());
		// every thread stack, every class-space page, and nothing of the JVM's taken for
		// a glibc arena or a stack
		assertThat(share(agreement, "STACK")).isEqualTo(1.0);
		assertThat(share(agreement, "CLASS")).isEqualTo(1.0);
		assertThat(share(agreement, "META")).isEqualTo(1.0);
		assertThat(share(agreement, "GC")).isGreaterThan(0.99);
		assertThat(share(agreement, "-")).isGreaterThan(0.99);
		assertThat(agreement.get("STACK")[1]).as("stack bytes in the fixture").isGreaterThan(MB / 4);
	}

	@Test
	void theClassSpacesFirstGranuleIsNotAGlibcArenaNorItsNeighbourAStack() throws IOException {
		// JDK 17 placed this class space on a 64 MB boundary: 64 KB granules committed
		// one apart, the first shaped like a glibc arena's start, the next like a stack
		// above its guard.
		Smaps smaps = new SmapsReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		String vmInfo = Files.readString(Fixtures.root(".").resolve("dcmd/jdk17-g1/vm_info-nmt-off.txt"));
		AddressRange classSpace = VmInfoParser.parse(vmInfo).orNull().classSpace().orElseThrow();
		int first = -1;
		for (int i = 0; i < smaps.mappings().size(); i++) {
			if (smaps.mappings().get(i).start() == classSpace.start()) {
				first = i;
			}
		}
		assertThat(first).as("a mapping starts the class space").isPositive();
		Mapping granule = smaps.mappings().get(first);
		Mapping neighbour = smaps.mappings().get(first + 2);
		assertThat(granule.start() % ResidentPools.ARENA_SIZE).isZero();
		assertThat(granule.permissions()).isEqualTo("rw-p");
		assertThat(neighbour.permissions()).isEqualTo("rw-p");
		for (AddressRange range : new AddressRange[] { classSpace, null }) {
			assertThat(ResidentPools.classify(granule, smaps.mappings().get(first - 1), smaps.mappings().get(first + 1),
					range, null))
				.isIn(ResidentPools.Pool.METASPACE, ResidentPools.Pool.OTHER);
			assertThat(ResidentPools.classify(neighbour, smaps.mappings().get(first + 1),
					smaps.mappings().get(first + 3), range, null))
				.isIn(ResidentPools.Pool.METASPACE, ResidentPools.Pool.OTHER);
		}
		assertThat(ResidentPools.classify(granule, null, null, classSpace, null))
			.isEqualTo(ResidentPools.Pool.METASPACE);
	}

	@Test
	void aMetaspaceNodeWithTwoCommittedRegionsIsNotAnArena() {
		long base = 0x7fbf40000000L;
		Mapping first = anonymous(base, base + 0x20000, "rw-p");
		Mapping gap = anonymous(base + 0x20000, base + 0x400000, "---p");
		Mapping arenaTail = anonymous(base + 0x20000, base + ResidentPools.ARENA_SIZE, "---p");
		assertThat(ResidentPools.isArena(first, gap)).isFalse();
		assertThat(ResidentPools.isArena(first, arenaTail)).isTrue();
	}

	@Test
	void aReadWriteMappingAboveAGapOfUncommittedGranulesIsNoStack() {
		long base = 0x7fbf40000000L;
		Mapping gap = anonymous(base + 0x20000, base + 0x30000, "---p");
		Mapping granule = anonymous(base + 0x30000, base + 0x40000, "rw-p");
		Mapping guard = anonymous(base + 0x2c000, base + 0x30000, "---p");
		assertThat(ResidentPools.isThreadStack(granule, gap)).as("64 KB below").isFalse();
		assertThat(ResidentPools.isThreadStack(granule, guard)).as("16 KB guard zone").isTrue();
	}

	@Test
	void withTheJvmsOwnMapMetaspaceAndGcStructuresAreMeasured() throws IOException {
		ResidentPools pools = ResidentPools.of(smaps(), heap(), classSpace(), systemMap());
		ResidentPools guessed = ResidentPools.of(smaps(), heap(), classSpace(), null);
		assertThat(pools.metaspace).isGreaterThan(guessed.metaspace);
		assertThat(pools.gc).isPositive();
		assertThat(guessed.gc).isZero();
		assertThat(pools.total()).isEqualTo(guessed.total());
	}

	private static double share(Map<String, long[]> agreement, String owner) {
		long[] tally = agreement.get(owner);
		assertThat(tally).as("owner %s in the fixture", owner).isNotNull();
		return (double) tally[0] / tally[1];
	}

	private static Mapping anonymous(long start, long end, String permissions) {
		return new Mapping(start, end, permissions, 0, "", 4096, 4096, 0, 0, 0, 4096, 4096, 0, 0, 0);
	}

	private Smaps smaps() {
		return new SmapsReader(this.root).read().orNull();
	}

	private SystemMap systemMap() throws IOException {
		return SystemMapParser.parse(Files.readString(this.root.resolve("system_map.txt"))).orNull();
	}

	private HeapMappings heap() throws IOException {
		return HeapInfoParser.parse(Files.readString(this.root.resolve("heap_info.txt")))
			.flatMap((info) -> HeapMappings.locate(info, smaps()))
			.orNull();
	}

	// The fixture keeps only the class-space line of VM.info, which prints much about
	// the machine.
	private AddressRange classSpace() throws IOException {
		String line = Files.readString(this.root.resolve("vm_info-class-space.txt"));
		return VmInfoParser.parse("\nlibc: glibc 2.36\n" + line).orNull().classSpace().orElseThrow();
	}

}
