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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;

/**
 * Every resident byte of {@code /proc/self/smaps} put in one pool by what its mapping is:
 * what is measured, before any committed figure is used.
 * <p>
 * In order: the Java heap (the mappings of {@link HeapMappings}), shared memory, files,
 * then for anonymous memory the owner {@code System.map} names (JDK 22+ with NMT), the
 * compressed class space (its range is in {@code VM.info}), thread stacks, JIT code,
 * glibc's arenas, and the rest. The shapes used where no owner is named were checked
 * mapping by mapping against {@code System.map} on JDK 25 ({@code ResidentPoolsTests}).
 *
 * @since 0.1.0
 */
final class ResidentPools {

	// glibc reserves every secondary arena heap as HEAP_MAX_SIZE (64 MiB on 64-bit),
	// aligned to it, and makes only the part in use read-write: a read-write mapping on
	// a 64 MiB boundary followed by a PROT_NONE one that ends 64 MiB after it. A
	// metaspace node whose first granule alone is committed looks the same; one with more
	// granules does not.
	static final long ARENA_SIZE = 64L * 1024 * 1024;

	private static final long MAX_STACK = 16L * 1024 * 1024;

	// HotSpot's guard zones (yellow, red, reserved: 4 pages) and glibc's guard page are
	// smaller than this; the uncommitted gaps between metaspace granules (64 KB) are not.
	private static final long MAX_GUARD = 64L * 1024;

	long heap;

	// Resident bytes of heap mappings that reach beyond the heap's range: the kernel
	// merged the heap with a neighbour, so up to this much of the heap figure may be the
	// neighbour's.
	long heapShared;

	long code;

	long stacks;

	long files;

	long shared;

	long metaspace;

	long gc;

	long jvmOther;

	long arenas;

	long other;

	// The size of the accessible mappings System.map gave each owner: what the JVM
	// committed there, plus any neighbour the kernel merged in.
	private long metaspaceMapped;

	private long gcMapped;

	private long codeMapped;

	private long jvmOtherMapped;

	private long metaspaceContested;

	private long gcContested;

	private long codeContested;

	private long jvmOtherContested;

	private ResidentPools() {
	}

	static ResidentPools of(Smaps smaps, @Nullable HeapMappings heap, @Nullable AddressRange classSpace,
			@Nullable SystemMap owners) {
		Map<Long, Mapping> heapMappings = new HashMap<>();
		if (heap != null) {
			for (Mapping mapping : heap.mappings()) {
				heapMappings.put(mapping.start(), mapping);
			}
		}
		ResidentPools pools = new ResidentPools();
		List<Mapping> mappings = smaps.mappings();
		for (int i = 0; i < mappings.size(); i++) {
			Mapping mapping = mappings.get(i);
			Mapping previous = (i > 0) ? mappings.get(i - 1) : null;
			Mapping next = (i + 1 < mappings.size()) ? mappings.get(i + 1) : null;
			if (heapMappings.containsKey(mapping.start())) {
				pools.addHeap(mapping, heap);
			}
			else {
				pools.add(mapping, previous, next, classSpace, owners);
			}
		}
		return pools;
	}

	private void addHeap(Mapping mapping, HeapMappings heap) {
		long rss = mapping.rss();
		if (heap.partial()) {
			long inside = 0;
			for (AddressRange range : heap.ranges()) {
				inside += overlap(mapping, range);
			}
			// At most what fits inside the range is the heap's; the rest is the
			// neighbour's.
			long heapPart = Math.min(rss, inside);
			this.heap += heapPart;
			this.other += rss - heapPart;
			if (inside < mapping.size()) {
				this.heapShared += Math.min(heapPart, mapping.size() - inside);
			}
			return;
		}
		this.heap += rss;
	}

	private static long overlap(Mapping mapping, AddressRange range) {
		long start = (Long.compareUnsigned(mapping.start(), range.start()) > 0) ? mapping.start() : range.start();
		long end = (Long.compareUnsigned(mapping.end(), range.end()) < 0) ? mapping.end() : range.end();
		return (Long.compareUnsigned(start, end) < 0) ? end - start : 0;
	}

