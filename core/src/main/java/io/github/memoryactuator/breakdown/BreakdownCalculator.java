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

package io.github.memoryactuator.breakdown;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.NativeHeap;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.VmInfo;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.FullSnapshot;

/**
 * Splits RSS into {@link Category categories} that sum exactly to it, measuring before it
 * claims.
 * <p>
 * First every resident byte of {@code /proc/self/smaps} goes to a pool by what its
 * mapping is ({@link ResidentPools}): the heap, code, stacks, files, shared memory, the
 * class space and, where {@code System.map} names them (JDK 22+ with NMT), metaspace, GC
 * structures and other JVM mappings. Those categories are measured. What is left is
 * resident anonymous memory nothing measured explains, in two pools: glibc's arenas and
 * the rest. Only that memory may be claimed by committed figures (NMT, the MXBeans) and
 * glibc's statistics, each from the pool it can live in, most certain first; a claimed
 * figure is an upper bound, and what the claims asked for beyond the memory left is
 * reported as {@link RssBreakdown#overclaimed()}. What is left after that is
 * {@code unexplained}.
 *
 * @since 0.1.0
 */
public final class BreakdownCalculator {

	// NMT categories counted elsewhere: the heap and thread stacks are resident pools,
	// "Shared class space" is the CDS archive, a file mapping.
	private static final Set<String> NOT_JVM_OTHER = Set.of("Java Heap", "Class", "Metaspace", "Thread", "Code", "GC",
			"GCCardSet", "Other", "Shared class space", "Thread Stack");

	private BreakdownCalculator() {
	}

	/**
	 * Compute the breakdown of a full snapshot.
	 * @param full the full snapshot
	 * @return the breakdown, or why there is none
	 */
	public static Reading<RssBreakdown> compute(FullSnapshot full) {
		if (!(full.smaps() instanceof Reading.Available<Smaps> smaps)) {
			return Reading.unavailable("no breakdown without /proc/self/smaps: " + full.smaps().reason());
		}
		HeapMappings heap = full.heap().orNull();
		VmInfo vmInfo = full.vmInfo().orNull();
		SystemMap owners = full.systemMap().orNull();
		if (owners != null && !owners.isLabelled()) {
			owners = null;
		}
		ResidentPools pools = ResidentPools.of(smaps.value(), heap,
				(vmInfo != null) ? vmInfo.classSpace().orElse(null) : null, owners);
		NmtSummary nmt = full.nmt().orNull();
		if (owners != null && nmt != null) {
			pools.capOwned(mapped(nmt, "Class") + mapped(nmt, "Metaspace") + mapped(nmt, "Shared class space"),
					mapped(nmt, "GC") + mapped(nmt, "GCCardSet"), mapped(nmt, "Code"), otherMapped(nmt));
		}
		Pass first = pass(full, pools, heap, vmInfo, owners, nmt);
		long toOther = Math.min(first.unmetOutsideArenas(), pools.contested());
		long toArenas = Math.min(first.unmetArenasOnly(), pools.contested() - toOther);
		long released = toOther + toArenas;
		if (released == 0) {
			return Reading.of(first.breakdown());
		}
		// A claim measured elsewhere found too little memory left, and a JVM mapping is
		// larger than what the JVM committed in it: the kernel merged a neighbour in,
		// and the claim's memory is likely that neighbour.
		pools.release(toOther, toArenas);
		Pass second = pass(full, pools, heap, vmInfo, owners, nmt);
		List<String> notes = new ArrayList<>(second.breakdown().notes());
		notes.add(ByteSizes.format(released) + " resident in mappings System.map gave to the JVM went to the claims "
				+ "instead: those mappings are larger than what NMT says the JVM committed in them, so the kernel "
				+ "merged a neighbour (such as a large malloc) into them");
		RssBreakdown breakdown = second.breakdown();
		return Reading.of(new RssBreakdown(breakdown.capturedAt(), breakdown.rss(), breakdown.parts(),
				List.copyOf(notes), breakdown.overclaimed()));
	}

