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

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The heap a set of classes retains, from an HPROF heap dump ({@code jcmd <pid> GC.heap_dump}, live objects only):
 * the objects that would become unreachable if every instance of those classes (and their class objects, and the
 * threads whose names start with a given prefix, with their stacks) were gone. That is the retained set of a group of
 * objects as heap analysers define it: everything reachable from the group and not from the GC roots without passing
 * through it. Two marks over the object graph: from the roots (the live heap), and from the roots without entering
 * the group; retained = the first minus the second.
 * <p>
 * Shallow sizes are estimates for a 64-bit JVM with compressed oops and class pointers (the default below 32 GB of
 * heap): a 12-byte object header, 16 for arrays, 4-byte references, 8-byte alignment. The dump does not record the
 * JVM's field layout, which may pack a field into the header gap, so an instance can come out 8 bytes larger than it
 * is; the class histogram of the same JVM gives the exact shallow sizes to compare with.
 * <p>
 * Usage: {@code java RetainedHeap.java DUMP CLASS_PREFIX EXCLUDED_PREFIX THREAD_PREFIX}. Prints
 * {@code key=value} lines: {@code live_bytes}, {@code live_objects}, {@code own_objects}, {@code own_shallow},
 * {@code retained_bytes}, {@code retained_objects}, {@code threads}, then every type in the retained set, largest
 * first, as {@code type=NAME OBJECTS BYTES} lines.
 * With {@code -Dstrings=true}, also every string in the retained set as {@code string=HOLDER -> TEXT}: what
 * holds a string that grew between two dumps tells a cache from a leak.
 */
public final class RetainedHeap {

	private static final int REF = 4;

	private static final int HEADER = 12;

	private static final int ARRAY_HEADER = 16;

	private final ByteBuffer[] chunks;

	private final long length;

	private int idSize;

	private final Map<Long, String> strings = new HashMap<>();

	private final Map<Long, Long> classNameIds = new HashMap<>();

	private final Map<Long, ClassInfo> classes = new HashMap<>();

	private final LongIntMap index = new LongIntMap(1 << 20);

	private long[] offsets = new long[1 << 20];

	private byte[] kinds = new byte[1 << 20];

	private int count;

	private final List<Long> roots = new ArrayList<>();

	// Thread serial number -> thread object id.
	private final Map<Integer, Long> threadObjects = new HashMap<>();

	private final List<long[]> frameRoots = new ArrayList<>();

