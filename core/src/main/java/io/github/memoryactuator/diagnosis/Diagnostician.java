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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * Turns {@link Evidence} into findings and a one-sentence verdict. A pure function of the
 * evidence: everything it reads was gathered before (by {@link EvidenceGatherer}), so the
 * same evidence always gives the same diagnosis.
 *
 * @since 0.1.0
 */
public final class Diagnostician {

	private static final long MB = 1024 * 1024;

	// Findings about memory that can be given back are only worth an operator's time
	// above these sizes.
	private static final long SIGNIFICANT = 64 * MB;

	private static final double HEADROOM_RATIO = 1.0;

	private static final int MANY_THREADS = 500;

	private static final long LARGE_METASPACE = 512 * MB;

	// How far the breakdown's RSS may be from the RSS just read for the verdict to quote
	// it.
	private static final double STALE_RSS = 0.10;

	private Diagnostician() {
	}

	/**
	 * Diagnose.
	 * @param evidence what to look at
	 * @return the verdict and findings
	 */
	public static Diagnosis diagnose(Evidence evidence) {
		GaugeSnapshot snapshot = evidence.snapshot();
		LiveSetTrend trend = evidence.liveSetTrend();
		NativeGrowthTrend nativeTrend = evidence.nativeTrend();
		List<Finding> findings = new ArrayList<>();
		ProcStatus status = snapshot.process().orNull();
		RssBreakdown breakdown = current(evidence.breakdown(), status);
		long rss = (breakdown != null) ? breakdown.rss() : (status != null) ? status.rss() : 0;
		liveSetGrowth(trend, evidence.profiling(), findings);
		nativeGrowth(nativeTrend, findings);
		containerLimit(snapshot, rss, findings);
		Finding heapMax = heapMaxAboveLimit(snapshot);
		if (heapMax != null) {
			findings.add(heapMax);
		}
		heapHeadroom(snapshot, evidence.vmFlags(), findings);
		allocatorRetention(breakdown, findings);
		lazyFree(evidence.lazyFree(), rss, findings);
		zgc(evidence.zgcMultiMapped(), snapshot, findings);
		threads(snapshot, breakdown, rss, findings);
		directBuffers(snapshot.jvm(), rss, findings);
		metaspace(snapshot.jvm(), findings);
		swap(status, findings);
		nmtOff(evidence.nmt(), breakdown, rss, findings);
		SoftLimitStatus softLimit = evidence.softLimit();
		Finding unreachable = (softLimit != null) ? SoftLimitFinding.of(softLimit) : null;
		if (unreachable != null) {
			findings.add(unreachable);
		}
		findings.sort(Comparator.comparing(Finding::severity).reversed());
		String verdict = verdict(snapshot, evidence.breakdown(), breakdown, trend, evidence.profiling());
		if (nativeTrend.suspected()) {
			verdict = "Suspected native leak: " + nativeTrend.reason() + ". " + verdict;
		}
		return new Diagnosis(verdict, trend.suspected(), nativeTrend.suspected(), nativeTrend.reason(),
				List.copyOf(findings));
	}

	// A breakdown whose RSS is more than 10% away from the RSS just read describes
	// another process state: it is not quoted, and its categories are not findings.
	private static @Nullable RssBreakdown current(@Nullable RssBreakdown breakdown, @Nullable ProcStatus status) {
		if (breakdown == null || status == null) {
			return breakdown;
		}
		return (Math.abs(breakdown.rss() - status.rss()) > status.rss() * STALE_RSS) ? null : breakdown;
	}