	private static Pass pass(FullSnapshot full, ResidentPools pools, @Nullable HeapMappings heap,
			@Nullable VmInfo vmInfo, @Nullable SystemMap owners, @Nullable NmtSummary nmt) {
		long rss = full.gauge().process().isAvailable() ? full.gauge().process().orNull().rss() : pools.total();
		List<String> notes = new ArrayList<>();
		Map<Category, RssBreakdown.Part> parts = new EnumMap<>(Category.class);
		JvmMemory jvm = full.gauge().jvm();
		Budget anon = new Budget(pools.arenas, pools.other);
		measured(full, heap, pools, owners, parts, notes);
		if (heap == null) {
			long claimed = anon.fromOtherFirst(jvm.heapCommitted());
			parts.put(Category.JAVA_HEAP, new RssBreakdown.Part(Category.JAVA_HEAP, claimed, Method.MXBEAN_COMMITTED,
					"heap committed, capped by the resident anonymous memory left"));
		}
		if (nmt == null) {
			// The nmt section gives the whole reason; here it only explains two empty
			// rows.
			notes.add((full.nmt().cause() == Reading.Cause.NOT_ENABLED)
					? "Native Memory Tracking is off (-XX:NativeMemoryTracking=summary turns it on): GC structures "
							+ "and other JVM internals are not split out"
					: "no NMT summary (" + full.nmt().reason() + "): GC structures and other JVM internals are not "
							+ "split out");
		}
		JvmFigures figures = JvmFigures.of(nmt, owners);
		// The JVM's own claims first: direct buffers and its mallocs (handed out and
		// written), then its mappings, each from the pool it lives in. What is left
		// outside the arenas is then nobody's but native code's.
		long direct = jvm.directBufferUsed();
		parts.put(Category.DIRECT_BUFFERS, new RssBreakdown.Part(Category.DIRECT_BUFFERS, anon.fromOtherFirst(direct),
				Method.MXBEAN_COMMITTED, "direct buffer pool memory used"));
		long gcMalloc = anon.fromArenasFirst(figures.gcMalloc);
		long otherMalloc = anon.fromArenasFirst(figures.otherMalloc);
		// The metaspace pool's used figure, not a committed one (NMT's or the pool's):
		// System.map on JDK 25 finds metaspace's resident pages within 1% of used, while
		// committed runs 10-20% higher (granules committed ahead of use). The class space
		// is measured; only the rest is claimed, from the arenas too, since a metaspace
		// node whose first granule alone is committed looks like one.
		long metaspace = (owners != null) ? 0
				: anon.fromOtherFirst(Math.max(0, jvm.used(JvmMemory.METASPACE) - pools.metaspace));
		parts.put(Category.METASPACE,
				part(Category.METASPACE, pools.metaspace, metaspace, Method.MXBEAN_USED,
						(owners != null) ? "resident, labelled CLASS and META by System.map"
								: "class space resident from smaps; the rest: Metaspace pool used"));
		if (nmt != null) {
			// Committed, not resident: G1 commits its bitmaps for the whole heap and
			// touches them lazily. Mapped memory is never in an arena.
			long gcMapped = anon.fromOtherOnly(figures.gcMapped);
			parts.put(Category.GC_STRUCTURES,
					part(Category.GC_STRUCTURES, pools.gc, gcMalloc + gcMapped, Method.NMT_COMMITTED,
							(owners != null) ? "resident, labelled GC and CARDTBL by System.map; plus NMT GC malloc"
									: "NMT GC committed: mapped card tables and bitmaps, malloc'ed remembered sets"));
			long otherMapped = anon.fromOtherOnly(figures.otherMapped);
			parts.put(Category.JVM_OTHER, part(Category.JVM_OTHER, pools.jvmOther, otherMalloc + otherMapped,
					Method.NMT_COMMITTED, "NMT committed of compiler, symbols, internals, arenas and the rest"));
		}
		malloc(full, vmInfo, nmt, direct, anon, parts, notes);
		if (anon.unmet() > 0) {
			notes.add("committed and malloc figures asked for " + ByteSizes.format(anon.unmet()) + " more than the "
					+ "resident anonymous memory left (overclaimed): committed or freed memory that is not resident; "
					+ "the categories claimed that way are upper bounds");
		}
		return new Pass(assemble(full, rss, parts, notes, anon.unmet()), anon.unmetOutsideArenas(),
				anon.unmet() - anon.unmetOutsideArenas());
	}

