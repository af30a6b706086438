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
import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmapsRollupParser} and {@link SmapsRollupReader}.
 */
class SmapsRollupParserTests {

	@Test
	void readsEveryFieldOfARealG1Capture() {
		SmapsRollup rollup = new SmapsRollupReader(Fixtures.root("smaps-jdk17-g1")).read().orNull();
		assertThat(rollup).isNotNull();
		assertThat(rollup.rss()).isEqualTo(128036L * 1024);
		assertThat(rollup.pss()).isEqualTo(126398L * 1024);
		assertThat(rollup.pssAnon()).hasValue(105560L * 1024);
		assertThat(rollup.pssFile()).hasValue(20838L * 1024);
		assertThat(rollup.pssShmem()).hasValue(0);
		assertThat(rollup.anonymous()).isEqualTo(105560L * 1024);
		assertThat(rollup.privateDirty()).isEqualTo(105592L * 1024);
		assertThat(rollup.lazyFree()).hasValue(0);
		assertThat(rollup.shmemPmdMapped()).hasValue(0);
		assertThat(rollup.swapPss()).hasValue(0);
	}

	@Test
	void zgcOnJdk17HeapShowsAsSharedMemoryWhosePssIsBelowRss() {
		SmapsRollup rollup = new SmapsRollupReader(Fixtures.root("smaps-jdk17-zgc")).read().orNull();
		assertThat(rollup).isNotNull();
		assertThat(rollup.pssShmem()).hasValue(71611L * 1024);
		assertThat(rollup.rss() - rollup.pss()).isGreaterThan(20L * 1024 * 1024);
	}

	@Test
	void kernelBefore59WithoutPssSplitStillParses() {
		String text = Mutations.fixture("smaps-jdk17-g1/proc/self/smaps_rollup")
			.replaceAll("(?m)^Pss_(Anon|File|Shmem|Dirty):.*\n", "")
			.replaceAll("(?m)^LazyFree:.*\n", "");
		SmapsRollup rollup = SmapsRollupParser.parse(text).orNull();
		assertThat(rollup).isNotNull();
		assertThat(rollup.rss()).isEqualTo(128036L * 1024);
		assertThat(rollup.pssAnon()).isEmpty();
		assertThat(rollup.pssShmem()).isEmpty();
		assertThat(rollup.lazyFree()).isEmpty();
	}

	@Test
	void garbledRssIsUnavailableAndNamesTheField() {
		String text = Mutations.fixture("smaps-jdk17-g1/proc/self/smaps_rollup")
			.replace("Rss:              128036 kB", "Rss:              12x036 kB");
		Reading<SmapsRollup> reading = SmapsRollupParser.parse(text);
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).isEqualTo("/proc/self/smaps_rollup has no valid Rss (garbled: Rss)");
	}

	@Test
	void garbledOptionalFieldIsLeftEmpty() {
		String text = Mutations.fixture("smaps-jdk17-g1/proc/self/smaps_rollup")
			.replace("LazyFree:              0 kB", "LazyFree:             -4 kB");
		assertThat(SmapsRollupParser.parse(text).orNull().lazyFree()).isEmpty();
	}

	@Test
	void repeatedGarbledLinesAreNamedOnce() {
		// Found by ParserFuzzTests: each copy of a garbled line was listed in the reason.
		String text = "Rss: x kB\n".repeat(1000);
		assertThat(SmapsRollupParser.parse(text).reason()).endsWith("(garbled: Rss)");
	}

	@Test
	void emptyTextIsUnavailable() {
		assertThat(SmapsRollupParser.parse("").reason()).startsWith("/proc/self/smaps_rollup has no valid Rss, Pss");
	}

	@Test
	void missingFileIsUnavailableAndSaysWhy(@TempDir Path empty) {
		assertThat(new SmapsRollupReader(empty).read().reason())
			.isEqualTo("/proc/self/smaps_rollup does not exist (not Linux, or a kernel older than 4.14)");
	}

	@Test
	void liveSmapsRollupIsReadable() {
		Reading<SmapsRollup> reading = new SmapsRollupReader(Path.of("/")).read();
		if (Path.of("/proc/self/smaps_rollup").toFile().canRead()) {
			assertThat(reading.orNull().rss()).isPositive();
		}
		else {
			assertThat(reading.isAvailable()).isFalse();
		}
	}

	@Test
	void randomMutationsNeverThrowNorGiveNegativeSizes() {
		Mutations.check(Mutations.fixture("smaps-jdk17-zgc/proc/self/smaps_rollup"), 2000, 42,
				SmapsRollupParser::parse);
	}

}
