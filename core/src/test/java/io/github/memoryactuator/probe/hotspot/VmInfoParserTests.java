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
 * Tests for {@link VmInfoParser} and {@link VmInfoReader}.
 */
class VmInfoParserTests {

	private static VmInfo parse(String relative) {
		Reading<VmInfo> reading = VmInfoParser.parse(Mutations.fixture("dcmd/" + relative));
		assertThat(reading.reason()).isNull();
		return reading.orNull();
	}

	@Test
	void jdk17GivesRssSplitAndGlibcOutstandingAndRetained() {
		VmInfo info = parse("jdk17-g1/vm_info-nmt-off.txt");
		assertThat(info.rss()).hasValue(127920L * 1024);
		assertThat(info.rssPeak()).hasValue(127920L * 1024);
		assertThat(info.rssAnon()).hasValue(105444L * 1024);
		assertThat(info.rssFile()).hasValue(22476L * 1024);
		assertThat(info.rssShmem()).hasValue(0);
		assertThat(info.swappedOut()).hasValue(0);
		assertThat(info.mallocOutstanding()).hasValue(14482L * 1024);
		assertThat(info.mallocRetained()).hasValue(1793L * 1024);
		assertThat(info.mallocMayHaveWrapped()).isFalse();
		assertThat(info.periodicTrim()).isEqualTo(VmInfo.NativeTrim.DISABLED);
		assertThat(info.trimIntervalMillis()).isEmpty();
		assertThat(info.libc()).hasValue("glibc 2.36 NPTL 2.36");
		assertThat(info.mallocTunables()).hasValue("(default)");
	}

	@Test
	void periodicTrimIsReportedWithItsIntervalOnJdk17And25() {
		for (String jdk : new String[] { "jdk17", "jdk25" }) {
			VmInfo info = parse(jdk + "-g1/vm_info-trim-5000ms.txt");
			assertThat(info.periodicTrim()).isEqualTo(VmInfo.NativeTrim.ENABLED);
			assertThat(info.trimIntervalMillis()).hasValue(5000);
		}
		assertThat(parse("jdk25-g1/vm_info-trim-5000ms.txt").mallocRetained()).hasValue(9557L * 1024);
	}

	@Test
	void zgcOnJdk17ShowsTheMultiMappedHeapAsShmem() {
		VmInfo info = parse("jdk17-zgc/vm_info-nmt-summary.txt");
		assertThat(info.rssShmem().getAsLong()).isGreaterThan(80L * 1024 * 1024);
	}

	@Test
	void largestShenandoahReportIsScannedForItsFewMarkers() {
		VmInfo info = parse("jdk25-shenandoah/vm_info-nmt-off.txt");
		assertThat(info.rss()).isPresent();
		assertThat(info.mallocOutstanding()).isPresent();
	}

	@Test
	void olderJdkWithoutRetainedAndWithWrapWarningIsRead() {
		VmInfo info = VmInfoParser.parse("""
				Process Memory:
				Virtual Size: 11384200K (peak: 19821176K)
				Resident Set Size: 9169564K (peak: 9198848K)
				Swapped out: 0K
				C-Heap outstanding allocations: 323983K (may have wrapped)
				""").orNull();
		assertThat(info.rss()).hasValue(9169564L * 1024);
		assertThat(info.rssAnon()).isEmpty();
		assertThat(info.mallocOutstanding()).hasValue(323983L * 1024);
		assertThat(info.mallocRetained()).isEmpty();
		assertThat(info.mallocMayHaveWrapped()).isTrue();
		assertThat(info.periodicTrim()).isEqualTo(VmInfo.NativeTrim.UNKNOWN);
	}

	@Test
	void markersInsideOtherLinesAreIgnored() {
		Reading<VmInfo> reading = VmInfoParser.parse("Event: thread 'Resident Set Size: 5K' started\n");
		assertThat(reading.reason()).isEqualTo("VM.info printed none of the lines 'Resident Set Size', "
				+ "'C-Heap outstanding allocations', 'Periodic native trim' or 'libc'");
	}

	@Test
	void garbledFigureIsLeftEmpty() {
		VmInfo info = VmInfoParser.parse("\nResident Set Size: 12x4K (peak: 99K)\nC-Heap outstanding allocations: 5M\n")
			.orNull();
		assertThat(info.rss()).isEmpty();
		assertThat(info.rssPeak()).hasValue(99L * 1024);
		assertThat(info.mallocOutstanding()).hasValue(5L * 1024 * 1024);
	}

	@Test
	void liveVmInfoOfThisJvmIsRead() {
		Reading<VmInfo> reading = new VmInfoReader(DiagnosticCommands.platform()).read();
		assertThat(reading.reason()).isNull();
		if (reading.orNull().libc().filter((libc) -> libc.startsWith("glibc")).isPresent()) {
			assertThat(reading.orNull().mallocOutstanding().getAsLong()).isPositive();
		}
	}

	@Test
	void randomMutationsNeverThrowNorGiveNegativeSizes() {
		String text = Mutations.fixture("dcmd/jdk17-g1/vm_info-trim-5000ms.txt");
		// The tail holds every marker; the head is 40 KB of text the parser never reads.
		int from = text.indexOf("Periodic native trim") - 2000;
		Mutations.check(text.substring(from), 2000, 42, VmInfoParser::parse);
	}

}