	private static void measured(FullSnapshot full, @Nullable HeapMappings heap, ResidentPools pools,
			@Nullable SystemMap owners, Map<Category, RssBreakdown.Part> parts, List<String> notes) {
		if (heap != null) {
			String detail = heap.isMultiMapped()
					? "resident heap pages counted once per view: ZGC maps the heap " + heap.views()
							+ " times; resident once: " + heap.residentOnce()
					: "resident pages in the heap's address range";
			if (pools.heapShared > 0) {
				detail += "; a mapping reaches beyond the heap's range (the kernel merged it with a neighbour), so up "
						+ "to " + pools.heapShared + " of these bytes may be the neighbour's";
			}
			parts.put(Category.JAVA_HEAP,
					new RssBreakdown.Part(Category.JAVA_HEAP, pools.heap, Method.RESIDENT, detail));
		}
		else {
			notes.add("heap address range unknown (" + full.heap().reason() + "); the heap is claimed from its "
					+ "committed size");
		}
		String owned = (owners != null) ? ", labelled by System.map" : "";
		parts.put(Category.CODE_CACHE, new RssBreakdown.Part(Category.CODE_CACHE, pools.code, Method.RESIDENT,
				"anonymous executable mappings" + owned));
		parts.put(Category.THREAD_STACKS, new RssBreakdown.Part(Category.THREAD_STACKS, pools.stacks, Method.RESIDENT,
				"stack mappings: read-write memory right above a guard region" + owned));
		parts.put(Category.MAPPED_FILES, new RssBreakdown.Part(Category.MAPPED_FILES, pools.files, Method.RESIDENT,
				"file-backed mappings: jars, libraries, the CDS archive"));
		parts.put(Category.SHARED_MEMORY, new RssBreakdown.Part(Category.SHARED_MEMORY, pools.shared, Method.RESIDENT,
				"shared and memfd mappings other than the heap"));
	}

	private static void malloc(FullSnapshot full, @Nullable VmInfo vmInfo, @Nullable NmtSummary nmt, long direct,
			Budget anon, Map<Category, RssBreakdown.Part> parts, List<String> notes) {
		// JVM mallocs are already in the categories above when NMT is on; NMT's "Other"
		// is mostly direct buffers, which are counted from the MXBean.
		long jvmMalloc = (nmt != null) ? Math.max(0, nmt.totalMalloc().orElse(0) - otherMalloc(nmt)) : 0;
		NativeHeap heap = full.nativeHeap().orNull();
		if (heap != null) {
			// glibc's malloc_info keeps large allocations, each an mmap of its own, apart
			// from the arenas: each is claimed from the pool it lives in. Large direct
			// buffers are among the large allocations. Arena memory is not all in the
			// 64 MB heaps the pools recognise: the main arena falls back to plain mmaps
			// when brk cannot grow, so what the arenas lack comes from the rest.
			long mmapped = Math.max(0, heap.mmapped() - direct);
			long arenaInUse = Math.max(0, heap.arenaInUse() - Math.max(0, direct - heap.mmapped()) - jvmMalloc);
			long inUse = anon.fromOtherOnly(mmapped) + anon.fromArenasFirst(arenaInUse);
			parts.put(Category.MALLOC_IN_USE,
					new RssBreakdown.Part(Category.MALLOC_IN_USE, inUse, Method.MALLINFO,
							"glibc malloc_info: large allocations (" + heap.mmapped()
									+ " bytes, less direct buffers) and "
									+ "arena chunks in use, less JVM mallocs tracked by NMT"));
			parts.put(Category.MALLOC_RETAINED,
					new RssBreakdown.Part(Category.MALLOC_RETAINED, anon.fromArenasOnly(heap.arenaFree()),
							Method.MALLINFO,
							"free chunks glibc keeps in its arenas (" + heap.arenaFree()
									+ " bytes per malloc_info), capped "
									+ "by the resident arena memory left: trimmed free pages are not resident"));
			return;
		}
		OptionalLong outstanding = (vmInfo != null) ? vmInfo.mallocOutstanding() : OptionalLong.empty();
		OptionalLong retained = (vmInfo != null) ? vmInfo.mallocRetained() : OptionalLong.empty();
		if (outstanding.isPresent()) {
			// mallinfo's outstanding figure mixes arena chunks with large allocations,
			// each mapped on its own outside the arenas. With NMT on, the JVM's mappings
			// are claimed already, so the anonymous memory left outside the arenas is
			// native code's: large allocations, taken first. Without NMT it also holds
			// JVM structures, so the arenas come first, and many large allocations then
			// leave too little for what glibc retains (JDK 21+ reads malloc_info, which
			// keeps them apart).
			long wanted = Math.max(0, outstanding.getAsLong() - direct - jvmMalloc);
			long inUse = (nmt != null) ? anon.fromOtherFirst(wanted) : anon.fromArenasFirst(wanted);
			parts.put(Category.MALLOC_IN_USE, new RssBreakdown.Part(Category.MALLOC_IN_USE, inUse, Method.MALLINFO,
					"glibc outstanding allocations (mallinfo via VM.info) "
							+ ((nmt != null) ? "minus JVM mallocs tracked by NMT" : "minus direct buffers")
							+ ((vmInfo.mallocMayHaveWrapped()) ? "; mallinfo may have wrapped past 4 GB" : "")));
		}
		else {
			notes.add("no glibc malloc statistics (" + ((vmInfo != null)
					? "VM.info printed no C-Heap line: not glibc, or an older JDK" : full.vmInfo().reason()) + ")");
		}
		if (retained.isPresent()) {
			// Freed memory can only be in the arenas; after a trim glibc still counts
			// freed chunks whose pages it gave back, so this comes last.
			parts.put(Category.MALLOC_RETAINED, new RssBreakdown.Part(Category.MALLOC_RETAINED,
					anon.fromArenasOnly(retained.getAsLong()), Method.MALLINFO,
					"free memory glibc keeps (" + retained.getAsLong() + " bytes per mallinfo), capped by the "
							+ "resident arena memory left: trimmed free pages are counted by glibc but not resident"));
		}
	}

