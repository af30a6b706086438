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

import io.github.memoryactuator.probe.HeapMappings;
import io.github.memoryactuator.probe.JvmMemory;
import io.github.memoryactuator.probe.Mapping;
import io.github.memoryactuator.probe.NmtSummary;
import io.github.memoryactuator.probe.NmtSummaryParser;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.Smaps;
import io.github.memoryactuator.probe.VmInfo;
import io.github.memoryactuator.snapshot.FullSnapshot;

/**
 * Splits RSS into {@link Category categories} that sum exactly to it.
 * <p>
 * First every mapping of {@code /proc/self/smaps} is put in one resident pool: the Java
 * heap (by the address range {@code GC.heap_info} prints, or ZGC's {@code java_heap}
 * memfd), JIT code (anonymous executable mappings), thread stacks (stack-shaped
 * mappings), files, shared memory, glibc's malloc arenas, and the rest of anonymous
 * memory. The last two pools are then split, most certain source first, between
 * metaspace, GC structures and other JVM internals (committed, from NMT or the MXBeans),
 * direct buffers, malloc in use and malloc retained (glibc's own statistics). Each of
 * those is capped by what is left, so a committed figure never pushes the sum past RSS;
 * retained memory can only be in the arenas, so it is capped by them alone. What is left
 * is {@code unexplained}.
 *
 * @since 0.1.0
 */
public final class BreakdownCalculator {

	// glibc creates each secondary arena heap aligned to HEAP_MAX_SIZE (64 MiB on
	// 64-bit);
	// a thread stack never starts on that boundary after its guard.
	private static final long ARENA_ALIGNMENT = 64L * 1024 * 1024;

