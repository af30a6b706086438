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

package io.github.memoryactuator.diagnosis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.Method;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.JvmMemory;
import io.github.memoryactuator.probe.LiveSetTracker;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.MemorySnapshot;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnostician}.
 */
class DiagnosticianTests {

	private static final long MB = 1024 * 1024;

	private final Diagnostician diagnostician = new Diagnostician(Duration.ofMinutes(10), 16 * MB, 0.1);

	private final LiveSetTracker tracker = new LiveSetTracker(256, Clock.systemUTC(), Set.of());

	@Test
	void churnAndFreeIsNoLeakWithAllocatorRetentionNamed() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 40 * MB + (i % 3) * MB, false);
		}
		MemorySnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		RssBreakdown breakdown = breakdown(snapshot, 1400 * MB);
		Diagnosis diagnosis = this.diagnostician.diagnose(new DiagnosisInput(snapshot, breakdown, OptionalLong.empty(),
				false, true, Map.of(), LeakEvidence.off()));
		assertThat(diagnosis.leakSuspected()).isFalse();
		assertThat(diagnosis.verdict()).startsWith("No leak: RSS ")
			.contains("allocator-retained 1.4 GB")
			.contains("GC headroom");
		assertThat(diagnosis.findings()).extracting(Finding::code).contains("ALLOCATOR_RETENTION");
		Finding retention = diagnosis.findings()
			.stream()
			.filter((f) -> f.code().equals("ALLOCATOR_RETENTION"))
			.findFirst()
			.orElseThrow();
		assertThat(retention.evidence()).containsEntry("mallocRetained", 1400 * MB);
		assertThat(retention.action()).contains("TrimNativeHeapInterval").contains("MALLOC_ARENA_MAX");
	}

	@Test
	void growingLiveSetIsASuspectedLeakAndComesFirst() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (60 - i) * 2 * MB, true);
		}
		MemorySnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		Diagnosis diagnosis = this.diagnostician.diagnose(DiagnosisInput.of(snapshot));
		assertThat(diagnosis.leakSuspected()).isTrue();
		assertThat(diagnosis.verdict()).startsWith("Suspected heap leak: the live set grew 12.2 MB/min over 10 min");
		assertThat(diagnosis.findings().get(0).code()).isEqualTo("LIVE_SET_GROWTH");
		assertThat(diagnosis.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
		assertThat(diagnosis.findings().get(0).action()).contains("heap dump");
	}

	@Test
	void withProfilingTheLeakVerdictAndFindingNameTheTopSurvivingTypeAndSite() {
		growLiveSet();
		LeakEvidence named = new LeakEvidence(LeakEvidence.State.NAMED, null, new LeakEvidence.Suspect("byte[]",
				"com.acme.Cache.put(Cache.java:42)", 0.84, 215, OptionalLong.of(180 * MB), Instant.now()), null);
		Diagnosis diagnosis = this.diagnostician.diagnose(withProfiling(named));
		assertThat(diagnosis.verdict()).startsWith("Suspected heap leak: the live set grew 12.2 MB/min over 10 min")
			.endsWith("; 84 % of surviving samples are byte[] allocated at com.acme.Cache.put(Cache.java:42).");
		Finding leak = diagnosis.findings().get(0);
		assertThat(leak.code()).isEqualTo("LIVE_SET_GROWTH");
		assertThat(leak.summary())
			.endsWith("; 84 % of surviving samples are byte[] allocated at com.acme.Cache.put(Cache.java:42)");
		assertThat(leak.evidence()).containsEntry("suspectEstimatedBytes", 180 * MB);
		assertThat(leak.action()).startsWith("Look at what keeps the byte[] allocated there (an estimated 180 MB")
			.contains("GET /actuator/memory/allocations");
	}

	@Test
	void withoutProfilingTheLeakFindingSaysHowToTurnItOn() {
		growLiveSet();
		Diagnosis diagnosis = this.diagnostician.diagnose(DiagnosisInput.of(snapshot("cgroup-v1-hybrid-unlimited")));
		assertThat(diagnosis.verdict()).endsWith("after GC).");
		assertThat(diagnosis.findings().get(0).action())
			.startsWith("Set memory-actuator.profiling.enabled=true: Java Flight Recorder then samples the objects")
			.contains("POST /actuator/memory/histogram");
	}

	@Test
	void whenSurvivorsCannotBeSampledTheFindingNamesTheTopAllocationSiteAsOnlyThat() {
		growLiveSet();
		LeakEvidence notSampled = new LeakEvidence(LeakEvidence.State.NOT_SAMPLED, "the collector says no", null,
				new LeakEvidence.Suspect("char[]", "com.acme.Parser.parse(Parser.java:7)", 0.6, 500,
						OptionalLong.empty(), null));
		Diagnosis diagnosis = this.diagnostician.diagnose(withProfiling(notSampled));
		assertThat(diagnosis.verdict()).endsWith("after GC).");
		assertThat(diagnosis.findings().get(0).action())
			.startsWith("Surviving objects are not sampled here: the collector says no. The most bytes are allocated "
					+ "as char[] at com.acme.Parser.parse(Parser.java:7), which is not necessarily what survives.");
	}

	private void growLiveSet() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (60 - i) * 2 * MB, true);
		}
	}

	private DiagnosisInput withProfiling(LeakEvidence evidence) {
		DiagnosisInput input = DiagnosisInput.of(snapshot("cgroup-v1-hybrid-unlimited"));
		return new DiagnosisInput(input.snapshot(), input.breakdown(), input.lazyFree(), input.zgcMultiMapped(),
				input.nmtEnabled(), input.vmFlags(), evidence);
	}

	@Test
	void withoutHistoryTheVerdictSaysThereIsNoSignalYet() {
		Diagnosis diagnosis = this.diagnostician.diagnose(DiagnosisInput.of(snapshot("cgroup-v1-hybrid-unlimited")));
		assertThat(diagnosis.leakSuspected()).isFalse();
		assertThat(diagnosis.verdict()).startsWith("No leak signal: RSS 102 MB").contains("no leak signal yet");
	}

	@Test
	void committedFarAboveLiveIsHeadroomWithTheGoverningFlags() {
		this.tracker.record(Instant.now(), 100 * MB, true);
		MemorySnapshot measured = snapshot("cgroup-v1-hybrid-unlimited");
		JvmMemory jvm = new JvmMemory(150 * MB, 900 * MB, OptionalLong.of(2048 * MB), List.of(), List.of(), List.of(),
				20, 10, 20);
		MemorySnapshot snapshot = new MemorySnapshot(measured.capturedAt(), measured.process(), jvm, measured.gc(),
				measured.container());
		Diagnosis diagnosis = this.diagnostician.diagnose(new DiagnosisInput(snapshot, null, OptionalLong.empty(),
				false, null, Map.of("MaxHeapFreeRatio", "70"), LeakEvidence.off()));
		assertThat(diagnosis.findings()).filteredOn((f) -> f.code().equals("HEAP_HEADROOM"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.summary()).isEqualTo("GC headroom, not a leak: the heap holds 900 MB committed for a "
						+ "live set of 100 MB (ratio 8.0; 1.0 is Go's GOGC=100)");
				assertThat(f.evidence()).containsEntry("headroom", 800 * MB);
				assertThat(f.action()).contains("MaxHeapFreeRatio=70");
			});
	}

	@Test
	void nearTheContainerLimitIsCritical() {
		MemorySnapshot snapshot = snapshot("cgroup-v1-hybrid-limited");
		RssBreakdown breakdown = new RssBreakdown(Instant.now(), 500 * MB,
				List.of(new RssBreakdown.Part(Category.JAVA_HEAP, 500 * MB, Method.RESIDENT, "")), List.of());
		Diagnosis diagnosis = this.diagnostician.diagnose(new DiagnosisInput(snapshot, breakdown, OptionalLong.empty(),
				false, true, Map.of(), LeakEvidence.off()));
		assertThat(diagnosis.findings().get(0).code()).isEqualTo("CONTAINER_LIMIT");
		assertThat(diagnosis.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
		assertThat(diagnosis.findings().get(0).summary()).contains("98%").contains("512 MB");
	}

	@Test
	void lazyFreeZgcAndNmtOffAreExplained() {
		MemorySnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		RssBreakdown breakdown = new RssBreakdown(Instant.now(), 1000 * MB,
				List.of(new RssBreakdown.Part(Category.JAVA_HEAP, 700 * MB, Method.RESIDENT, ""),
						new RssBreakdown.Part(Category.UNEXPLAINED, 300 * MB, Method.RESIDUAL, "")),
				List.of());
		Diagnosis diagnosis = this.diagnostician.diagnose(new DiagnosisInput(snapshot, breakdown,
				OptionalLong.of(200 * MB), true, false, Map.of(), LeakEvidence.off()));
		assertThat(diagnosis.findings()).extracting(Finding::code)
			.contains("LAZY_FREE", "ZGC_MULTI_MAPPING", "NMT_OFF");
		assertThat(diagnosis.verdict()).contains("unexplained 300 MB");
	}

	@Test
	void verdictPartsAddUpToRss() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 40 * MB, false);
		}
		MemorySnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		RssBreakdown breakdown = breakdown(snapshot, 300 * MB);
		String verdict = this.diagnostician
			.diagnose(new DiagnosisInput(snapshot, breakdown, OptionalLong.empty(), false, true, Map.of(),
					LeakEvidence.off()))
			.verdict();
		double sum = 0;
		for (String part : verdict.substring(verdict.indexOf('=') + 1).split("\\+")) {
			String[] words = part.strip().replaceAll("\\.$", "").split(" ");
			assertThat(words[words.length - 1]).isEqualTo("MB");
			sum += Double.parseDouble(words[words.length - 2]);
		}
		assertThat(sum).isCloseTo(breakdown.rss() / (double) MB, org.assertj.core.data.Offset.offset(1.0));
	}

	private MemorySnapshot snapshot(String fixture) {
		return TestSnapshots.snapshotter(Fixtures.root(fixture), this.tracker).capture();
	}

	private static RssBreakdown breakdown(MemorySnapshot snapshot, long retained) {
		List<RssBreakdown.Part> parts = new ArrayList<>();
		parts.add(new RssBreakdown.Part(Category.JAVA_HEAP, 200 * MB, Method.RESIDENT, ""));
		parts.add(new RssBreakdown.Part(Category.METASPACE, 60 * MB, Method.NMT_COMMITTED, ""));
		parts.add(new RssBreakdown.Part(Category.MALLOC_RETAINED, retained, Method.MALLINFO, ""));
		parts.add(new RssBreakdown.Part(Category.MAPPED_FILES, 30 * MB, Method.RESIDENT, ""));
		long rss = 200 * MB + 60 * MB + retained + 30 * MB;
		return new RssBreakdown(snapshot.capturedAt(), rss, parts, List.of());
	}

}