	private static RssBreakdown.Part part(Category category, long resident, long claimed, Method method,
			String detail) {
		return new RssBreakdown.Part(category, resident + claimed, resident,
				(claimed > 0 || resident == 0) ? method : Method.RESIDENT, detail);
	}

	// NMT's "Other" is mostly direct buffers, which are counted from the MXBean.
	private static long otherMalloc(NmtSummary nmt) {
		return nmt.category("Other").map((other) -> other.malloc().orElse(other.committed())).orElse(0L);
	}

	// The committed part that was mapped, not malloc'ed.
	private static long mapped(NmtSummary nmt, String name) {
		return nmt.category(name)
			.map((category) -> category.mmapCommitted()
				.orElse(Math.max(0, category.committed() - category.malloc().orElse(0))))
			.orElse(0L);
	}

	private static long otherMapped(NmtSummary nmt) {
		long mapped = 0;
		for (NmtSummary.Category category : nmt.categories()) {
			if (!NOT_JVM_OTHER.contains(category.name())) {
				mapped += Math.max(0, category.committed() - category.malloc().orElse(0) - category.arena().orElse(0));
			}
		}
		return mapped;
	}

	private static long malloc(NmtSummary nmt, String name) {
		return nmt.category(name).map((category) -> category.malloc().orElse(0)).orElse(0L);
	}

	private static RssBreakdown assemble(FullSnapshot full, long rss, Map<Category, RssBreakdown.Part> parts,
			List<String> notes, long overclaimed) {
		long sum = 0;
		for (RssBreakdown.Part part : parts.values()) {
			sum += part.bytes();
		}
		if (sum > rss) {
			// smaps is read after status, so pages faulted in between make the pools
			// larger than VmRSS; shave the least certain figures first.
			long excess = sum - rss;
			for (Category category : List.of(Category.MALLOC_RETAINED, Category.MALLOC_IN_USE, Category.JVM_OTHER,
					Category.GC_STRUCTURES, Category.DIRECT_BUFFERS, Category.METASPACE, Category.SHARED_MEMORY,
					Category.MAPPED_FILES, Category.THREAD_STACKS, Category.CODE_CACHE, Category.JAVA_HEAP)) {
				RssBreakdown.Part part = parts.get(category);
				if (part == null || excess == 0) {
					continue;
				}
				long cut = Math.min(excess, part.bytes());
				long bytes = part.bytes() - cut;
				parts.put(category, new RssBreakdown.Part(category, bytes, Math.min(part.resident(), bytes),
						part.method(), part.detail()));
				excess -= cut;
			}
			sum = rss;
		}
		List<RssBreakdown.Part> ordered = new ArrayList<>();
		for (Category category : Category.values()) {
			if (category == Category.UNEXPLAINED) {
				ordered.add(new RssBreakdown.Part(category, rss - sum, 0, Method.RESIDUAL,
						"RSS minus every category above"));
			}
			else {
				RssBreakdown.Part part = parts.get(category);
				ordered.add((part != null) ? part
						: new RssBreakdown.Part(category, 0, Method.ESTIMATE, "not measurable on this JVM"));
			}
		}
		return new RssBreakdown(full.gauge().capturedAt(), rss, List.copyOf(ordered), List.copyOf(notes), overclaimed);
	}