	private static final long MAX_STACK = 16L * 1024 * 1024;

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
		Pools pools = classify(smaps.value(), full.heap().orNull());
		long rss = full.gauge().process().isAvailable() ? full.gauge().process().orNull().rss() : pools.total();
		List<String> notes = new ArrayList<>();
		Map<Category, RssBreakdown.Part> parts = new EnumMap<>(Category.class);
		JvmMemory jvm = full.gauge().jvm();
		HeapMappings heap = full.heap().orNull();
		if (heap != null) {
			parts.put(Category.JAVA_HEAP,
					new RssBreakdown.Part(Category.JAVA_HEAP, pools.heap, Method.RESIDENT,
							heap.isMultiMapped()
									? "resident heap pages counted once per view: ZGC maps the heap " + heap.views()
											+ " times; resident once: " + heap.residentOnce()
									: "resident pages in the heap's address range"));
		}
		else {
			notes.add("heap address range unknown (" + full.heap().reason() + "); the heap is estimated from "
					+ "its committed size");
		}
		parts.put(Category.CODE_CACHE, new RssBreakdown.Part(Category.CODE_CACHE, pools.code, Method.RESIDENT,
				"anonymous executable mappings"));
		parts.put(Category.THREAD_STACKS, new RssBreakdown.Part(Category.THREAD_STACKS, pools.stacks, Method.RESIDENT,
				"stack mappings: read-write memory right above a guard region"));
		parts.put(Category.MAPPED_FILES, new RssBreakdown.Part(Category.MAPPED_FILES, pools.files, Method.RESIDENT,
				"file-backed mappings: jars, libraries, the CDS archive"));
		parts.put(Category.SHARED_MEMORY, new RssBreakdown.Part(Category.SHARED_MEMORY, pools.shared, Method.RESIDENT,
				"shared and memfd mappings other than the heap"));
		Budget anon = new Budget(pools.malloc, pools.anonymous);
		if (heap == null) {
			parts.put(Category.JAVA_HEAP,
					new RssBreakdown.Part(Category.JAVA_HEAP, anon.fromOtherFirst(jvm.heapCommitted()),
							Method.MXBEAN_COMMITTED, "heap committed, capped by resident anonymous memory"));
		}
		NmtSummary nmt = full.nmt().orNull();
		if (nmt != null) {
			attributeWithNmt(nmt, anon, parts);
		}
		else {
			// The nmt section gives the whole reason; here it only explains two empty
			// rows.
			notes.add(NmtSummaryParser.NOT_ENABLED_REASON.equals(full.nmt().reason())
					? "Native Memory Tracking is off (-XX:NativeMemoryTracking=summary turns it on): GC structures "
							+ "and other JVM internals are not split out"
					: "no NMT summary (" + full.nmt().reason() + "): GC structures and other JVM internals are not "
							+ "split out");
			long metaspace = 0;
			for (JvmMemory.Pool pool : jvm.nonHeapPools()) {
				// The "Metaspace" pool already includes the compressed class space.
				if (pool.name().equals("Metaspace")) {
					metaspace = pool.committed();
				}
			}
			parts.put(Category.METASPACE, new RssBreakdown.Part(Category.METASPACE, anon.fromOtherFirst(metaspace),
					Method.MXBEAN_COMMITTED, "Metaspace pool committed (class space included)"));
		}
		long direct = jvm.directBufferUsed();
		parts.put(Category.DIRECT_BUFFERS, new RssBreakdown.Part(Category.DIRECT_BUFFERS, anon.fromOtherFirst(direct),
				Method.MXBEAN_COMMITTED, "direct buffer pool memory used"));
		VmInfo vmInfo = full.vmInfo().orNull();
		OptionalLong outstanding = (vmInfo != null) ? vmInfo.mallocOutstanding() : OptionalLong.empty();
		OptionalLong retained = (vmInfo != null) ? vmInfo.mallocRetained() : OptionalLong.empty();
		if (outstanding.isPresent()) {
			// JVM mallocs are already in the categories above when NMT is on; what glibc
			// holds beyond them is native libraries' and JNI's.
			long counted = direct + ((nmt != null) ? nmt.totalMalloc().orElse(0) - otherMalloc(nmt) : 0);
			long inUse = Math.max(0, outstanding.getAsLong() - counted);
			parts.put(Category.MALLOC_IN_USE, new RssBreakdown.Part(Category.MALLOC_IN_USE, anon.fromArenasFirst(inUse),
					Method.MALLINFO,
					"glibc outstanding allocations "
							+ ((nmt != null) ? "minus JVM mallocs tracked by NMT" : "minus direct buffers")
							+ ((vmInfo.mallocMayHaveWrapped()) ? "; mallinfo may have wrapped past 4 GB" : "")));
		}
		else {
			notes.add("no glibc malloc statistics (" + ((vmInfo != null)
					? "VM.info printed no C-Heap line: not glibc, or an older JDK" : full.vmInfo().reason()) + ")");
		}
		if (retained.isPresent()) {
			parts.put(Category.MALLOC_RETAINED, new RssBreakdown.Part(Category.MALLOC_RETAINED,
					anon.fromArenasOnly(retained.getAsLong()), Method.MALLINFO,
					"free memory glibc keeps (" + retained.getAsLong() + " bytes per mallinfo), capped by the "
							+ "resident arena memory left: trimmed free pages are counted by glibc but not resident"));
		}
		if (anon.unmet() > 0) {
			notes.add("committed and malloc figures claimed " + anon.unmet() + " bytes more than the resident "
					+ "anonymous memory left, so the categories measured that way are upper bounds (committed or freed "
					+ "memory that is not resident)");
		}
		return Reading.of(assemble(full, rss, parts, notes));
	}

	private static void attributeWithNmt(NmtSummary nmt, Budget anon, Map<Category, RssBreakdown.Part> parts) {
		// JDK 21+ splits "Metaspace" out of "Class"; JDK 17's "Class" holds both.
		long metaspace = committed(nmt, "Class") + committed(nmt, "Metaspace");
		parts.put(Category.METASPACE, new RssBreakdown.Part(Category.METASPACE, anon.fromOtherFirst(metaspace),
				Method.NMT_COMMITTED, "NMT Class + Metaspace committed"));
		long gc = committed(nmt, "GC") + committed(nmt, "GCCardSet");
		parts.put(Category.GC_STRUCTURES, new RssBreakdown.Part(Category.GC_STRUCTURES, anon.fromOtherFirst(gc),
				Method.NMT_COMMITTED, "NMT GC committed"));
		long other = 0;
		for (NmtSummary.Category category : nmt.categories()) {
			if (!NOT_JVM_OTHER.contains(category.name())) {
				other += category.committed();
			}
		}
		Optional<NmtSummary.Category> thread = nmt.category("Thread");
		if (thread.isPresent()) {
			// Stacks are counted resident from smaps; the rest of Thread is malloc'ed.
			other += Math.max(0, thread.get().committed() - thread.get().stackCommitted().orElse(0));
		}
		other += nmt.category("Code")
			.flatMap((code) -> code.malloc().isPresent() ? Optional.of(code.malloc().getAsLong()) : Optional.empty())
			.orElse(0L);
		parts.put(Category.JVM_OTHER, new RssBreakdown.Part(Category.JVM_OTHER, anon.fromArenasFirst(other),
				Method.NMT_COMMITTED, "NMT committed of compiler, symbols, internals, arenas and the rest"));
	}

	// NMT's "Other" is mostly direct buffers, which are counted from the MXBean.
	private static long otherMalloc(NmtSummary nmt) {
		return nmt.category("Other").map((other) -> other.malloc().orElse(other.committed())).orElse(0L);
	}

	private static long committed(NmtSummary nmt, String name) {
		return nmt.category(name).map(NmtSummary.Category::committed).orElse(0L);
	}

	private static RssBreakdown assemble(FullSnapshot full, long rss, Map<Category, RssBreakdown.Part> parts,
			List<String> notes) {
		long sum = 0;
		for (RssBreakdown.Part part : parts.values()) {
			sum += part.bytes();
		}
		if (sum > rss) {
			// smaps is read after status, so pages faulted in between make the pools
			// larger
			// than VmRSS; shave the least certain figures first.
			long excess = sum - rss;
			for (Category category : List.of(Category.MALLOC_RETAINED, Category.MALLOC_IN_USE, Category.JVM_OTHER,
					Category.GC_STRUCTURES, Category.DIRECT_BUFFERS, Category.METASPACE, Category.SHARED_MEMORY,
					Category.MAPPED_FILES, Category.THREAD_STACKS, Category.CODE_CACHE, Category.JAVA_HEAP)) {
				RssBreakdown.Part part = parts.get(category);
				if (part == null || excess == 0) {
					continue;
				}
				long cut = Math.min(excess, part.bytes());
				parts.put(category, new RssBreakdown.Part(category, part.bytes() - cut, part.method(), part.detail()));
				excess -= cut;
			}
			sum = rss;
		}
		List<RssBreakdown.Part> ordered = new ArrayList<>();
		for (Category category : Category.values()) {
			if (category == Category.UNEXPLAINED) {
				ordered
					.add(new RssBreakdown.Part(category, rss - sum, Method.RESIDUAL, "RSS minus every category above"));
			}
			else {
				RssBreakdown.Part part = parts.get(category);
				ordered.add((part != null) ? part
						: new RssBreakdown.Part(category, 0, Method.ESTIMATE, "not measurable on this JVM"));
			}
		}
		return new RssBreakdown(full.gauge().capturedAt(), rss, List.copyOf(ordered), List.copyOf(notes));
	}

	static Pools classify(Smaps smaps, HeapMappings heap) {
		Set<Long> heapStarts = new java.util.HashSet<>();
		if (heap != null) {
			for (Mapping mapping : heap.mappings()) {
				heapStarts.add(mapping.start());
			}
		}
		Pools pools = new Pools();
		Mapping previous = null;
		for (Mapping mapping : smaps.mappings()) {
			long rss = mapping.rss();
			String path = mapping.path();
			if (heapStarts.contains(mapping.start())) {
				pools.heap += rss;
			}
			else if (path.startsWith("/memfd:") || path.startsWith("/dev/shm/") || path.startsWith("/SYSV")
					|| (mapping.isShared() && !path.startsWith("/"))) {
				// tmpfs-backed or anonymous shared memory: what RssShmem counts.
				pools.shared += rss;
			}
			else if (path.startsWith("/")) {
				// Shared file mappings (the jimage, hsperfdata) are files, not shmem.
				pools.files += rss;
			}
			else if (path.startsWith("[stack") || isThreadStack(mapping, previous)) {
				pools.stacks += rss;
			}
			else if (path.isEmpty() && mapping.permissions().indexOf('x') >= 0) {
				pools.code += rss;
			}
			else if (path.equals("[heap]") || isArena(mapping)) {
				pools.malloc += rss;
			}
			else {
				pools.anonymous += rss;
			}
			previous = mapping;
		}
		return pools;
	}

	// Thread stacks sit right above a guard region: glibc's guard page for native
	// threads, HotSpot's yellow/red/reserved zones for Java threads.
	static boolean isThreadStack(Mapping mapping, Mapping previous) {
		return previous != null && mapping.path().isEmpty() && previous.path().isEmpty()
				&& previous.end() == mapping.start() && previous.permissions().startsWith("---")
				&& mapping.permissions().equals("rw-p") && mapping.size() <= MAX_STACK && previous.size() <= 1024 * 1024
				&& mapping.start() % ARENA_ALIGNMENT != 0;
	}

	// A secondary glibc arena heap starts on a 64 MiB boundary and never exceeds 64 MiB;
	// its unused tail is a PROT_NONE mapping of its own.
	static boolean isArena(Mapping mapping) {
		return mapping.path().isEmpty() && mapping.permissions().equals("rw-p")
				&& mapping.start() % ARENA_ALIGNMENT == 0 && mapping.size() <= ARENA_ALIGNMENT;
	}

	static final class Pools {

		long heap;

		long malloc;

		long code;

		long stacks;

		long files;

		long shared;

		long anonymous;

		long total() {
			return this.heap + this.code + this.stacks + this.files + this.shared + this.malloc + this.anonymous;
		}

	}

	/**
	 * The resident anonymous memory left to attribute, in two pools: malloc arenas (where
	 * freed memory is retained) and every other anonymous mapping (mmap'ed JVM
	 * structures, large mallocs).
	 */
	private static final class Budget {

		private long arenas;

		private long other;

		// What committed and mallinfo figures claimed beyond the resident memory left:
		// those
		// categories are then upper bounds, and a zero residual means "all claimed".
		private long unmet;

		Budget(long arenas, long other) {
			this.arenas = arenas;
			this.other = other;
		}

		long fromOtherFirst(long wanted) {
			long taken = takeOther(wanted);
			return claimed(wanted, taken + takeArenas(wanted - taken));
		}

		long fromArenasFirst(long wanted) {
			long taken = takeArenas(wanted);
			return claimed(wanted, taken + takeOther(wanted - taken));
		}

		long fromArenasOnly(long wanted) {
			return claimed(wanted, takeArenas(wanted));
		}

		private long claimed(long wanted, long taken) {
			this.unmet += Math.max(0, wanted - taken);
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

	}

}
