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

/**
 * The categories RSS is split into, in report order; {@link #UNEXPLAINED} is last.
 *
 * @since 0.1.0
 */
public enum Category {

	/**
	 * Resident pages of the Java heap.
	 */
	JAVA_HEAP("java_heap", "Java heap"),

	/**
	 * Metaspace and compressed class space.
	 */
	METASPACE("metaspace", "Metaspace and class space"),

	/**
	 * JIT-compiled code.
	 */
	CODE_CACHE("code_cache", "Code cache"),

	/**
	 * Java and native thread stacks.
	 */
	THREAD_STACKS("thread_stacks", "Thread stacks"),

	/**
	 * Collector data structures: card tables, mark bitmaps, remembered sets.
	 */
	GC_STRUCTURES("gc_structures", "GC structures"),

	/**
	 * Other JVM internals: compiler, symbols, class metadata outside metaspace, NMT
	 * itself.
	 */
	JVM_OTHER("jvm_other", "Other JVM internals"),

	/**
	 * NIO direct buffers.
	 */
	DIRECT_BUFFERS("direct_buffers", "Direct buffers"),

	/**
	 * malloc'ed memory in use by native code (JNI, libraries) and the JVM outside the
	 * categories above.
	 */
	MALLOC_IN_USE("malloc_in_use", "malloc in use"),

	/**
	 * Memory freed with free() that glibc keeps in its arenas instead of returning it.
	 */
	MALLOC_RETAINED("malloc_retained", "malloc free but retained by the allocator"),

	/**
	 * Mapped files and shared libraries (jars, .so files, the CDS archive).
	 */
	MAPPED_FILES("mapped_files", "Mapped files and libraries"),

	/**
	 * Shared memory other than the Java heap.
	 */
	SHARED_MEMORY("shared_memory", "Shared memory"),

	/**
	 * What no source accounts for.
	 */
	UNEXPLAINED("unexplained", "Unexplained");

	private final String tag;

	private final String label;

	Category(String tag, String label) {
		this.tag = tag;
		this.label = label;
	}

	/**
	 * Return the value of the {@code category} tag of the breakdown gauge.
	 * @return the snake-case tag value
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Return a human-readable label.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}