	private static String verdict(GaugeSnapshot snapshot, @Nullable RssBreakdown captured,
			@Nullable RssBreakdown breakdown, LiveSetTrend trend, LeakEvidence profiling) {
		// Every growth state says what was measured first, then what survives.
		String culprit = trend.growing() ? LeakCulprit.clause(profiling, trend.suspected()) : null;
		String survivors = (culprit != null) ? "; " + culprit : "";
		if (trend.suspected()) {
			return "Suspected heap leak: " + trend.reason() + survivors + ".";
		}
		String head = switch (trend.outcome()) {
			case UNCONFIRMED_GROWTH -> "Unconfirmed heap growth: " + trend.reason() + survivors + ".";
			case EARLY_GROWTH -> "Early heap growth: " + trend.reason() + survivors + ".";
			case FELL_BACK, NOT_GROWING -> "No leak:";
			case TOO_SHORT -> "No leak signal yet (" + trend.reason() + "):";
			case NO_COLLECTIONS, FEW_READINGS, SUSPECTED_LEAK -> "No leak signal (" + trend.reason() + "):";
		};
		OptionalLong live = snapshot.live();
		ProcStatus status = snapshot.process().orNull();
		if (breakdown == null) {
			String heap = "heap committed " + ByteSizes.format(snapshot.jvm().heapCommitted())
					+ (live.isPresent() ? " for a live set of " + ByteSizes.format(live.getAsLong()) : "");
			if (status == null) {
				return head + " " + heap + "; RSS is unavailable on this platform.";
			}
			String stale = (captured != null) ? " (the last breakdown, of RSS " + ByteSizes.format(captured.rss())
					+ ", is too far from it to split it)" : "";
			return head + " RSS " + ByteSizes.format(status.rss()) + stale + ", " + heap + ", "
					+ ByteSizes.format(Math.max(0, status.rss() - snapshot.jvm().heapCommitted()))
					+ " outside the heap.";
		}
		long heapResident = breakdown.bytes(Category.JAVA_HEAP);
		long liveHeap = Math.min(heapResident, live.orElse(snapshot.jvm().heapUsed()));
		long headroom = heapResident - liveHeap;
		long retained = breakdown.bytes(Category.MALLOC_RETAINED);
		long files = breakdown.bytes(Category.MAPPED_FILES) + breakdown.bytes(Category.SHARED_MEMORY);
		long unexplained = breakdown.unexplained();
		long jvmNative = breakdown.rss() - heapResident - retained - files - unexplained;
		StringBuilder text = new StringBuilder(head);
		text.append(" RSS ").append(ByteSizes.format(breakdown.rss())).append(" = ");
		text.append(live.isPresent() ? "live heap " : "heap in use (no live-set reading yet) ")
			.append(ByteSizes.format(liveHeap));
		text.append(" + GC headroom ").append(ByteSizes.format(headroom));
		text.append(" + allocator-retained ").append(ByteSizes.format(retained));
		text.append(" + JVM native ").append(ByteSizes.format(jvmNative));
		text.append(" + files ").append(ByteSizes.format(files));
		if (unexplained > 0) {
			text.append(" + unexplained ").append(ByteSizes.format(unexplained));
		}
		// Full captures are rate-limited, so the breakdown can be older than the gauges.
		long age = Duration.between(breakdown.capturedAt(), snapshot.capturedAt()).toSeconds();
		if (age >= 1) {
			text.append(" (breakdown captured ").append(age).append(" s ago)");
		}
		return text.append('.').toString();
	}

	private static void liveSetGrowth(LiveSetTrend trend, LeakEvidence profiling, List<Finding> findings) {
		if (!trend.growing()) {
			return;
		}
		String culprit = LeakCulprit.clause(profiling, trend.suspected());
		String survivors = (culprit != null) ? "; " + culprit : "";
		if (trend.suspected()) {
			Map<String, Long> evidence = evidence("liveSetStart", trend.startBytes(), "liveSetEnd", trend.endBytes(),
					"growthPerMinute", (long) trend.bytesPerMinute());
			survivorEvidence(profiling, evidence);
			findings.add(new Finding(FindingCode.LIVE_SET_GROWTH, Severity.CRITICAL,
					"Suspected heap leak: " + trend.reason() + survivors, evidence, LeakCulprit.action(profiling)));
			return;
		}
		Map<String, Long> evidence = evidence("upperBoundStart", trend.startBytes(), "upperBoundEnd", trend.endBytes(),
				"growthPerMinute", (long) trend.bytesPerMinute());
		survivorEvidence(profiling, evidence);
		String head = (trend.outcome() == LiveSetTrend.Outcome.EARLY_GROWTH) ? "Early heap growth: "
				: "Unconfirmed heap growth: ";
		findings.add(new Finding(FindingCode.LIVE_SET_UNCONFIRMED, Severity.INFO, head + trend.reason() + survivors,
				evidence,
				"Not yet a leak verdict: live-set readings that rise steadily, one from a collection that marks the "
						+ "old generation in each third of the window, would confirm it (POST /actuator/memory runs a "
						+ "full collection, one reading at once). " + LeakCulprit.action(profiling)));
	}

