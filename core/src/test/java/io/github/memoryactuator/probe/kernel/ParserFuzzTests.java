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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.memoryactuator.groundtruth.ForkedJvm;
import io.github.memoryactuator.histogram.ClassHistogramParser;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Mutations;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.HeapInfoParser;
import io.github.memoryactuator.probe.hotspot.NativeHeapParser;
import io.github.memoryactuator.probe.hotspot.NmtSummaryParser;
import io.github.memoryactuator.probe.hotspot.SystemMapParser;
import io.github.memoryactuator.probe.hotspot.VmInfoParser;
import io.github.memoryactuator.reclaim.NativeTrim;
import io.github.memoryactuator.reclaim.TrimOutputParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every text parser with 10,000 seeded mutations of the real captures under
 * {@code fixtures/}: truncation, bit flips, digits turned into letters, lines deleted and
 * duplicated, huge and negative numbers, random unicode, empty and blank input, 64 KB
 * lines and {@code \r\n} endings. No parser may throw, hang, return a negative size or
 * give an unbounded reason. A failure prints the seed and the input's index (see
 * {@link Fuzzer#input}). It runs with the other tests, in {@code mvn verify}.
 */
// A hang guard, not a speed check: the smaps run takes about 10 s on an idle 2-core
// machine and six times that when the machine is saturated.
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParserFuzzTests {

	// The parsers are plain Java: one pass fuzzes them, the JDK 17 one (as the tests that
	// fork both JDKs choose theirs).
	@BeforeAll
	static void onePass() {
		Assumptions.assumeTrue(ForkedJvm.runsBothJdksHere(), "the JDK 17 pass fuzzes the parsers");
	}

	private static final int INPUTS = 10_000;

	private static final String MOUNTINFO_MARKER = "\n=== mountinfo ===\n";

	private static final List<Fuzzer.Stats> STATS = new CopyOnWriteArrayList<>();

	@AfterAll
	static void printSummary() {
		StringBuilder table = new StringBuilder(String.format("%nParser fuzzing, seed %d%n%-28s %8s %8s %12s%n",
				Fuzzer.SEED, "parser", "inputs", "values", "unavailable"));
		STATS.stream()
			.sorted((a, b) -> a.parser().compareTo(b.parser()))
			.forEach((s) -> table
				.append(String.format("%-28s %8d %8d %12d%n", s.parser(), s.inputs(), s.values(), s.unavailable())));
		System.out.print(table);
	}

	@Test
	void procStatusParserSurvivesFuzzing() {
		fuzz("/proc/self/status", fixtures("cgroup-v1-hybrid-unlimited/proc/self/status",
				"linux-4.4-status/proc/self/status", "garbled/proc/self/status", "smaps-jdk17-zgc/proc/self/status"),
				ProcStatusParser::parse);
	}

	@Test
	void smapsParserSurvivesFuzzing() {
		fuzz("/proc/self/smaps", fixtures("smaps-jdk17-g1/proc/self/smaps", "smaps-jdk17-zgc/proc/self/smaps",
				"smaps-jdk25-zgc/proc/self/smaps"), SmapsParser::parse);
	}

	@Test
	void smapsRollupParserSurvivesFuzzing() {
		fuzz("/proc/self/smaps_rollup", fixtures("smaps-jdk17-g1/proc/self/smaps_rollup",
				"smaps-jdk17-zgc/proc/self/smaps_rollup", "smaps-jdk25-zgc/proc/self/smaps_rollup"),
				SmapsRollupParser::parse);
	}

	@Test
	void cgroupLocatorSurvivesFuzzing() {
		// The locator takes two texts; one input carries both, split at a marker line. A
		// mutation that breaks the marker leaves mountinfo empty, which is one more case.
		List<String> corpus = new ArrayList<>();
		for (String folder : List.of("cgroup-v1-hybrid-limited", "cgroup-v1-hybrid-unlimited",
				"cgroup-v2-container-limited", "cgroup-v2-host-parent-limited", "cgroup-v2-host-root", "garbled")) {
			corpus.add(Mutations.fixture(folder + "/proc/self/cgroup") + MOUNTINFO_MARKER
					+ Mutations.fixture(folder + "/proc/self/mountinfo"));
		}
		Path root = Fixtures.root("cgroup-v1-hybrid-limited");
		Fuzzer.Stats stats = Fuzzer.run("cgroup locator", corpus, INPUTS, (text) -> {
			int marker = text.indexOf(MOUNTINFO_MARKER);
			return (marker < 0) ? CgroupLocator.locate(root, text, "") : CgroupLocator.locate(root,
					text.substring(0, marker), text.substring(marker + MOUNTINFO_MARKER.length()));
		}, (location, problems) -> {
			// Whatever mountinfo says, nothing outside the root is ever read.
			if (!location.mountPoint().normalize().startsWith(root)
					|| !location.directory().normalize().startsWith(location.mountPoint().normalize())) {
				problems.add("the cgroup directory " + location.directory() + " is outside " + root);
			}
		}, Set.of());
		record(stats);
	}

	@Test
	void cgroupLimitDecoderSurvivesFuzzing() {
		List<String> corpus = new ArrayList<>(fixtures(
				"cgroup-v1-hybrid-limited/sys/fs/cgroup/memory/ma-fixture/memory.limit_in_bytes",
				"cgroup-v1-hybrid-unlimited/sys/fs/cgroup/memory/process_api/99659b50c70c971493bb6afd76b95b32/memory.limit_in_bytes",
				"cgroup-v2-container-limited/sys/fs/cgroup/memory.max",
				"cgroup-v2-container-unlimited/sys/fs/cgroup/memory.max", "garbled/sys/fs/cgroup/memory.max"));
		corpus.add("9223372036854710272\n");
		corpus.add("max");
		fuzz("cgroup memory.max", corpus, CgroupLimits::parse);
	}

	@Test
	void cgroupMemoryStatReaderSurvivesFuzzing() {
		List<String> corpus = fixtures("cgroup-v1-hybrid-limited/sys/fs/cgroup/memory/ma-fixture/memory.stat",
				"cgroup-v1-hybrid-unlimited/sys/fs/cgroup/memory/process_api/99659b50c70c971493bb6afd76b95b32/memory.stat",
				"cgroup-v2-container-limited/sys/fs/cgroup/memory.stat",
				"cgroup-v2-host-parent-limited/sys/fs/cgroup/system.slice/app.service/memory.stat");
		fuzz("cgroup memory.stat", corpus, (text) -> {
			OptionalLong inactive = CgroupMemoryReader.statValue(text, "inactive_file");
			OptionalLong totalInactive = CgroupMemoryReader.statValue(text, "total_inactive_file");
			OptionalLong hierarchical = CgroupMemoryReader.statValue(text, "hierarchical_memory_limit");
			if (inactive.isEmpty() && totalInactive.isEmpty() && hierarchical.isEmpty()) {
				return Reading.unavailable("no figure");
			}
			// As the reader combines them: a limit from the hierarchy, a working set.
			CgroupLimits.Limit limit = hierarchical.isPresent() ? CgroupLimits.decode(hierarchical.getAsLong())
					: CgroupLimits.Limit.unlimited();
			CgroupMemory v1 = new CgroupMemory(1, limit, 512L << 20, totalInactive);
			CgroupMemory v2 = new CgroupMemory(2, limit, 512L << 20, inactive);
			return Reading.of(new StatFigures(v1, v1.workingSet(), v2, v2.workingSet()));
		});
	}

	@Test
	void nmtSummaryParserSurvivesFuzzingOfJdk17Texts() {
		fuzz("NMT summary (JDK 17)", dcmd("jdk17-", "native_memory-summary", "nmt-off/native_memory-summary-jdk17"),
				NmtSummaryParser::parse);
	}

	@Test
	void nmtSummaryParserSurvivesFuzzingOfJdk25Texts() {
		fuzz("NMT summary (JDK 25)", dcmd("jdk25-", "native_memory-summary", "nmt-off/native_memory-summary-jdk25"),
				NmtSummaryParser::parse);
	}

	@Test
	void heapInfoParserSurvivesFuzzingOfEveryCollector() {
		List<String> corpus = dcmd("jdk", "heap_info", null);
		assertThat(corpus).hasSize(10);
		fuzz("GC.heap_info", corpus, HeapInfoParser::parse);
	}

	@Test
	void vmInfoParserSurvivesFuzzing() {
		List<String> corpus = dcmd("jdk", "vm_info", null);
		assertThat(corpus).hasSize(7);
		fuzz("VM.info", corpus, VmInfoParser::parse);
	}

	@Test
	void classHistogramParserSurvivesFuzzingOfJdk17And25Texts() {
		// Each capture cut to its header, first rows, hidden-class rows and total: the
		// other 600 rows repeat the same shape and would make each input cost 20 times
		// more.
		List<String> corpus = dcmd("jdk", "class_histogram", null).stream()
			.map((text) -> text.lines()
				.filter((line) -> !line.matches("^\\s*\\d+:.*") || line.matches("^\\s*\\d{1,2}:.*")
						|| line.contains("/0x"))
				.collect(Collectors.joining("\n", "", "\n")))
			.toList();
		assertThat(corpus).hasSize(4).allSatisfy((text) -> assertThat(text).contains("Total").contains("/0x"));
		fuzz("GC.class_histogram", corpus, ClassHistogramParser::parse);
	}

	@Test
	void systemMapParserSurvivesFuzzing() {
		// The header and the first mappings: every kind of line, a tenth of the text.
		String map = Mutations.fixture("smaps-jdk25-g1-nmt/system_map.txt");
		fuzz("System.map", List.of(String.join("\n", map.lines().limit(70).toList()) + "\n"), SystemMapParser::parse);
	}

	@Test
	void nativeHeapParserSurvivesFuzzing() {
		fuzz("System.native_heap_info", dcmd("jdk25-g1", "native_heap_info", null), NativeHeapParser::parse);
	}

	@Test
	void trimOutputParserSurvivesFuzzing() {
		List<String> corpus = List.of("Trim native heap: RSS+Swap: 298M->82572K (-217M)\n",
				"Trim native heap: RSS+Swap: 82576K->82536K (-40960B)\n",
				"Trim native heap: RSS+Swap: 97064K->97064K (+0B)\n", "Trim native heap: RSS+Swap: 10M->11M (+1M)",
				"RSS+Swap:  1.5GB -> 512MB ( - 1.0GB )", "Not available.\n",
				"Trim native heap: not supported on this platform\n");
		Fuzzer.Stats stats = Fuzzer.run("System.trim_native_heap", corpus, INPUTS, TrimOutputParser::parse,
				Fuzzer.Check.<NativeTrim>none(), Set.of("released"));
		record(stats);
	}

	private static <T> void fuzz(String name, List<String> corpus, Function<String, Reading<T>> parser) {
		record(Fuzzer.run(name, corpus, INPUTS, parser, Fuzzer.Check.none(), Set.of()));
	}

	private static void record(Fuzzer.Stats stats) {
		assertThat(stats.values() + stats.unavailable()).isEqualTo(INPUTS);
		STATS.add(stats);
	}

	private static List<String> fixtures(String... relative) {
		return Stream.of(relative).map(Mutations::fixture).toList();
	}

	/**
	 * Every {@code dcmd/<folder>/<prefix>*.txt} whose folder starts with
	 * {@code folderPrefix}, plus an extra file, sorted so that the corpus (and so every
	 * input) is the same on every machine.
	 */
	private static List<String> dcmd(String folderPrefix, String prefix, String extra) {
		Path dcmd = Fixtures.root("dcmd");
		try (Stream<Path> files = Files.walk(dcmd)) {
			List<Path> paths = new ArrayList<>(files
				.filter((file) -> file.getFileName().toString().startsWith(prefix)
						&& dcmd.relativize(file).getName(0).toString().startsWith(folderPrefix))
				.sorted()
				.toList());
			if (extra != null) {
				paths.add(dcmd.resolve(extra + ".txt"));
			}
			List<String> texts = new ArrayList<>();
			for (Path path : paths) {
				texts.add(Files.readString(path, StandardCharsets.ISO_8859_1));
			}
			return texts;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The figures the cgroup reader takes from {@code memory.stat}, combined as it
	 * combines them.
	 */
	record StatFigures(CgroupMemory v1, OptionalLong v1WorkingSet, CgroupMemory v2, OptionalLong v2WorkingSet) {
	}

}
