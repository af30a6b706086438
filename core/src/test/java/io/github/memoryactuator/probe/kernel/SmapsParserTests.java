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

package io.github.memoryactuator.probe.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Mutations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmapsParser} and {@link SmapsReader}.
 */
class SmapsParserTests {

	private static final String ANONYMOUS_MAPPING = """
			7f0c1c000000-7f0c1c021000 rw-p 00000000 00:00 0
			Size:                132 kB
			Rss:                  12 kB
			Pss:                  12 kB
			Private_Dirty:        12 kB
			Anonymous:            12 kB
			LazyFree:              8 kB
			VmFlags: rd wr mr mw me nr sd
			""";

	@Test
	void everyMappingOfARealCaptureIsReadAndRssAddsUpToTheRollup() {
		Smaps smaps = new SmapsReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		SmapsRollup rollup = new SmapsRollupReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		assertThat(smaps.mappings()).hasSize(224);
		assertThat(smaps.sum((mapping) -> true, Mapping::rss)).isEqualTo(rollup.rss());
		assertThat(smaps.sum((mapping) -> true, Mapping::anonymous)).isEqualTo(rollup.anonymous());
	}

	@Test
	void javaHeapOfG1IsAnAnonymousMappingAtItsReservedAddress() {
		Smaps smaps = new SmapsReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		Mapping heap = smaps.mappings().get(0);
		assertThat(heap.start()).isEqualTo(0xe0000000L);
		assertThat(heap.end()).isEqualTo(0xf7a00000L);
		assertThat(heap.size()).isEqualTo(387072L * 1024);
		assertThat(heap.permissions()).isEqualTo("rw-p");
		assertThat(heap.isAnonymous()).isTrue();
		assertThat(heap.rss()).isEqualTo(heap.anonymous()).isPositive();
	}

	@Test
	void pseudoPathsAreKeptAsPrinted() {
		Smaps smaps = new SmapsReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		assertThat(smaps.select((mapping) -> mapping.path().startsWith("[")).stream().map(Mapping::path))
			.containsExactlyInAnyOrder("[heap]", "[stack]", "[vvar]", "[vvar_vclock]", "[vdso]", "[vsyscall]");
		assertThat(smaps.select((mapping) -> mapping.path().endsWith("/libjvm.so"))).isNotEmpty();
	}

	@Test
	void vsyscallAboveLongMaxValueKeepsAPositiveSize() {
		Smaps smaps = new SmapsReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		Mapping vsyscall = smaps.select((mapping) -> mapping.path().equals("[vsyscall]")).get(0);
		assertThat(Long.toHexString(vsyscall.start())).isEqualTo("ffffffffff600000");
		assertThat(vsyscall.size()).isEqualTo(4096);
	}

	@Test
	void zgcOnJdk17MapsTheHeapMemfdThreeTimesAsShared() {
		Smaps smaps = new SmapsReader(Fixtures.root("smaps-jdk17-zgc")).read().orNull();
		List<Mapping> heap = smaps.select((mapping) -> mapping.path().equals("/memfd:java_heap (deleted)"));
		assertThat(heap).extracting(Mapping::start).containsExactly(0x40000000000L, 0x80000000000L, 0x100000000000L);
		assertThat(heap).allMatch(Mapping::isShared);
		assertThat(heap).extracting(Mapping::rss).containsExactly(8312L * 1024, 16288L * 1024, 59772L * 1024);
		assertThat(heap).extracting(Mapping::pss).containsExactly(3527L * 1024, 13083L * 1024, 54999L * 1024);
	}

	@Test
	void pathWithSpacesIsKeptWhole() {
		String text = "7f0c1c000000-7f0c1c021000 r--p 00002000 fe:00 4242        /opt/my app/lib/a b.so\nRss: 4 kB\n";
		Mapping mapping = SmapsParser.parse(text).orNull().mappings().get(0);
		assertThat(mapping.path()).isEqualTo("/opt/my app/lib/a b.so");
		assertThat(mapping.offset()).isEqualTo(0x2000);
		assertThat(mapping.rss()).isEqualTo(4096);
	}

	@Test
	void anonymousMappingHasEmptyPathAndReadsLazyFree() {
		Mapping mapping = SmapsParser.parse(ANONYMOUS_MAPPING).orNull().mappings().get(0);
		assertThat(mapping.path()).isEmpty();
		assertThat(mapping.lazyFree()).isEqualTo(8192);
		assertThat(mapping.privateDirty()).isEqualTo(12288);
		assertThat(mapping.swap()).isZero();
	}

	@Test
	void garbledHeaderSkipsThatMappingWithItsFields() {
		String text = ANONYMOUS_MAPPING.replace("7f0c1c000000-", "7f0c1c0g0000-")
				+ ANONYMOUS_MAPPING.replace("7f0c1c000000-7f0c1c021000", "7f0c1c021000-7f0c1c042000");
		Smaps smaps = SmapsParser.parse(text).orNull();
		assertThat(smaps.mappings()).singleElement().extracting(Mapping::start).isEqualTo(0x7f0c1c021000L);
	}