	private void add(Mapping mapping, @Nullable Mapping previous, @Nullable Mapping next,
			@Nullable AddressRange classSpace, @Nullable SystemMap owners) {
		long rss = mapping.rss();
		SystemMap.@Nullable Label owner = (owners != null) ? owners.labelOf(mapping.start(), mapping.end()) : null;
		Pool pool = classify(mapping, previous, next, classSpace, owner);
		switch (pool) {
			case HEAP -> this.heap += rss;
			case SHARED -> this.shared += rss;
			case FILES -> this.files += rss;
			case METASPACE -> this.metaspace += rss;
			case CODE -> this.code += rss;
			case STACKS -> this.stacks += rss;
			case GC -> this.gc += rss;
			case JVM_OTHER -> this.jvmOther += rss;
			case ARENAS -> this.arenas += rss;
			case OTHER -> this.other += rss;
		}
		if (owner != null && !mapping.permissions().startsWith("---")) {
			long size = mapping.size();
			switch (pool) {
				case METASPACE -> this.metaspaceMapped += size;
				case CODE -> this.codeMapped += size;
				case GC -> this.gcMapped += size;
				case JVM_OTHER -> this.jvmOtherMapped += size;
				default -> {
				}
			}
		}
	}

	/**
	 * Say which pool a mapping outside the heap belongs to.
	 * @param mapping the mapping
	 * @param previous the mapping below it, if any
	 * @param next the mapping above it, if any
	 * @param classSpace the compressed class space's range, if known
	 * @param owners the JVM's labels, if known
	 * @return the pool
	 */
	static Pool classify(Mapping mapping, @Nullable Mapping previous, @Nullable Mapping next,
			@Nullable AddressRange classSpace, @Nullable SystemMap owners) {
		return classify(mapping, previous, next, classSpace,
				(owners != null) ? owners.labelOf(mapping.start(), mapping.end()) : null);
	}

	private static Pool classify(Mapping mapping, @Nullable Mapping previous, @Nullable Mapping next,
			@Nullable AddressRange classSpace, SystemMap.@Nullable Label owner) {
		String path = mapping.path();
		if (path.startsWith("/memfd:") || path.startsWith("/dev/shm/") || path.startsWith("/SYSV")
				|| (mapping.isShared() && !path.startsWith("/"))) {
			// tmpfs-backed or anonymous shared memory: what RssShmem counts.
			return Pool.SHARED;
		}
		if (path.startsWith("/")) {
			// Shared file mappings (the jimage, hsperfdata) are files, not shmem.
			return Pool.FILES;
		}
		if (owner != null) {
			return switch (owner) {
				case JAVA_HEAP -> Pool.HEAP;
				case CLASS, META, CDS -> Pool.METASPACE;
				case CODE -> Pool.CODE;
				case STACK -> Pool.STACKS;
				case GC, CARD_TABLE -> Pool.GC;
				case OTHER -> Pool.JVM_OTHER;
			};
		}
		if (classSpace != null && mapping.isWithin(classSpace)) {
			return Pool.METASPACE;
		}
		if (path.startsWith("[stack") || isThreadStack(mapping, previous)) {
			return Pool.STACKS;
		}
		if (path.isEmpty() && mapping.permissions().indexOf('x') >= 0) {
			return Pool.CODE;
		}
		if (path.equals("[heap]") || isArena(mapping, next)) {
			return Pool.ARENAS;
		}
		return Pool.OTHER;
	}

	// Thread stacks sit right above a guard region: glibc's guard page for native
	// threads, HotSpot's yellow/red/reserved zones for Java threads.
	static boolean isThreadStack(Mapping mapping, @Nullable Mapping previous) {
		return previous != null && mapping.path().isEmpty() && previous.path().isEmpty()
				&& previous.end() == mapping.start() && previous.permissions().startsWith("---")
				&& mapping.permissions().equals("rw-p") && mapping.size() <= MAX_STACK && previous.size() < MAX_GUARD
				&& mapping.start() % ARENA_SIZE != 0;
	}

	static boolean isArena(Mapping mapping, @Nullable Mapping next) {
		if (!mapping.path().isEmpty() || !mapping.permissions().equals("rw-p") || mapping.start() % ARENA_SIZE != 0
				|| mapping.size() > ARENA_SIZE) {
			return false;
		}
		return mapping.size() == ARENA_SIZE || (next != null && next.path().isEmpty() && next.start() == mapping.end()
				&& next.permissions().startsWith("---") && next.end() == mapping.start() + ARENA_SIZE);
	}