	// The surviving group's figures, as the finding's evidence.
	private static void survivorEvidence(LeakEvidence profiling, Map<String, Long> evidence) {
		LeakEvidence.Suspect suspect = profiling.suspect();
		if (profiling.state() == LeakEvidence.State.NAMED && suspect != null) {
			evidence.put("suspectSamples", suspect.samples());
			if (suspect.estimatedBytes().isPresent()) {
				evidence.put("suspectEstimatedBytes", suspect.estimatedBytes().getAsLong());
			}
			LeakEvidence.Growth growth = suspect.growth();
			if (growth != null) {
				evidence.put("suspectStartSamples", growth.startSamples());
				growth.startBytes().ifPresent((bytes) -> evidence.put("suspectStartEstimatedBytes", bytes));
				growth.endBytes().ifPresent((bytes) -> evidence.put("suspectEndEstimatedBytes", bytes));
				evidence.put("suspectGrowthSeconds", growth.over().toSeconds());
			}
		}
		LeakEvidence.Suspect largest = profiling.largest();
		if (profiling.state() == LeakEvidence.State.NOT_GROWING && largest != null) {
			evidence.put("largestSurvivorSamples", largest.samples());
		}
	}

	private static void nativeGrowth(NativeGrowthTrend trend, List<Finding> findings) {
		if (trend.suspected()) {
			findings.add(new Finding(FindingCode.NATIVE_GROWTH, Severity.CRITICAL,
					"Suspected native leak: " + trend.reason(),
					evidence("start", trend.startBytes(), "end", trend.endBytes(), "growthPerMinute",
							(long) trend.bytesPerMinute()),
					"Native memory the heap dump cannot show. With -XX:NativeMemoryTracking=summary the finding "
							+ "names the JVM's categories that grow (jcmd <pid> VM.native_memory baseline, then "
							+ "summary.diff); growth NMT does not see is native code's (JNI libraries, "
							+ "compression, SSL): a native profiler such as jemalloc's or heaptrack names the site."));
		}
	}

	private static void containerLimit(GaugeSnapshot snapshot, long rss, List<Finding> findings) {
		LimitUse use = LimitUse.of(snapshot, rss).orNull();
		if (use == null) {
			return;
		}
		long limit = use.limit();
		double share = use.share();
		if (share >= 0.8) {
			findings.add(new Finding(FindingCode.CONTAINER_LIMIT, (share >= 0.9) ? Severity.CRITICAL : Severity.WARNING,
					String.format(java.util.Locale.ROOT, "Memory is at %.0f%% of the container limit of %s",
							share * 100, ByteSizes.format(limit)),
					evidence("limit", limit, "rss", rss, "cgroupUsage", use.cgroupUsage()),
					"The kernel kills the process at the limit, without a heap dump. Give memory back (POST "
							+ "/actuator/memory), lower -Xmx or MaxRAMPercentage to leave room for native memory, "
							+ "or raise the limit."));
		}
	}

	/**
	 * Return the finding that the heap may grow past the effective limit: when the heap's
	 * maximum, or the heap's maximum plus the non-heap memory measured so far, is above
	 * it. Non-heap memory is what RSS holds beyond the committed heap, or what the JVM
	 * reports committed outside the heap (metaspace, code cache, direct buffers) where
	 * that is larger: both are lower bounds, as the heap's committed pages need not all
	 * be resident and the pools leave out thread stacks, GC structures and malloc.
	 * @param snapshot a gauge-depth snapshot
	 * @return the finding, or {@code null} when the heap fits, there is no limit, or the
	 * heap's maximum is not known
	 */
	public static @Nullable Finding heapMaxAboveLimit(GaugeSnapshot snapshot) {
		LimitUse use = LimitUse.of(snapshot).orNull();
		JvmMemory jvm = snapshot.jvm();
		if (use == null || jvm.heapMax().isEmpty()) {
			return null;
		}
		long heapMax = jvm.heapMax().getAsLong();
		long limit = use.limit();
		long outsideHeap = Math.max(use.rss() - jvm.heapCommitted(), jvm.nonHeapCommitted() + jvm.directBufferUsed());
		long nonHeap = Math.max(0, outsideHeap);
		if (heapMax + nonHeap <= limit) {
			return null;
		}
		long nonHeapMegabytes = (nonHeap + MB - 1) / MB;
		String grows = (heapMax > limit) ? "The heap may grow to " + ByteSizes.format(heapMax)
				: "The heap may grow to " + ByteSizes.format(heapMax) + " and " + nonHeapMegabytes
						+ " MB of non-heap memory is in use, " + ByteSizes.format(heapMax + nonHeap) + " in all,";
		String summary = grows + " but the container's limit is " + ByteSizes.format(limit)
				+ ": the kernel will kill the process before the JVM throws OutOfMemoryError; -Xmx (or "
				+ "MaxRAMPercentage) should leave room for " + nonHeapMegabytes + " MB of non-heap memory";
		long fits = Math.max(0, limit - nonHeap);
		long percent = fits * 100 / limit;
		String action = "Set -Xmx to at most " + fits / MB + "m (the limit less the " + nonHeapMegabytes
				+ " MB of non-heap memory measured so far: RSS beyond the committed heap, or the JVM's committed "
				+ "metaspace, code cache and direct buffers where larger; it grows with threads, classes and buffers, "
				+ "so leave more), or -XX:MaxRAMPercentage to at most " + percent
				+ " where the JVM sees this limit, or raise the limit.";
		return new Finding(FindingCode.HEAP_MAX_ABOVE_LIMIT, Severity.WARNING, summary,
				evidence("heapMax", heapMax, "limit", limit, "nonHeapMeasured", nonHeap, "heapMaxThatFits", fits),
				action);
	}

