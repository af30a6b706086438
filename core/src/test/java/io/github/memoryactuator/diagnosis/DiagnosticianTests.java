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

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.Method;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.TestSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Diagnostician}.
 */
class DiagnosticianTests {

	private static final long MB = 1024 * 1024;

	// A cache filled once: the largest surviving group, and no leak.
	private static final LeakEvidence.Suspect CACHE = new LeakEvidence.Suspect("byte[]",
			"com.acme.Cache.fill(Cache.java:7)", 0.7, 180, OptionalLong.of(150 * MB), Instant.now(), null);

	private final EvidenceGatherer gatherer = new EvidenceGatherer(Duration.ofMinutes(10), 16 * MB, 0.1);

	private final LiveSetTracker tracker = new LiveSetTracker(256, Clock.systemUTC(), Set.of());

	@Test
	void churnAndFreeIsNoLeakWithAllocatorRetentionNamed() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 40 * MB + (i % 3) * MB, 120 * MB,
					(i % 6 == 0) ? CollectionScope.MIXED : CollectionScope.YOUNG);
		}
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited", 1690 * MB);
		RssBreakdown breakdown = breakdown(snapshot, 1400 * MB);
		Diagnosis diagnosis = diagnose(snapshot, breakdown, OptionalLong.empty(), false, Evidence.NmtState.ON, Map.of(),
				LeakEvidence.off());
		assertThat(diagnosis.leakSuspected()).isFalse();
		assertThat(diagnosis.verdict()).startsWith("No leak: RSS ")
			.contains("allocator-retained 1.4 GB")
			.contains("GC headroom");
		assertThat(diagnosis.findings()).extracting(Finding::code).contains(FindingCode.ALLOCATOR_RETENTION);
		Finding retention = diagnosis.findings()
			.stream()
			.filter((f) -> f.code() == FindingCode.ALLOCATOR_RETENTION)
			.findFirst()
			.orElseThrow();
		assertThat(retention.evidence()).containsEntry("mallocRetained", 1400 * MB);
		assertThat(retention.action()).contains("TrimNativeHeapInterval").contains("MALLOC_ARENA_MAX");
	}

	@Test
	void growingLiveSetIsASuspectedLeakAndComesFirst() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (60 - i) * 2 * MB, 400 * MB, CollectionScope.FULL);
		}
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		Diagnosis diagnosis = diagnose(snapshot);
		assertThat(diagnosis.leakSuspected()).isTrue();
		assertThat(diagnosis.verdict())
			.startsWith("Suspected heap leak: the live set rose 12.0 MB/min over the last 10 min and never fell "
					+ "back: from 1")
			.contains("MB, the lowest readings of its first and last thirds");
		assertThat(diagnosis.findings().get(0).code()).isEqualTo(FindingCode.LIVE_SET_GROWTH);
		assertThat(diagnosis.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
		assertThat(diagnosis.findings().get(0).action()).contains("heap dump");
	}

	@Test
	void withProfilingTheLeakVerdictAndFindingNameTheTopSurvivingTypeAndSite() {
		growLiveSet();
		LeakEvidence named = new LeakEvidence(LeakEvidence.State.NAMED, null, new LeakEvidence.Suspect("byte[]",
				"com.acme.Cache.put(Cache.java:42)", 0.84, 215, OptionalLong.of(180 * MB), Instant.now(), null), null,
				null);
		Diagnosis diagnosis = Diagnostician.diagnose(withProfiling(named));
		assertThat(diagnosis.verdict())
			.startsWith("Suspected heap leak: the live set rose 12.0 MB/min over the last 10 min")
			.endsWith("; 84 % of surviving samples are byte[] allocated at com.acme.Cache.put(Cache.java:42).");
		Finding leak = diagnosis.findings().get(0);
		assertThat(leak.code()).isEqualTo(FindingCode.LIVE_SET_GROWTH);
		assertThat(leak.summary())
			.endsWith("; 84 % of surviving samples are byte[] allocated at com.acme.Cache.put(Cache.java:42)");
		assertThat(leak.evidence()).containsEntry("suspectEstimatedBytes", 180 * MB);
		assertThat(leak.action()).startsWith("Look at what keeps the byte[] allocated there (an estimated 180 MB")
			.contains("GET /actuator/memory/allocations");
	}

	@Test
	void withoutProfilingTheLeakFindingSaysHowToTurnItOn() {
		growLiveSet();
		Diagnosis diagnosis = diagnose(snapshot("cgroup-v1-hybrid-unlimited"));
		assertThat(diagnosis.verdict()).endsWith("by collections that marked the old generation.");
		assertThat(diagnosis.findings().get(0).action())
			.startsWith("Turn on allocation profiling: Java Flight Recorder then samples the objects")
			.contains("POST /actuator/memory/histogram");
	}

	@Test
	void whenSurvivorsCannotBeSampledTheFindingNamesTheTopAllocationSiteAsOnlyThat() {
		growLiveSet();
		LeakEvidence notSampled = new LeakEvidence(LeakEvidence.State.NOT_SAMPLED, "the collector says no", null, null,
				new LeakEvidence.Suspect("char[]", "com.acme.Parser.parse(Parser.java:7)", 0.6, 500,
						OptionalLong.empty(), null, null));
		Diagnosis diagnosis = Diagnostician.diagnose(withProfiling(notSampled));
		assertThat(diagnosis.verdict()).endsWith("by collections that marked the old generation; surviving objects "
				+ "are not sampled under this collector; allocated, not necessarily surviving: 60 % of allocated "
				+ "bytes are char[] at com.acme.Parser.parse(Parser.java:7).");
		assertThat(diagnosis.findings().get(0).action())
			.startsWith("Surviving objects are not sampled here: the collector says no. The most bytes are allocated "
					+ "as char[] at com.acme.Parser.parse(Parser.java:7), which is not necessarily what survives.");
	}

	private void growLiveSet() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (60 - i) * 2 * MB, 400 * MB, CollectionScope.FULL);
		}
	}

	private Evidence withProfiling(LeakEvidence evidence) {
		Evidence gathered = this.gatherer.atGaugeDepth(snapshot("cgroup-v1-hybrid-unlimited"));
		return Evidence.of(gathered.snapshot(), gathered.liveSetTrend(), gathered.nativeTrend(), evidence);
	}

	@Test
	void withoutHistoryTheVerdictSaysThereIsNoSignalYet() {
		Diagnosis diagnosis = diagnose(snapshot("cgroup-v1-hybrid-unlimited"));
		assertThat(diagnosis.leakSuspected()).isFalse();
		assertThat(diagnosis.verdict()).startsWith("No leak signal yet (the live set has been tracked for ")
			.contains("): RSS 102 MB");
	}

	@Test
	void committedFarAboveLiveIsHeadroomWithTheGoverningFlags() {
		this.tracker.record(Instant.now(), 100 * MB, 900 * MB, CollectionScope.FULL);
		GaugeSnapshot measured = snapshot("cgroup-v1-hybrid-unlimited");
		// committed now differs from committed right after the reading: the finding uses
		// the figures of one moment
		JvmMemory jvm = new JvmMemory(150 * MB, 1200 * MB, OptionalLong.of(2048 * MB), List.of(), List.of(), List.of(),
				20, 10, 20);
		GaugeSnapshot snapshot = new GaugeSnapshot(measured.capturedAt(), measured.process(), jvm, measured.gc(),
				measured.container());
		Diagnosis diagnosis = diagnose(snapshot, null, OptionalLong.empty(), false, Evidence.NmtState.UNKNOWN,
				Map.of("MaxHeapFreeRatio", "70"), LeakEvidence.off());
		assertThat(diagnosis.findings()).filteredOn((f) -> f.code() == FindingCode.HEAP_HEADROOM)
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.summary()).isEqualTo("GC headroom, not a leak: the heap holds 900 MB committed for a "
						+ "live set of 100 MB (ratio 8.0; 1.0 is Go's GOGC=100)");
				assertThat(f.evidence()).containsEntry("headroom", 800 * MB);
				assertThat(f.action()).contains("MaxHeapFreeRatio=70");
			});
	}

	// A bare tracker takes a mixed collection for a reading (no marking phase to place
	// it in), so a young one stands for every collection that is no reading.
	@ParameterizedTest
	@EnumSource(value = CollectionScope.class, names = "YOUNG")
	void headroomAfterACollectionThatIsNoReadingNamesThatCollectionAndCallsItABound(CollectionScope scope) {
		this.tracker.record(Instant.now(), 100 * MB, 900 * MB, scope);
		Diagnosis diagnosis = diagnose(snapshot("cgroup-v1-hybrid-unlimited"));
		assertThat(diagnosis.findings()).filteredOn((f) -> f.code() == FindingCode.HEAP_HEADROOM)
			.singleElement()
			.satisfies((f) -> assertThat(f.summary())
				.isEqualTo("GC headroom, not a leak: the heap holds 900 MB committed for at most 100 MB of live data "
						+ "(after a " + scope.label() + " collection, an upper bound of the live set; ratio at least "
						+ "8.0, 1.0 is Go's GOGC=100)"));
	}

	@Test
	void nearTheContainerLimitIsCritical() {
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-limited", 500 * MB);
		RssBreakdown breakdown = new RssBreakdown(Instant.now(), 500 * MB,
				List.of(new RssBreakdown.Part(Category.JAVA_HEAP, 500 * MB, Method.RESIDENT, "")), List.of());
		Diagnosis diagnosis = diagnose(snapshot, breakdown, OptionalLong.empty(), false, Evidence.NmtState.ON, Map.of(),
				LeakEvidence.off());
		assertThat(diagnosis.findings().get(0).code()).isEqualTo(FindingCode.CONTAINER_LIMIT);
		assertThat(diagnosis.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
		assertThat(diagnosis.findings().get(0).summary()).contains("98%").contains("512 MB");
	}

	@Test
	void aHeapMaximumAboveTheLimitIsAFindingWithTheNonHeapMemoryToLeaveRoomFor() {
		// 512 MB limit; RSS 300 MB of which the heap has 100 MB committed.
		GaugeSnapshot snapshot = heap(snapshot("cgroup-v1-hybrid-limited", 300 * MB), 2048 * MB, 100 * MB, 60 * MB);
		Diagnosis diagnosis = diagnose(snapshot);
		Finding finding = finding(diagnosis, FindingCode.HEAP_MAX_ABOVE_LIMIT);
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.summary()).isEqualTo("The heap may grow to 2.0 GB but the container's limit is 512 MB: the "
				+ "kernel will kill the process before the JVM throws OutOfMemoryError; -Xmx (or MaxRAMPercentage) "
				+ "should leave room for 200 MB of non-heap memory");
		assertThat(finding.evidence()).containsEntry("heapMax", 2048 * MB)
			.containsEntry("limit", 512 * MB)
			.containsEntry("nonHeapMeasured", 200 * MB)
			.containsEntry("heapMaxThatFits", 312 * MB);
		assertThat(finding.action())
			.startsWith("Set -Xmx to at most 312m (the limit less the 200 MB of non-heap " + "memory measured so far")
			.contains("-XX:MaxRAMPercentage to at most 60 ");
	}

	@Test
	void aHeapMaximumThatFitsOnlyWithoutTheNonHeapMemoryIsTheSameFinding() {
		// 400 MB of heap and, measured by the JVM's pools, 150 MB outside it: 550 MB.
		GaugeSnapshot snapshot = heap(snapshot("cgroup-v1-hybrid-limited", 150 * MB), 400 * MB, 100 * MB, 150 * MB);
		Finding finding = finding(diagnose(snapshot), FindingCode.HEAP_MAX_ABOVE_LIMIT);
		assertThat(finding.summary())
			.startsWith("The heap may grow to 400 MB and 150 MB of non-heap memory is in use, "
					+ "550 MB in all, but the container's limit is 512 MB: the kernel will kill the process")
			.endsWith("should leave room for 150 MB of non-heap memory");
		assertThat(finding.evidence()).containsEntry("heapMaxThatFits", 362 * MB);
	}

	@Test
	void aHeapThatFitsWithItsNonHeapMemoryOrHasNoLimitIsNoFinding() {
		GaugeSnapshot fits = heap(snapshot("cgroup-v1-hybrid-limited", 300 * MB), 300 * MB, 100 * MB, 60 * MB);
		assertThat(diagnose(fits).findings()).extracting(Finding::code)
			.doesNotContain(FindingCode.HEAP_MAX_ABOVE_LIMIT);
		GaugeSnapshot unlimited = heap(snapshot("cgroup-v1-hybrid-unlimited", 300 * MB), 64 * 1024 * MB, 100 * MB,
				60 * MB);
		assertThat(Diagnostician.heapMaxAboveLimit(unlimited)).isNull();
	}

	@Test
	void lazyFreeZgcAndNmtOffAreExplained() {
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited", 1000 * MB);
		RssBreakdown breakdown = new RssBreakdown(Instant.now(), 1000 * MB,
				List.of(new RssBreakdown.Part(Category.JAVA_HEAP, 700 * MB, Method.RESIDENT, ""),
						new RssBreakdown.Part(Category.UNEXPLAINED, 300 * MB, Method.RESIDUAL, "")),
				List.of());
		Diagnosis diagnosis = diagnose(snapshot, breakdown, OptionalLong.of(200 * MB), true, Evidence.NmtState.OFF,
				Map.of(), LeakEvidence.off());
		assertThat(diagnosis.findings()).extracting(Finding::code)
			.contains(FindingCode.LAZY_FREE, FindingCode.ZGC_MULTI_MAPPING, FindingCode.NMT_OFF);
		assertThat(diagnosis.verdict()).contains("unexplained 300 MB");
	}

	@Test
	void oldGenerationGrowthNothingHasMarkedIsNeitherALeakNorNoLeak() {
		Instant now = Instant.now();
		for (int i = 120; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (120 - i) * MB, 400 * MB, CollectionScope.YOUNG);
		}
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited", 400 * MB);
		Diagnosis diagnosis = diagnose(snapshot, breakdown(snapshot, 110 * MB), OptionalLong.empty(), false,
				Evidence.NmtState.ON, Map.of(), LeakEvidence.off());
		assertThat(diagnosis.leakSuspected()).isFalse();
		assertThat(diagnosis.verdict()).startsWith("Unconfirmed heap growth: the old generation grew 6.0 MB/min")
			.contains("not yet confirmed: no collection has marked the old generation")
			.contains("would confirm it")
			.doesNotContain("No leak")
			.doesNotContain("Suspected");
		assertThat(diagnosis.findings()).extracting(Finding::code)
			.contains(FindingCode.LIVE_SET_UNCONFIRMED)
			.doesNotContain(FindingCode.LIVE_SET_GROWTH);
	}

	@Test
	void unconfirmedGrowthLeadsWithTheFigureAndNamesTheGroupThatGrewLabelledUnconfirmed() {
		youngCollectionsOverAGrowingOldGeneration();
		Diagnosis diagnosis = Diagnostician.diagnose(withProfiling(grew()));
		assertThat(diagnosis.leakSuspected()).isFalse();
		assertThat(diagnosis.verdict()).startsWith("Unconfirmed heap growth: the old generation grew 6.0 MB/min")
			.contains("; unconfirmed culprit: 84 % of surviving samples are byte[] allocated at "
					+ "com.acme.Registry.remember(Registry.java:42), an estimated 180 MB of the heap, up from 90.0 MB "
					+ "over 60 s. RSS ")
			.doesNotContain("Cache.fill");
		Finding unconfirmed = diagnosis.findings()
			.stream()
			.filter((f) -> f.code() == FindingCode.LIVE_SET_UNCONFIRMED)
			.findFirst()
			.orElseThrow();
		assertThat(unconfirmed.summary()).startsWith("Unconfirmed heap growth: the old generation grew 6.0 MB/min")
			.endsWith("; unconfirmed culprit: 84 % of surviving samples are byte[] allocated at "
					+ "com.acme.Registry.remember(Registry.java:42), an estimated 180 MB of the heap, up from 90.0 MB "
					+ "over 60 s");
		assertThat(unconfirmed.evidence()).containsEntry("suspectSamples", 215L)
			.containsEntry("suspectStartSamples", 100L)
			.containsEntry("suspectStartEstimatedBytes", 90 * MB)
			.containsEntry("suspectEndEstimatedBytes", 180 * MB)
			.containsEntry("suspectGrowthSeconds", 60L);
		assertThat(unconfirmed.action()).startsWith("Not yet a leak verdict: live-set readings that rise steadily")
			.contains("Look at what keeps the byte[] allocated there");
	}

	@Test
	void aSuspectedLeakNamesTheGroupThatGrewWithoutTheUnconfirmedLabel() {
		growLiveSet();
		Diagnosis diagnosis = Diagnostician.diagnose(withProfiling(grew()));
		assertThat(diagnosis.verdict()).startsWith("Suspected heap leak: ")
			.endsWith(
					"; 84 % of surviving samples are byte[] allocated at com.acme.Registry.remember(Registry.java:42), "
							+ "an estimated 180 MB of the heap, up from 90.0 MB over 60 s.")
			.doesNotContain("unconfirmed");
		assertThat(diagnosis.findings().get(0).evidence()).containsEntry("suspectEndEstimatedBytes", 180 * MB);
	}

	@Test
	void theLargestSurvivingGroupIsNotCalledTheCulpritWhenItDidNotGrow() {
		youngCollectionsOverAGrowingOldGeneration();
		LeakEvidence stable = new LeakEvidence(LeakEvidence.State.NOT_GROWING,
				"no surviving group grew over the last 60 s", null, CACHE, null);
		Diagnosis diagnosis = Diagnostician.diagnose(withProfiling(stable));
		assertThat(diagnosis.verdict()).startsWith("Unconfirmed heap growth: ")
			.contains("; the largest surviving group (byte[] allocated at com.acme.Cache.fill(Cache.java:7), 70 % of "
					+ "surviving samples) is not named: no surviving group grew over the last 60 s, and one that is "
					+ "only large, such as a cache filled once, is no leak. RSS ")
			.doesNotContain("culprit");
		Finding unconfirmed = diagnosis.findings()
			.stream()
			.filter((f) -> f.code() == FindingCode.LIVE_SET_UNCONFIRMED)
			.findFirst()
			.orElseThrow();
		assertThat(unconfirmed.evidence()).containsEntry("largestSurvivorSamples", 180L)
			.doesNotContainKey("suspectSamples");
		assertThat(unconfirmed.action()).contains("No surviving group is shown to grow");
	}

	@Test
	void growthBeforeHalfAWindowIsEarlyGrowthAndNamesTheGroupThatGrew() {
		Instant now = Instant.now();
		for (int i = 20; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (20 - i) * 2 * MB, 400 * MB,
					CollectionScope.YOUNG);
		}
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited", 400 * MB);
		Diagnosis diagnosis = diagnose(snapshot, breakdown(snapshot, 110 * MB), OptionalLong.empty(), false,
				Evidence.NmtState.ON, Map.of(), grew());
		assertThat(diagnosis.verdict()).startsWith("Early heap growth: the heap after collections grew from 100 MB to ")
			.contains("too early for a trend (it needs half of 10 min)")
			.contains("; unconfirmed culprit: 84 % of surviving samples are byte[]");
		assertThat(diagnosis.findings()).extracting(Finding::code).contains(FindingCode.LIVE_SET_UNCONFIRMED);
	}

	@Test
	void theVerdictIsDecidedOnEvidenceBuiltByHandWithNoHistoryOrProfiler() {
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		LiveSetTrend early = new LiveSetTrend(LiveSetTrend.Outcome.EARLY_GROWTH, snapshot.capturedAt(),
				Duration.ofMinutes(10), Duration.ofMinutes(4), 100 * MB, 160 * MB, 15 * MB, Duration.ofMinutes(4), 0,
				null, false);
		Evidence evidence = Evidence.of(snapshot, early, NativeGrowthTrend.untracked(snapshot.capturedAt()), grew());
		Diagnosis diagnosis = Diagnostician.diagnose(evidence);
		assertThat(diagnosis.verdict()).startsWith("Early heap growth: the heap after collections grew from 100 MB to "
				+ "160 MB in the 4 min the live set has been tracked, too early for a trend (it needs half of 10 min) "
				+ "and not confirmed: no collection has marked the old generation in the last 4 min; unconfirmed "
				+ "culprit: 84 % of surviving samples are byte[] allocated at "
				+ "com.acme.Registry.remember(Registry.java:42), an estimated 180 MB of the heap, up from 90.0 MB over "
				+ "60 s. RSS ");
		assertThat(diagnosis.leakSuspected()).isFalse();
		Finding finding = finding(diagnosis, FindingCode.LIVE_SET_UNCONFIRMED);
		assertThat(finding.evidence()).containsEntry("upperBoundStart", 100 * MB)
			.containsEntry("upperBoundEnd", 160 * MB)
			.containsEntry("suspectSamples", 215L);
		assertThat(finding.action()).startsWith("Not yet a leak verdict").contains("Look at what keeps the byte[]");
		assertThat(Diagnostician.diagnose(evidence)).as("the same evidence, the same diagnosis").isEqualTo(diagnosis);
	}

	@Test
	void noLeakSignalIsSaidOnlyWhenNothingMeasuredGrew() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (i % 2) * MB, 400 * MB,
					(i == 25) ? CollectionScope.CONCURRENT : CollectionScope.YOUNG);
		}
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited", 400 * MB);
		Diagnosis diagnosis = diagnose(snapshot, breakdown(snapshot, 110 * MB), OptionalLong.empty(), false,
				Evidence.NmtState.ON, Map.of(), grew());
		assertThat(diagnosis.verdict()).startsWith("No leak signal (the heap after collections changed by ")
			.contains("below the leak threshold, but only 1 of the three thirds of the last 10 min had a collection")
			.doesNotContain("surviving samples");
		assertThat(diagnosis.findings()).extracting(Finding::code)
			.doesNotContain(FindingCode.LIVE_SET_UNCONFIRMED, FindingCode.LIVE_SET_GROWTH);
	}

	@Test
	void aWindowWithoutCollectionsIsNoLeakSignalAndSaysSo() {
		this.tracker.record(Instant.now().minus(Duration.ofMinutes(30)), 100 * MB, 400 * MB, CollectionScope.FULL);
		Diagnosis diagnosis = diagnose(snapshot("cgroup-v1-hybrid-unlimited"));
		assertThat(diagnosis.verdict()).startsWith("No leak signal (no garbage collection ran in the last 10 min): ");
	}

	@Test
	void aLiveSetThatDoesNotGrowNamesNoCulpritEvenWhenAGroupGrew() {
		Instant now = Instant.now();
		for (int i = 60; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB, 400 * MB, CollectionScope.FULL);
		}
		Diagnosis diagnosis = Diagnostician.diagnose(withProfiling(grew()));
		assertThat(diagnosis.verdict()).startsWith("No leak: RSS ").doesNotContain("surviving samples");
	}

	// A registry that grew from 90 MB to 180 MB over the window, beside a larger cache
	// that did not.
	private static LeakEvidence grew() {
		return new LeakEvidence(LeakEvidence.State.NAMED, null,
				new LeakEvidence.Suspect("byte[]", "com.acme.Registry.remember(Registry.java:42)", 0.84, 215,
						OptionalLong.of(170 * MB), Instant.now(), new LeakEvidence.Growth(Duration.ofSeconds(60), 100,
								OptionalLong.of(90 * MB), OptionalLong.of(180 * MB))),
				CACHE, null);
	}

	private void youngCollectionsOverAGrowingOldGeneration() {
		Instant now = Instant.now();
		for (int i = 120; i >= 0; i--) {
			this.tracker.record(now.minusSeconds(i * 10), 100 * MB + (120 - i) * MB, 400 * MB, CollectionScope.YOUNG);
		}
	}

	@Test
	void aBreakdownWhoseRssIsMoreThanTenPercentOffIsNotQuoted() {
		GaugeSnapshot snapshot = snapshot("cgroup-v1-hybrid-unlimited");
		long rss = snapshot.process().orNull().rss();
		// RSS was a tenth of today's when the breakdown was captured
		RssBreakdown stale = new RssBreakdown(snapshot.capturedAt().minusSeconds(4), rss / 10,
				List.of(new RssBreakdown.Part(Category.JAVA_HEAP, rss / 10, Method.RESIDENT, "")), List.of());
		String verdict = diagnose(snapshot, stale, OptionalLong.empty(), false, Evidence.NmtState.ON, Map.of(),
				LeakEvidence.off())
			.verdict();
		assertThat(verdict).contains("RSS " + ByteSizes.format(rss))
			.doesNotContain("RSS " + ByteSizes.format(rss / 10) + " =")
			.contains("is too far from it to split it");
	}

	private Diagnosis diagnose(GaugeSnapshot snapshot) {
		return Diagnostician.diagnose(this.gatherer.atGaugeDepth(snapshot));
	}

	// The trends gathered from the snapshot, and what a full capture adds, as given.
	private Diagnosis diagnose(GaugeSnapshot snapshot, @Nullable RssBreakdown breakdown, OptionalLong lazyFree,
			boolean zgcMultiMapped, Evidence.NmtState nmt, Map<String, String> vmFlags, LeakEvidence profiling) {
		Evidence gathered = this.gatherer.atGaugeDepth(snapshot);
		return Diagnostician.diagnose(Evidence.of(snapshot, gathered.liveSetTrend(), gathered.nativeTrend(), profiling)
			.withCapture(breakdown, lazyFree, zgcMultiMapped, nmt, vmFlags));
	}

	private GaugeSnapshot snapshot(String fixture) {
		return TestSnapshots.snapshotter(Fixtures.root(fixture), this.tracker).capture();
	}

	// The fixture's figures with another RSS, so that a breakdown of that RSS is current.
	private GaugeSnapshot snapshot(String fixture, long rss) {
		GaugeSnapshot captured = snapshot(fixture);
		ProcStatus status = captured.process().orNull();
		return new GaugeSnapshot(
				captured.capturedAt(), Reading.of(new ProcStatus(rss, status.rssAnon(), status.rssFile(),
						status.rssShmem(), status.swap(), status.peakRss(), status.threads())),
				captured.jvm(), captured.gc(), captured.container());
	}

	// The snapshot with a heap of the given maximum and committed size, and non-heap
	// pools (metaspace) of the given committed size.
	private static GaugeSnapshot heap(GaugeSnapshot snapshot, long max, long committed, long nonHeap) {
		JvmMemory jvm = snapshot.jvm();
		JvmMemory sized = new JvmMemory(committed / 2, committed, OptionalLong.of(max), List.of(),
				List.of(new JvmMemory.Pool(JvmMemory.METASPACE, nonHeap, nonHeap, OptionalLong.empty())), List.of(),
				jvm.threads(), jvm.daemonThreads(), jvm.peakThreads());
		return new GaugeSnapshot(snapshot.capturedAt(), snapshot.process(), sized, snapshot.gc(), snapshot.container());
	}

	private static Finding finding(Diagnosis diagnosis, FindingCode code) {
		return diagnosis.findings()
			.stream()
			.filter((finding) -> finding.code() == code)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + code + " in " + diagnosis.findings()));
	}

	private static RssBreakdown breakdown(GaugeSnapshot snapshot, long retained) {
		List<RssBreakdown.Part> parts = new ArrayList<>();
		parts.add(new RssBreakdown.Part(Category.JAVA_HEAP, 200 * MB, Method.RESIDENT, ""));
		parts.add(new RssBreakdown.Part(Category.METASPACE, 60 * MB, Method.NMT_COMMITTED, ""));
		parts.add(new RssBreakdown.Part(Category.MALLOC_RETAINED, retained, Method.MALLINFO, ""));
		parts.add(new RssBreakdown.Part(Category.MAPPED_FILES, 30 * MB, Method.RESIDENT, ""));
		long rss = 200 * MB + 60 * MB + retained + 30 * MB;
		return new RssBreakdown(snapshot.capturedAt(), rss, parts, List.of());
	}

}