	/**
	 * Cap what {@code System.map} owners were given by what NMT says each committed. The
	 * kernel merges adjacent anonymous mappings with the same protection, so a JVM
	 * mapping and, say, a large malloc next to it can be one mapping, and
	 * {@code System.map} names the whole mapping for the JVM's part. No subsystem holds
	 * more resident memory than it committed; the rest goes back to the anonymous memory
	 * claims may fill. Where an owner's read-write mappings are larger than what it
	 * committed, up to the difference of its resident bytes is {@link #contested()}.
	 * @param metaspace what NMT's Class, Metaspace and shared class space mapped and
	 * committed
	 * @param gc what NMT's GC mapped and committed
	 * @param code what NMT's Code mapped and committed
	 * @param other what NMT's other JVM categories mapped and committed
	 */
	void capOwned(long metaspace, long gc, long code, long other) {
		this.metaspace = cap(this.metaspace, metaspace);
		this.gc = cap(this.gc, gc);
		this.code = cap(this.code, code);
		this.jvmOther = cap(this.jvmOther, other);
		this.metaspaceContested = contested(this.metaspace, this.metaspaceMapped, metaspace);
		this.gcContested = contested(this.gc, this.gcMapped, gc);
		this.codeContested = contested(this.code, this.codeMapped, code);
		this.jvmOtherContested = contested(this.jvmOther, this.jvmOtherMapped, other);
	}

	private long cap(long owned, long committed) {
		long excess = Math.max(0, owned - committed);
		this.other += excess;
		return owned - excess;
	}

	// Committed JVM memory is read-write and reserved memory PROT_NONE, so an owner's
	// read-write mappings add up to what NMT says it committed (within a few pages on JDK
	// 25) unless the kernel merged a neighbour in: at least the difference is the
	// neighbour's. How much of it is resident is unknown; it is at most that much of the
	// owner's resident bytes.
	private static long contested(long owned, long mapped, long committed) {
		return Math.min(owned, Math.max(0, mapped - committed));
	}

	/**
	 * Return how many resident bytes the owners {@code System.map} named may hold of
	 * neighbours the kernel merged into their mappings.
	 * @return the bytes, zero when every owner's mappings fit what it committed
	 */
	long contested() {
		return this.gcContested + this.jvmOtherContested + this.codeContested + this.metaspaceContested;
	}

	/**
	 * Give contested bytes back to the anonymous memory that claims may fill: when a
	 * claim measured elsewhere (direct buffers, mallocs) found too little memory left,
	 * the neighbour merged into a JVM mapping is the likely place it is.
	 * @param toOther bytes for claims that may live outside glibc's arenas
	 * @param toArenas bytes for claims that live in the arenas only
	 */
	void release(long toOther, long toArenas) {
		long left = toOther + toArenas;
		long[] contested = { this.gcContested, this.jvmOtherContested, this.codeContested, this.metaspaceContested };
		long[] taken = new long[contested.length];
		for (int i = 0; i < contested.length; i++) {
			taken[i] = Math.min(left, contested[i]);
			left -= taken[i];
		}
		this.gc -= taken[0];
		this.gcContested -= taken[0];
		this.jvmOther -= taken[1];
		this.jvmOtherContested -= taken[1];
		this.code -= taken[2];
		this.codeContested -= taken[2];
		this.metaspace -= taken[3];
		this.metaspaceContested -= taken[3];
		long released = toOther + toArenas - left;
		long arenas = Math.min(toArenas, Math.max(0, released - toOther));
		this.arenas += arenas;
		this.other += released - arenas;
	}

	long total() {
		return this.heap + this.code + this.stacks + this.files + this.shared + this.metaspace + this.gc + this.jvmOther
				+ this.arenas + this.other;
	}

	/**
	 * Where a mapping's resident bytes go.
	 */
	enum Pool {

		HEAP, SHARED, FILES, METASPACE, CODE, STACKS, GC, JVM_OTHER, ARENAS, OTHER

	}

}
