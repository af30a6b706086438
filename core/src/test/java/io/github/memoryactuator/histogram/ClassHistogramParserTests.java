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

package io.github.memoryactuator.histogram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClassHistogramParser} against {@code GC.class_histogram} captured from
 * JDK 17 and JDK 25 (see the fixtures' README).
 */
class ClassHistogramParserTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdk17-g1", "jdk17-zgc", "jdk25-g1", "jdk25-zgc" })
	void readsEveryRowAndTheJvmsTotals(String folder) {
		String text = Mutations.fixture("dcmd/" + folder + "/class_histogram.txt");
		ClassHistogram histogram = ClassHistogramParser.parse(text).orNull();
		assertThat(histogram).isNotNull();
		long rows = text.lines().filter((line) -> line.matches("^\\s*\\d+:.*")).count();
		assertThat(histogram.classes()).hasSize((int) rows);
		assertThat(histogram.classes().get(0).className()).isEqualTo("byte[]");
		assertThat(histogram.instances())
			.isEqualTo(histogram.classes().stream().mapToLong(ClassHistogram.Entry::instances).sum());
		assertThat(histogram.bytes())
			.isEqualTo(histogram.classes().stream().mapToLong(ClassHistogram.Entry::bytes).sum());
		// The capture's own record: 2,000 instances, 24 bytes each with compressed
		// class pointers and oops, 32 under ZGC, which has no compressed oops.
		assertThat(histogram.classes())
			.contains(new ClassHistogram.Entry("Histo$Report", 2000, folder.endsWith("zgc") ? 64_000 : 48_000));
		assertThat(histogram.classes())
			.anySatisfy((entry) -> assertThat(entry.className()).matches("Histo\\$\\$Lambda(\\$\\d+)?/0x[0-9a-f]+"));
		assertThat(histogram.classes())
			.anySatisfy((entry) -> assertThat(entry.className()).isEqualTo("java.lang.Object[]"));
	}

	@Test
	void readsTheJdk17CaptureFieldByField() {
		ClassHistogram histogram = ClassHistogramParser.parse(Mutations.fixture("dcmd/jdk17-g1/class_histogram.txt"))
			.orNull();
		assertThat(histogram).isNotNull();
		ClassHistogram.Entry first = histogram.classes().get(0);
		String firstLine = Mutations.fixture("dcmd/jdk17-g1/class_histogram.txt")
			.lines()
			.skip(2)
			.findFirst()
			.orElseThrow();
		assertThat(firstLine).contains(" " + first.instances() + " ")
			.contains(" " + first.bytes() + "  [B (java.base@");
	}

	@Test
	void withoutATotalLineTheRowsAreSummed() {
		ClassHistogram histogram = ClassHistogramParser
			.parse(" num     #instances         #bytes  class name (module)\n"
					+ "-------------------------------------------------------\n"
					+ "   1:            10           1000  [B (java.base@17.0.15)\n"
					+ "   2:             5             80  com.acme.Cache$Entry\n")
			.orNull();
		assertThat(histogram).isNotNull();
		assertThat(histogram.classes()).containsExactly(new ClassHistogram.Entry("byte[]", 10, 1000),
				new ClassHistogram.Entry("com.acme.Cache$Entry", 5, 80));
		assertThat(histogram.instances()).isEqualTo(15);
		assertThat(histogram.bytes()).isEqualTo(1080);
	}

	@Test
	void windowsLineEndingsAndGarbledRowsAreTolerated() {
		ClassHistogram histogram = ClassHistogramParser
			.parse("   1:  10  1000  [B (java.base@17)\r\n" + "   2:  x5  80  com.acme.Broken\r\n"
					+ "   3:  99999999999999999999  1  com.acme.Huge\r\n" + "   4:  7  70\r\n"
					+ "   5:  2  20  com.acme.Fine\r\n" + "Total 12 1020\r\n")
			.orNull();
		assertThat(histogram).isNotNull();
		assertThat(histogram.classes()).extracting(ClassHistogram.Entry::className)
			.containsExactly("byte[]", "com.acme.Fine");
		assertThat(histogram.bytes()).isEqualTo(1020);
	}

	@Test
	void textWithoutRowsIsUnavailableAndQuoted() {
		Reading<ClassHistogram> reading = ClassHistogramParser.parse("Could not get histogram\n");
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).startsWith("GC.class_histogram printed no class rows: 'Could not get histogram");
		assertThat(ClassHistogramParser.parse("").reason()).startsWith("GC.class_histogram printed no class rows");
	}

}