	private RetainedHeap(FileChannel channel) throws IOException {
		this.length = channel.size();
		int n = (int) ((this.length + CHUNK - 1) / CHUNK);
		this.chunks = new ByteBuffer[n];
		for (int i = 0; i < n; i++) {
			long start = (long) i * CHUNK;
			this.chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start,
					Math.min(CHUNK + OVERLAP, this.length - start));
		}
	}

	private static final long CHUNK = 1L << 30;

	private static final long OVERLAP = 1L << 16;

	public static void main(String[] args) throws IOException {
		if (args.length != 4) {
			System.err.println("usage: java RetainedHeap.java DUMP CLASS_PREFIX EXCLUDED_PREFIX THREAD_PREFIX");
			System.exit(2);
		}
		try (RandomAccessFile file = new RandomAccessFile(args[0], "r"); FileChannel channel = file.getChannel()) {
			RetainedHeap heap = new RetainedHeap(channel);
			heap.parse();
			heap.report(args[1], args[2], args[3]);
		}
	}

	// Reads: every primitive read goes through these, at an absolute position.

	private int u1(long at) {
		return this.chunks[(int) (at / CHUNK)].get((int) (at % CHUNK)) & 0xff;
	}

	private int u2(long at) {
		return (u1(at) << 8) | u1(at + 1);
	}

	private int u4(long at) {
		return (u2(at) << 16) | u2(at + 2);
	}

	private long u8(long at) {
		return ((long) u4(at) << 32) | (u4(at + 4) & 0xffffffffL);
	}

	private long id(long at) {
		return (this.idSize == 8) ? u8(at) : (u4(at) & 0xffffffffL);
	}

	private static int size(int type, int idSize) {
		return switch (type) {
			case 2 -> idSize;
			case 4, 8 -> 1;
			case 5, 9 -> 2;
			case 6, 10 -> 4;
			case 7, 11 -> 8;
			default -> throw new IllegalStateException("unknown basic type " + type);
		};
	}

	// The size a field or element takes in the JVM (compressed references).
	private static int jvmSize(int type) {
		return (type == 2) ? REF : size(type, 8);
	}

	private void parse() {
		long at = 0;
		while (u1(at) != 0) {
			at++;
		}
		at++;
		this.idSize = u4(at);
		at += 4 + 8;
		while (at < this.length) {
			int tag = u1(at);
			long bodyLength = u4(at + 5) & 0xffffffffL;
			long body = at + 9;
			switch (tag) {
				case 0x01 -> {
					byte[] bytes = new byte[(int) bodyLength - this.idSize];
					for (int i = 0; i < bytes.length; i++) {
						bytes[i] = (byte) u1(body + this.idSize + i);
					}
					this.strings.put(id(body), new String(bytes, StandardCharsets.UTF_8));
				}
				case 0x02 -> this.classNameIds.put(id(body + 4), id(body + 4 + this.idSize + 4));
				case 0x0C, 0x1C -> heapDump(body, body + bodyLength);
				default -> {
				}
			}
			at = body + bodyLength;
		}
	}

	private void heapDump(long at, long end) {
		int id = this.idSize;
		while (at < end) {
			int tag = u1(at++);
			switch (tag) {
				case 0xFF, 0x05, 0x07 -> {
					this.roots.add(id(at));
					at += id;
				}
				case 0x01 -> {
					this.roots.add(id(at));
					at += 2L * id;
				}
				case 0x02, 0x03 -> {
					// JNI local, Java frame: roots of one thread's stack.
					this.frameRoots.add(new long[] { id(at), u4(at + id) });
					at += id + 8;
				}
				case 0x04 -> {
					this.frameRoots.add(new long[] { id(at), u4(at + id) });
					at += id + 4;
				}
				case 0x06 -> {
					this.frameRoots.add(new long[] { id(at), u4(at + id) });
					at += id + 4;
				}
				case 0x08 -> {
					this.threadObjects.put(u4(at + id), id(at));
					at += id + 8;
				}
				case 0x20 -> at = classDump(at);
				case 0x21 -> {
					add(id(at), at, (byte) 1);
					at += id + 4 + id;
					at += 4 + (u4(at) & 0xffffffffL);
				}
				case 0x22 -> {
					add(id(at), at, (byte) 2);
					long elements = u4(at + id + 4) & 0xffffffffL;
					at += id + 4 + 4 + id + elements * id;
				}
				case 0x23 -> {
					add(id(at), at, (byte) 3);
					long elements = u4(at + id + 4) & 0xffffffffL;
					int type = u1(at + id + 8);
					at += id + 4 + 4 + 1 + elements * size(type, id);
				}
				default -> throw new IllegalStateException(
						"unknown heap dump sub-record 0x" + Integer.toHexString(tag) + " at " + (at - 1));
			}
		}
	}

	private long classDump(long at) {
		int id = this.idSize;
		long classId = id(at);
		ClassInfo info = new ClassInfo();
		info.superId = id(at + id + 4);
		List<Long> refs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long ref = id(at + id + 4 + (long) id * (i + 1));
			if (ref != 0) {
				refs.add(ref);
			}
		}
		at += id + 4 + 6L * id;
		at += 4;
		int constants = u2(at);
		at += 2;
		for (int i = 0; i < constants; i++) {
			int type = u1(at + 2);
			if (type == 2 && id(at + 3) != 0) {
				refs.add(id(at + 3));
			}
			at += 3 + size(type, id);
		}
		int statics = u2(at);
		at += 2;
		for (int i = 0; i < statics; i++) {
			int type = u1(at + id);
			if (type == 2 && id(at + id + 1) != 0) {
				refs.add(id(at + id + 1));
			}
			at += id + 1 + size(type, id);
		}
		int fields = u2(at);
		at += 2;
		info.fieldTypes = new byte[fields];
		info.fieldNames = new long[fields];
		for (int i = 0; i < fields; i++) {
			info.fieldNames[i] = id(at);
			info.fieldTypes[i] = (byte) u1(at + id);
			at += id + 1;
		}
		info.staticRefs = refs.stream().mapToLong(Long::longValue).toArray();
		this.classes.put(classId, info);
		add(classId, -1, (byte) 0);
		return at;
	}

	private void add(long objectId, long offset, byte kind) {
		if (this.count == this.offsets.length) {
			this.offsets = java.util.Arrays.copyOf(this.offsets, this.count * 2);
			this.kinds = java.util.Arrays.copyOf(this.kinds, this.count * 2);
		}
		this.offsets[this.count] = offset;
		this.kinds[this.count] = kind;
		this.index.put(objectId, this.count++);
	}

	private String className(long classId) {
		Long nameId = this.classNameIds.get(classId);
		String name = (nameId != null) ? this.strings.get(nameId) : null;
		return (name != null) ? name.replace('/', '.') : ("class@" + Long.toHexString(classId));
	}

	private long classOf(int object) {
		long at = this.offsets[object];
		return switch (this.kinds[object]) {
			case 1 -> id(at + this.idSize + 4);
			case 2 -> id(at + this.idSize + 8);
			default -> 0;
		};
	}

	private String typeName(int object) {
		return switch (this.kinds[object]) {
			case 0 -> "java.lang.Class";
			case 3 -> switch (u1(this.offsets[object] + this.idSize + 8)) {
				case 4 -> "boolean[]";
				case 5 -> "char[]";
				case 6 -> "float[]";
				case 7 -> "double[]";
				case 8 -> "byte[]";
				case 9 -> "short[]";
				case 10 -> "int[]";
				default -> "long[]";
			};
			default -> className(classOf(object));
		};
	}

	private long shallow(int object) {
		long at = this.offsets[object];
		int id = this.idSize;
		long bytes = switch (this.kinds[object]) {
			case 0 -> 0;
			case 1 -> {
				long size = HEADER;
				for (ClassInfo info = this.classes.get(classOf(object)); info != null; info = this.classes
					.get(info.superId)) {
					for (byte type : info.fieldTypes) {
						size += jvmSize(type);
					}
				}
				yield size;
			}
			case 2 -> ARRAY_HEADER + (u4(at + id + 4) & 0xffffffffL) * REF;
			default -> ARRAY_HEADER + (u4(at + id + 4) & 0xffffffffL) * jvmSize(u1(at + id + 8));
		};
		return (bytes + 7) & ~7L;
	}

	private interface RefSink {

		void accept(long ref);

	}

	private void references(int object, RefSink sink) {
		long at = this.offsets[object];
		int id = this.idSize;
		switch (this.kinds[object]) {
			case 0 -> {
				ClassInfo info = this.classByIndex.get(object);
				if (info != null) {
					for (long ref : info.staticRefs) {
						sink.accept(ref);
					}
				}
			}
			case 1 -> {
				long cursor = at + id + 4 + id + 4;
				for (ClassInfo info = this.classes.get(classOf(object)); info != null; info = this.classes
					.get(info.superId)) {
					for (byte type : info.fieldTypes) {
						if (type == 2) {
							long ref = id(cursor);
							if (ref != 0) {
								sink.accept(ref);
							}
						}
						cursor += size(type, id);
					}
				}
			}
			case 2 -> {
				long elements = u4(at + id + 4) & 0xffffffffL;
				long cursor = at + id + 4 + 4 + id;
				for (long i = 0; i < elements; i++) {
					long ref = id(cursor + i * id);
					if (ref != 0) {
						sink.accept(ref);
					}
				}
			}
			default -> {
			}
		}
	}

	private final Map<Integer, ClassInfo> classByIndex = new HashMap<>();

	private BitSet mark(List<Integer> start, BitSet excluded) {
		BitSet marked = new BitSet(this.count);
		int[] stack = new int[1 << 16];
		int top = 0;
		for (int object : start) {
			if (!excluded.get(object) && !marked.get(object)) {
				marked.set(object);
				if (top == stack.length) {
					stack = java.util.Arrays.copyOf(stack, top * 2);
				}
				stack[top++] = object;
			}
		}
		int[][] holder = { stack };
		int[] size = { top };
		while (size[0] > 0) {
			int object = holder[0][--size[0]];
			references(object, (ref) -> {
				int target = this.index.get(ref);
				if (target >= 0 && !excluded.get(target) && !marked.get(target)) {
					marked.set(target);
					if (size[0] == holder[0].length) {
						holder[0] = java.util.Arrays.copyOf(holder[0], size[0] * 2);
					}
					holder[0][size[0]++] = target;
				}
			});
		}
		return marked;
	}

	private String stringValue(long stringId) {
		int object = this.index.get(stringId);
		if (object < 0 || this.kinds[object] != 1) {
			return null;
		}
		long value = field(object, "value");
		int array = this.index.get(value);
		if (array < 0 || this.kinds[array] != 3) {
			return null;
		}
		long at = this.offsets[array];
		int id = this.idSize;
		int elements = u4(at + id + 4);
		int type = u1(at + id + 8);
		long data = at + id + 9;
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < elements; i++) {
			text.append((type == 5) ? (char) u2(data + 2L * i) : (char) u1(data + i));
		}
		if (type == 8 && field(object, "coder") == 1) {
			StringBuilder utf16 = new StringBuilder();
			for (int i = 0; i + 1 < text.length(); i += 2) {
				// Byte order of the JVM: little-endian on x86 and aarch64.
				utf16.append((char) ((text.charAt(i + 1) << 8) | text.charAt(i)));
			}
			return utf16.toString();
		}
		return text.toString();
	}

	// The value of a reference or byte field of an instance, by name (the nearest class
	// first).
	private long field(int object, String name) {
		long cursor = this.offsets[object] + this.idSize + 4 + this.idSize + 4;
		for (ClassInfo info = this.classes.get(classOf(object)); info != null; info = this.classes.get(info.superId)) {
			for (int i = 0; i < info.fieldTypes.length; i++) {
				int type = info.fieldTypes[i];
				if (name.equals(this.strings.get(info.fieldNames[i]))) {
					return (type == 2) ? id(cursor) : u1(cursor);
				}
				cursor += size(type, this.idSize);
			}
		}
		return 0;
	}

	private void report(String prefix, String excludedPrefix, String threadPrefix) {
		Map<Integer, Long> classIds = new HashMap<>();
		for (Map.Entry<Long, ClassInfo> entry : this.classes.entrySet()) {
			int object = this.index.get(entry.getKey());
			this.classByIndex.put(object, entry.getValue());
			classIds.put(object, entry.getKey());
		}
		BitSet group = new BitSet(this.count);
		for (int object = 0; object < this.count; object++) {
			// An array of our class counts as ours too (its name is "[Lio...;").
			String name = switch (this.kinds[object]) {
				case 0 -> className(classIds.get(object));
				case 1 -> className(classOf(object));
				case 2 -> className(classOf(object)).replaceFirst("^\\[+L", "");
				default -> "";
			};
			if (name.startsWith(prefix) && !name.startsWith(excludedPrefix)) {
				group.set(object);
			}
		}
		long ownObjects = 0;
		long ownShallow = 0;
		for (int object = group.nextSetBit(0); object >= 0; object = group.nextSetBit(object + 1)) {
			if (this.kinds[object] != 0) {
				ownObjects++;
				ownShallow += shallow(object);
			}
		}
		Set<Integer> groupThreadSerials = new HashSet<>();
		List<String> threadNames = new ArrayList<>();
		for (Map.Entry<Integer, Long> thread : this.threadObjects.entrySet()) {
			int object = this.index.get(thread.getValue());
			if (object < 0) {
				continue;
			}
			String name = stringValue(field(object, "name"));
			if (name != null && name.startsWith(threadPrefix)) {
				groupThreadSerials.add(thread.getKey());
				threadNames.add(name);
				group.set(object);
			}
		}
		List<Integer> allRoots = new ArrayList<>();
		List<Integer> otherRoots = new ArrayList<>();
		for (long root : this.roots) {
			int object = this.index.get(root);
			if (object >= 0) {
				allRoots.add(object);
				otherRoots.add(object);
			}
		}
		for (long threadObject : this.threadObjects.values()) {
			int object = this.index.get(threadObject);
			if (object >= 0) {
				allRoots.add(object);
				otherRoots.add(object);
			}
		}
		for (long[] frame : this.frameRoots) {
			int object = this.index.get(frame[0]);
			if (object >= 0) {
				allRoots.add(object);
				if (!groupThreadSerials.contains((int) frame[1])) {
					otherRoots.add(object);
				}
			}
		}
		// Every class is a root: its loader keeps it, and the group's classes are
		// excluded below all the same.
		for (int object = 0; object < this.count; object++) {
			if (this.kinds[object] == 0) {
				allRoots.add(object);
				otherRoots.add(object);
			}
		}
		BitSet live = mark(allRoots, new BitSet());
		BitSet withoutGroup = mark(otherRoots, group);
		BitSet retained = (BitSet) live.clone();
		retained.andNot(withoutGroup);
		long liveBytes = 0;
		for (int object = live.nextSetBit(0); object >= 0; object = live.nextSetBit(object + 1)) {
			liveBytes += shallow(object);
		}
		long retainedBytes = 0;
		Map<String, long[]> byType = new HashMap<>();
		for (int object = retained.nextSetBit(0); object >= 0; object = retained.nextSetBit(object + 1)) {
			long bytes = shallow(object);
			retainedBytes += bytes;
			long[] sum = byType.computeIfAbsent(typeName(object), (key) -> new long[2]);
			sum[0]++;
			sum[1] += bytes;
		}
		if (Boolean.getBoolean("strings")) {
			// Which retained object holds each retained string: for finding what grows.
			for (int object = retained.nextSetBit(0); object >= 0; object = retained.nextSetBit(object + 1)) {
				String holder = typeName(object);
				references(object, (ref) -> {
					int target = this.index.get(ref);
					if (target >= 0 && retained.get(target) && "java.lang.String".equals(typeName(target))) {
						System.out.println("string=" + holder + " -> " + stringValue(ref));
					}
				});
			}
		}
		System.out.println("live_objects=" + live.cardinality());
		System.out.println("live_bytes=" + liveBytes);
		System.out.println("own_objects=" + ownObjects);
		System.out.println("own_shallow=" + ownShallow);
		System.out.println("retained_objects=" + retained.cardinality());
		System.out.println("retained_bytes=" + retainedBytes);
		threadNames.sort(null);
		System.out.println("threads=" + String.join(",", threadNames));
		byType.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.forEach((entry) -> System.out.println(String.format(Locale.ROOT, "type=%s %d %d", entry.getKey(),
					entry.getValue()[0], entry.getValue()[1])));
	}

	private static final class ClassInfo {

		long superId;

		byte[] fieldTypes;

		long[] fieldNames;

		long[] staticRefs;

	}

	/**
	 * Object id to index, open addressing; a million objects in a few megabytes.
	 */
	private static final class LongIntMap {

		private long[] keys;

		private int[] values;

		private int size;

		LongIntMap(int capacity) {
			this.keys = new long[capacity];
			this.values = new int[capacity];
		}

		void put(long key, int value) {
			if (this.size * 2 >= this.keys.length) {
				grow();
			}
			int mask = this.keys.length - 1;
			int slot = hash(key) & mask;
			while (this.keys[slot] != 0 && this.keys[slot] != key) {
				slot = (slot + 1) & mask;
			}
			if (this.keys[slot] == 0) {
				this.size++;
			}
			this.keys[slot] = key;
			this.values[slot] = value;
		}

		int get(long key) {
			if (key == 0) {
				return -1;
			}
			int mask = this.keys.length - 1;
			int slot = hash(key) & mask;
			while (this.keys[slot] != 0) {
				if (this.keys[slot] == key) {
					return this.values[slot];
				}
				slot = (slot + 1) & mask;
			}
			return -1;
		}

		private void grow() {
			long[] oldKeys = this.keys;
			int[] oldValues = this.values;
			this.keys = new long[oldKeys.length * 2];
			this.values = new int[oldKeys.length * 2];
			this.size = 0;
			for (int i = 0; i < oldKeys.length; i++) {
				if (oldKeys[i] != 0) {
					put(oldKeys[i], oldValues[i]);
				}
			}
		}

		private static int hash(long key) {
			long h = key * 0x9E3779B97F4A7C15L;
			return (int) (h ^ (h >>> 32));
		}

	}

}