	private static void heapHeadroom(GaugeSnapshot snapshot, Map<String, String> flags, List<Finding> findings) {
		// Committed and live of one moment, right after the latest collection: exact
		// after a live-set reading; after any other collection its heap figure bounds the
		// live set from above, so the headroom is at least what it says.
		LiveSet.Point point = snapshot.gc().liveSet().latest();
		if (point == null || point.bytes() == 0) {
			return;
		}
		long live = point.bytes();
		long committed = point.committed();
		long headroom = committed - live;
		double ratio = (double) headroom / live;
		if (headroom >= SIGNIFICANT && ratio > HEADROOM_RATIO) {
			StringBuilder governing = new StringBuilder();
			for (String flag : List.of("MinHeapFreeRatio", "MaxHeapFreeRatio", "InitialHeapSize",
					"G1PeriodicGCInterval", "ZUncommitDelay")) {
				if (flags.containsKey(flag)) {
					governing.append((governing.length() > 0) ? ", " : "")
						.append(flag)
						.append('=')
						.append(flags.get(flag));
				}
			}
			String summary = point.isLiveSet()
					? String.format(java.util.Locale.ROOT,
							"GC headroom, not a leak: the heap holds %s committed for a live set of %s (ratio %.1f; "
									+ "1.0 is Go's GOGC=100)",
							ByteSizes.format(committed), ByteSizes.format(live), ratio)
					: String.format(java.util.Locale.ROOT,
							"GC headroom, not a leak: the heap holds %s committed for at most %s of live data "
									+ "(after a %s collection, an upper bound of the live set; ratio at least %.1f, "
									+ "1.0 is Go's GOGC=100)",
							ByteSizes.format(committed), ByteSizes.format(live), point.scope().label(), ratio);
			findings.add(new Finding(FindingCode.HEAP_HEADROOM, Severity.INFO, summary,
					evidence("heapCommitted", committed, point.isLiveSet() ? "liveSet" : "liveSetUpperBound", live,
							"headroom", headroom),
					"The collector keeps this room to avoid collecting constantly; it is given back only after a "
							+ "full or concurrent cycle, never below -Xms. POST /actuator/memory runs one; lower "
							+ "MaxHeapFreeRatio (and MinHeapFreeRatio) to keep less"
							+ ((governing.length() > 0) ? " (now " + governing + ")" : "") + "."));
		}
	}

	private static void allocatorRetention(@Nullable RssBreakdown breakdown, List<Finding> findings) {
		if (breakdown == null) {
			return;
		}
		long retained = breakdown.bytes(Category.MALLOC_RETAINED);
		if (retained >= SIGNIFICANT || retained >= breakdown.rss() / 10 && retained >= 16 * MB) {
			findings.add(new Finding(FindingCode.ALLOCATOR_RETENTION, Severity.WARNING,
					"Allocator retention, not a leak: glibc keeps " + ByteSizes.format(retained)
							+ " of freed native memory in its arenas",
					evidence("mallocRetained", retained, "mallocInUse", breakdown.bytes(Category.MALLOC_IN_USE), "rss",
							breakdown.rss()),
					"POST /actuator/memory trims it now (glibc malloc_trim); -XX:TrimNativeHeapInterval=60000 trims "
							+ "periodically (JDK 21.0.1+, 17.0.9+); MALLOC_ARENA_MAX=2 in the environment caps the number "
							+ "of arenas that keep memory (8 per core by default)."));
		}
	}

	private static void lazyFree(OptionalLong lazyFree, long rss, List<Finding> findings) {
		if (lazyFree.isPresent() && lazyFree.getAsLong() >= 16 * MB) {
			findings.add(new Finding(FindingCode.LAZY_FREE, Severity.INFO,
					ByteSizes.format(lazyFree.getAsLong())
							+ " of RSS are pages freed with MADV_FREE: the kernel takes them back only under memory "
							+ "pressure, so RSS overstates what the process needs",
					evidence("lazyFree", lazyFree.getAsLong(), "rss", rss),
					"Nothing to fix: they go when memory is short. To see them leave RSS at once, the allocator would "
							+ "have to use MADV_DONTNEED (Go's GODEBUG=madvdontneed=1 in the original story)."));
		}
	}

