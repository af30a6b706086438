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

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcStatusReader} and {@link ProcStatusParser}.
 */
class ProcStatusReaderTests {

	@Test
	void readsEveryMemoryLineOfARealCapture() {
		ProcStatus status = new ProcStatusReader(Fixtures.root("cgroup-v1-hybrid-unlimited")).read().orNull();
		assertThat(status).isNotNull();
		assertThat(status.rss()).isEqualTo(104516L * 1024);
		assertThat(status.rssAnon())
			.hasValue(status.rss() - status.rssFile().getAsLong() - status.rssShmem().getAsLong());
		assertThat(status.rssShmem()).hasValue(0);
		assertThat(status.swap()).hasValue(0);
		assertThat(status.peakRss().getAsLong()).isGreaterThanOrEqualTo(status.rss());
		assertThat(status.threads().getAsLong()).isGreaterThan(5);
	}

	@Test
	void oldKernelWithoutRssSplitStillGivesRss() {
		ProcStatus status = new ProcStatusReader(Fixtures.root("linux-4.4-status")).read().orNull();
		assertThat(status).isNotNull();
		assertThat(status.rss()).isEqualTo(104516L * 1024);
		assertThat(status.rssAnon()).isEmpty();
		assertThat(status.rssFile()).isEmpty();
		assertThat(status.rssShmem()).isEmpty();
	}

	@Test
	void garbledRssIsUnavailableWithTheText() {
		Reading<ProcStatus> reading = new ProcStatusReader(Fixtures.root("garbled")).read();
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).contains("VmRSS").contains("1x4516 kB");
	}

	@Test
	void missingProcIsUnavailableAndSaysWhy(@TempDir Path empty) {
		Reading<ProcStatus> reading = new ProcStatusReader(empty).read();
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).isEqualTo("/proc/self/status does not exist (not Linux, or /proc is not mounted)");
	}

	@Test
	void liveProcSelfStatusMatchesTheJvmItRunsIn() {
		Reading<ProcStatus> reading = new ProcStatusReader(Path.of("/")).read();
		if (!Path.of("/proc/self/status").toFile().canRead()) {
			assertThat(reading.isAvailable()).isFalse();
			return;
		}
		assertThat(reading.orNull().rss()).isGreaterThan(Runtime.getRuntime().totalMemory() / 100);
	}

	@Test
	void statusWithoutRssLineIsUnavailable() {
		assertThat(ProcStatusParser.parse("Name:\tjava\nVmSize:\t 100 kB\n").reason())
			.isEqualTo("no VmRSS line in /proc/self/status");
	}

	@Test
	void figuresOtherThanKilobytesAreRejected() {
		assertThat(ProcStatusParser.parse("VmRSS:\t100 MB\n").isAvailable()).isFalse();
		assertThat(ProcStatusParser.parse("VmRSS:\t-100 kB\n").isAvailable()).isFalse();
		assertThat(ProcStatusParser.parse("VmRSS:\t99999999999999999999 kB\n").isAvailable()).isFalse();
		assertThat(ProcStatusParser.parse("VmRSS:\t9007199254740993 kB\n").isAvailable()).isFalse();
	}

	@Test
	void lastLineWithoutNewlineIsRead() {
		assertThat(ProcStatusParser.parse("VmRSS:\t  4 kB").orNull().rss()).isEqualTo(4096);
	}

}