	/**
	 * What NMT says the JVM holds outside the resident pools: each figure split into what
	 * was mapped (claimed from non-arena memory) and what was malloc'ed (claimed from the
	 * arenas first). Figures of memory {@code System.map} labelled are measured, not
	 * claimed.
	 */
	private static final class JvmFigures {

		long gcMapped;

		long gcMalloc;

		long otherMapped;

		long otherMalloc;

		static JvmFigures of(@Nullable NmtSummary nmt, @Nullable SystemMap owners) {
			JvmFigures figures = new JvmFigures();
			if (nmt == null) {
				return figures;
			}
			boolean labelled = owners != null;
			// Metaspace is claimed from the pool's used figure; the malloc'ed part of
			// NMT's
			// Class and Metaspace (class loader data) is JVM internals.
			figures.gcMapped = labelled ? 0 : mapped(nmt, "GC") + mapped(nmt, "GCCardSet");
			figures.gcMalloc = malloc(nmt, "GC") + malloc(nmt, "GCCardSet");
			long otherMalloc = malloc(nmt, "Class") + malloc(nmt, "Metaspace") + malloc(nmt, "Code");
			long otherMapped = 0;
			for (NmtSummary.Category category : nmt.categories()) {
				if (!NOT_JVM_OTHER.contains(category.name())) {
					long malloc = category.malloc().orElse(0) + category.arena().orElse(0);
					otherMalloc += Math.min(category.committed(), malloc);
					otherMapped += Math.max(0, category.committed() - malloc);
				}
			}
			Optional<NmtSummary.Category> thread = nmt.category("Thread");
			if (thread.isPresent()) {
				// Stacks are counted resident from smaps; the rest of Thread is
				// malloc'ed.
				otherMalloc += Math.max(0, thread.get().committed() - thread.get().stackCommitted().orElse(0));
			}
			figures.otherMalloc = otherMalloc;
			figures.otherMapped = labelled ? 0 : otherMapped;
			return figures;
		}

	}

	private record Pass(RssBreakdown breakdown, long unmetOutsideArenas, long unmetArenasOnly) {
	}

	/**
	 * The resident anonymous memory nothing measured explains, in two pools: malloc
	 * arenas (where freed memory is retained) and every other anonymous mapping (mmap'ed
	 * JVM structures, large mallocs).
	 */
	private static final class Budget {

		private long arenas;

		private long other;

		private long unmet;

		private long unmetOutsideArenas;

		Budget(long arenas, long other) {
			this.arenas = arenas;
			this.other = other;
		}

		long fromOtherFirst(long wanted) {
			long taken = takeOther(wanted);
			return claimed(wanted, taken + takeArenas(wanted - taken), true);
		}

		long fromArenasFirst(long wanted) {
			long taken = takeArenas(wanted);
			return claimed(wanted, taken + takeOther(wanted - taken), true);
		}

		long fromArenasOnly(long wanted) {
			return claimed(wanted, takeArenas(wanted), false);
		}

		long fromOtherOnly(long wanted) {
			return claimed(wanted, takeOther(wanted), true);
		}

		private long claimed(long wanted, long taken, boolean outsideArenas) {
			long unmet = Math.max(0, wanted - taken);
			this.unmet += unmet;
			if (outsideArenas) {
				this.unmetOutsideArenas += unmet;
			}
			return taken;
		}

		private long takeArenas(long wanted) {
			long taken = Math.max(0, Math.min(wanted, this.arenas));
			this.arenas -= taken;
			return taken;
		}

		private long takeOther(long wanted) {
			long taken = Math.max(0, Math.min(wanted, this.other));
			this.other -= taken;
			return taken;
		}

		long unmet() {
			return this.unmet;
		}

		// What claims that may live outside the arenas found missing.
		long unmetOutsideArenas() {
			return this.unmetOutsideArenas;
		}

	}

}