	private static void zgc(boolean multiMapped, GaugeSnapshot snapshot, List<Finding> findings) {
		if (multiMapped) {
			findings.add(new Finding(FindingCode.ZGC_MULTI_MAPPING, Severity.INFO,
					"ZGC (JDK 17) maps the heap three times; RSS and RssShmem count heap pages once per mapping "
							+ "that touched them, so RSS overstates the heap",
					evidence("heapCommitted", snapshot.jvm().heapCommitted()),
					"Read the heap from jvm.memory.committed{area=heap} (the heap section's committed), not RSS; "
							+ "generational ZGC (JDK 21+, default " + "in 23+) maps the heap once."));
		}
	}

	private static void threads(GaugeSnapshot snapshot, @Nullable RssBreakdown breakdown, long rss,
			List<Finding> findings) {
		int threads = snapshot.jvm().threads();
		long stacks = (breakdown != null) ? breakdown.bytes(Category.THREAD_STACKS) : 0;
		if (threads >= MANY_THREADS || (rss > 0 && stacks >= rss / 5 && stacks >= SIGNIFICANT)) {
			findings.add(new Finding(FindingCode.MANY_THREADS, Severity.WARNING,
					threads + " live threads"
							+ ((stacks > 0) ? " hold " + ByteSizes.format(stacks) + " of stacks" : ""),
					evidence("threads", (long) threads, "threadStacks", stacks),
					"Check thread pools for unbounded growth (a thread dump: jcmd <pid> Thread.print); -Xss lowers "
							+ "the stack each thread may use; virtual threads need no OS stack each."));
		}
	}

	private static void directBuffers(JvmMemory jvm, long rss, List<Finding> findings) {
		long direct = jvm.directBufferUsed();
		if (direct >= 256 * MB || (rss > 0 && direct >= rss / 4 && direct >= SIGNIFICANT)) {
			findings.add(new Finding(FindingCode.DIRECT_BUFFERS, Severity.WARNING,
					"Direct buffers hold " + ByteSizes.format(direct) + " outside the heap",
					evidence("directBuffers", direct, "rss", rss),
					"Direct buffers are freed only when their ByteBuffer is collected; pool them, or cap them with "
							+ "-XX:MaxDirectMemorySize so allocation fails loudly instead of growing RSS."));
		}
	}

	private static void metaspace(JvmMemory jvm, List<Finding> findings) {
		long committed = jvm.committed(JvmMemory.METASPACE);
		if (committed >= LARGE_METASPACE) {
			findings.add(new Finding(FindingCode.METASPACE_GROWTH, Severity.WARNING,
					"Metaspace holds " + ByteSizes.format(committed) + " of class metadata",
					evidence("metaspaceCommitted", committed),
					"Usually a class-loader leak (redeploys, generated proxies, scripting engines): compare "
							+ "jcmd <pid> VM.classloader_stats over time, and set -XX:MaxMetaspaceSize to fail early."));
		}
	}

	private static void swap(@Nullable ProcStatus status, List<Finding> findings) {
		if (status != null && status.swap().orElse(0) >= MB) {
			long swap = status.swap().getAsLong();
			findings.add(new Finding(FindingCode.SWAP_IN_USE, Severity.WARNING,
					ByteSizes.format(swap) + " of this process is swapped out; a GC touching it will stall",
					evidence("swap", swap, "rss", status.rss()),
					"Give the JVM less heap or the host more memory; GC pauses over swapped pages are slow."));
		}
	}

	private static void nmtOff(Evidence.NmtState nmt, @Nullable RssBreakdown breakdown, long rss,
			List<Finding> findings) {
		if (breakdown == null || nmt != Evidence.NmtState.OFF || rss == 0) {
			return;
		}
		long unexplained = breakdown.unexplained();
		if (unexplained >= rss / 10) {
			findings.add(new Finding(FindingCode.NMT_OFF, Severity.INFO,
					ByteSizes.format(unexplained) + " of RSS is unexplained and Native Memory Tracking is off",
					evidence("unexplained", unexplained, "rss", rss),
					"Start the JVM with -XX:NativeMemoryTracking=summary: the breakdown then splits JVM native memory "
							+ "into metaspace, code, GC structures, threads and internals, at a small cost."));
		}
	}

	private static Map<String, Long> evidence(Object... pairs) {
		Map<String, Long> evidence = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			evidence.put((String) pairs[i], (Long) pairs[i + 1]);
		}
		return evidence;
	}

}
