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

package io.github.memoryactuator.reclaim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrimOutputParser}.
 */
class TrimOutputParserTests {

	// Captured from OpenJDK 17.0.15 after 16 threads allocated and mostly freed.
	private static final String JDK17_BIG = "Trim native heap: RSS+Swap: 298M->82572K (-217M)\n";

	// Captured from OpenJDK 17.0.15: a second trim straight after the first.
	private static final String JDK17_BYTES = "Trim native heap: RSS+Swap: 82576K->82536K (-40960B)\n";

	// Captured from Temurin 25.0.3 after the same burst.
	private static final String JDK25_BIG = "Trim native heap: RSS+Swap: 313M->97064K (-218M)\n";

	// Captured from Temurin 25.0.3: nothing left to trim.
	private static final String JDK25_NOTHING = "Trim native heap: RSS+Swap: 97064K->97064K (+0B)\n";

	@Test
	void parsesMegabytesAndKilobytesFromJdk17() {
		NativeTrim trim = TrimOutputParser.parse(JDK17_BIG).orNull();
		assertThat(trim).isEqualTo(new NativeTrim(298L << 20, 82572L << 10, 217L << 20));
	}

	@Test
	void parsesBytesFromJdk17() {
		assertThat(TrimOutputParser.parse(JDK17_BYTES).orNull())
			.isEqualTo(new NativeTrim(82576L << 10, 82536L << 10, 40960));
	}

	@Test
	void parsesJdk25Output() {
		assertThat(TrimOutputParser.parse(JDK25_BIG).orNull())
			.isEqualTo(new NativeTrim(313L << 20, 97064L << 10, 218L << 20));
		assertThat(TrimOutputParser.parse(JDK25_NOTHING).orNull())
			.isEqualTo(new NativeTrim(97064L << 10, 97064L << 10, 0));
	}

	@Test
	void parsesGigabytes() {
		assertThat(TrimOutputParser.parse("Trim native heap: RSS+Swap: 3G->1843M (-1229M)").orNull())
			.isEqualTo(new NativeTrim(3L << 30, 1843L << 20, 1229L << 20));
	}

	@Test
	void growthIsANegativeRelease() {
		assertThat(TrimOutputParser.parse("Trim native heap: RSS+Swap: 10M->11M (+1M)").orNull())
			.isEqualTo(new NativeTrim(10L << 20, 11L << 20, -(1L << 20)));
	}

	@Test
	void toleratesUnitsWithBAndDecimalsAndWhitespace() {
		assertThat(TrimOutputParser.parse("RSS+Swap:  1.5GB -> 512MB ( - 1.0GB )").orNull())
			.isEqualTo(new NativeTrim(3L << 29, 512L << 20, 1L << 30));
	}

	@Test
	void notAvailableIsUnavailableWithTheJvmText() {
		Reading<NativeTrim> reading = TrimOutputParser.parse("Not available.\n");
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).contains("cannot trim").contains("Not available.");
		assertThat(TrimOutputParser.isUnsupported("Trim native heap: not supported on this platform")).isTrue();
	}

	@Test
	void longRefusalIsAbbreviated() {
		// Found by ParserFuzzTests: a refusal was echoed whole into the reason.
		String reason = TrimOutputParser.parse("Not available." + "x".repeat(100_000)).reason();
		assertThat(reason).startsWith("this JVM cannot trim the native heap here: Not available.").endsWith("...");
		assertThat(reason.length()).isLessThan(300);
	}

	@Test
	@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void longRunsOfSpacesDoNotMakeTheMatchBacktrack() {
		// Found by ParserFuzzTests: greedy \s* around the optional unit backtracked
		// quadratically, and this took about 10 s. The bound only catches a hang.
		String spaces = " ".repeat(65_536);
		assertThat(TrimOutputParser.parse("RSS+Swap: 1" + spaces).isAvailable()).isFalse();
		assertThat(TrimOutputParser.parse("RSS+Swap: 97064K->97" + spaces + "x").isAvailable()).isFalse();
		assertThat(TrimOutputParser.parse("RSS+Swap: 2M->1M (-4" + spaces).isAvailable()).isFalse();
		assertThat(
				TrimOutputParser.parse("RSS+Swap: 2M" + spaces + "->" + spaces + "1M (" + spaces + "-1M" + spaces + ")")
					.orNull())
			.isEqualTo(new NativeTrim(2L << 20, 1L << 20, 1L << 20));
	}

	@Test
	void garbageIsUnavailableAndNeverThrows() {
		assertThat(TrimOutputParser.parse("").isAvailable()).isFalse();
		assertThat(TrimOutputParser.parse("Trim native heap: RSS+Swap: lots->less").isAvailable()).isFalse();
		assertThat(TrimOutputParser.parse("RSS+Swap: 99999999999999999999G->1K (-1K)").reason())
			.contains("out of range");
		assertThat(TrimOutputParser.parse("x".repeat(10_000)).reason()).endsWith("...");
	}

}