	@Test
	void headerWithEndBeforeStartIsSkipped() {
		assertThat(
				SmapsParser.parse(ANONYMOUS_MAPPING.replace("7f0c1c000000-7f0c1c021000", "7f0c1c021000-7f0c1c000000"))
					.reason())
			.isEqualTo("/proc/self/smaps has no valid mapping header");
	}

	@Test
	void headerSpanningMoreThanLongMaxValueIsSkipped() {
		assertThat(SmapsParser.parse(ANONYMOUS_MAPPING.replace("7f0c1c000000-7f0c1c021000", "1000-ffffffffff600000"))
			.isAvailable()).isFalse();
	}

	@Test
	void garbledFieldIsSkippedAndStaysZero() {
		Mapping mapping = SmapsParser.parse(ANONYMOUS_MAPPING.replace("Rss:                  12 kB", "Rss: 1 2 kB"))
			.orNull()
			.mappings()
			.get(0);
		assertThat(mapping.rss()).isZero();
		assertThat(mapping.pss()).isEqualTo(12288);
	}

	@Test
	void bytesAfterTheLengthReadAreLeftFromAnEarlierReadAndIgnored() {
		byte[] earlier = (ANONYMOUS_MAPPING
				+ ANONYMOUS_MAPPING.replace("7f0c1c000000-7f0c1c021000", "7f0c1c021000-7f0c1c042000"))
			.getBytes(StandardCharsets.ISO_8859_1);
		byte[] now = "7f0c1d000000-7f0c1d001000 r--p 00000000 fe:00 42 /opt/a.so\nRss: 4 kB\nAnonym"
			.getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(now, 0, earlier, 0, now.length);
		Smaps smaps = SmapsParser.parse(earlier, now.length).orNull();
		assertThat(smaps.mappings()).singleElement().satisfies((mapping) -> {
			assertThat(mapping.path()).isEqualTo("/opt/a.so");
			assertThat(mapping.rss()).isEqualTo(4096);
			assertThat(mapping.anonymous()).isZero();
		});
	}

	@Test
	void aLengthBeyondTheBufferReadsOnlyTheBuffer() {
		byte[] bytes = ANONYMOUS_MAPPING.getBytes(StandardCharsets.ISO_8859_1);
		assertThat(SmapsParser.parse(bytes, bytes.length + 100).orNull().mappings()).hasSize(1);
		assertThat(SmapsParser.parse(bytes, -1).reason()).isEqualTo("/proc/self/smaps has no mappings");
	}

	@Test
	void pathsOutsideAsciiAreKeptByteForByte() {
		byte[] bytes = "7f0c1c000000-7f0c1c021000 r--p 00000000 fe:00 1 /opt/caf\u00e9.so\nRss: 4 kB\n"
			.getBytes(StandardCharsets.UTF_8);
		Mapping mapping = SmapsParser.parse(bytes, bytes.length).orNull().mappings().get(0);
		assertThat(mapping.path().getBytes(StandardCharsets.ISO_8859_1))
			.isEqualTo("/opt/caf\u00e9.so".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aReaderSeesTheFileShrinkBetweenReadsIntoItsKeptBuffer(@TempDir Path root) throws IOException {
		Path file = Files.createDirectories(root.resolve("proc/self")).resolve("smaps");
		Files.writeString(file, Mutations.fixture("smaps-jdk17-zgc/proc/self/smaps"), StandardCharsets.ISO_8859_1);
		SmapsReader reader = new SmapsReader(root);
		assertThat(reader.read().orNull().mappings()).hasSizeGreaterThan(100);
		Files.writeString(file, ANONYMOUS_MAPPING, StandardCharsets.ISO_8859_1);
		assertThat(reader.read().orNull().mappings()).singleElement()
			.extracting(Mapping::start)
			.isEqualTo(0x7f0c1c000000L);
	}

	@Test
	void emptyTextIsUnavailable() {
		assertThat(SmapsParser.parse("").reason()).isEqualTo("/proc/self/smaps has no mappings");
	}

	@Test
	void missingFileIsUnavailableAndSaysWhy(@TempDir Path empty) {
		assertThat(new SmapsReader(empty).read().reason())
			.isEqualTo("/proc/self/smaps does not exist (not Linux, or /proc is not mounted)");
	}

	@Test
	void twoThousandMappingsAreAllRead() {
		// Its cost is measured in the benchmarks module, not here.
		String one = Mutations.fixture("smaps-jdk17-g1/proc/self/smaps");
		Smaps smaps = SmapsParser.parse(one.repeat(10)).orNull();
		assertThat(smaps.mappings()).hasSize(2240);
		assertThat(smaps.sum((mapping) -> true, Mapping::rss))
			.isEqualTo(10 * SmapsParser.parse(one).orNull().sum((mapping) -> true, Mapping::rss));
	}

	@Test
	void randomMutationsNeverThrowNorGiveNegativeSizes() {
		// The first 40 KB (about 50 mappings, the heap's among them) keep the loop quick.
		String text = Mutations.fixture("smaps-jdk17-zgc/proc/self/smaps");
		Mutations.check(text.substring(0, 40_000), 2000, 42, SmapsParser::parse);
	}

}
