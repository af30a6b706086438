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

package io.github.memoryactuator.demo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Raw native memory through {@code sun.misc.Unsafe}, reached by reflection.
 * <p>
 * Why Unsafe: {@code allocateMemory} is {@code os::malloc}, which is glibc
 * {@code malloc}, and glibc's habit of keeping freed chunks in its arenas is exactly what
 * the demo has to reproduce. {@code ByteBuffer.allocateDirect} also ends in malloc, but
 * it is counted as a direct buffer pool and freed only when a cleaner runs, so it cannot
 * stand in for "native memory the JVM does not know about". The Foreign Function &amp;
 * Memory API would do, but it is final only from JDK 22 and the demo runs on 17.
 * <p>
 * Reflection, not a direct reference, so that the code compiles with {@code --release 17}
 * without internal-API warnings and so that a JVM without {@code jdk.unsupported} gives a
 * reason instead of a {@link LinkageError}. On JDK 24 and later the first call prints a
 * one-time warning that the memory-access methods of {@code sun.misc.Unsafe} will be
 * removed (JEP 471/498); that is expected here. Silencing it needs
 * {@code --sun-misc-unsafe-memory-access=allow}, which JDK 17 rejects, so the demo leaves
 * it.
 *
 * @since 0.1.0
 */
final class NativeMemory {

	private static final NativeMemory INSTANCE = load();

	private final @Nullable MethodHandle allocate;

	private final @Nullable MethodHandle free;

	private final @Nullable MethodHandle set;

	private final @Nullable MethodHandle invokeCleaner;

	private final @Nullable String unavailable;

	private NativeMemory(@Nullable MethodHandle allocate, @Nullable MethodHandle free, @Nullable MethodHandle set,
			@Nullable MethodHandle invokeCleaner, @Nullable String unavailable) {
		this.allocate = allocate;
		this.free = free;
		this.set = set;
		this.invokeCleaner = invokeCleaner;
		this.unavailable = unavailable;
	}

	static NativeMemory get() {
		return INSTANCE;
	}

	private static NativeMemory load() {
		try {
			Class<?> type = Class.forName("sun.misc.Unsafe");
			Field field = type.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			Object unsafe = field.get(null);
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			MethodHandle allocate = lookup
				.findVirtual(type, "allocateMemory", MethodType.methodType(long.class, long.class))
				.bindTo(unsafe);
			MethodHandle free = lookup.findVirtual(type, "freeMemory", MethodType.methodType(void.class, long.class))
				.bindTo(unsafe);
			MethodHandle set = lookup
				.findVirtual(type, "setMemory", MethodType.methodType(void.class, long.class, long.class, byte.class))
				.bindTo(unsafe);
			MethodHandle invokeCleaner = lookup
				.findVirtual(type, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
				.bindTo(unsafe);
			return new NativeMemory(allocate, free, set, invokeCleaner, null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return new NativeMemory(null, null, null, null, "sun.misc.Unsafe is not usable: " + ex);
		}
	}

	/**
	 * Why native memory cannot be used, or {@code null} when it can.
	 * @return the reason or {@code null}
	 */
	@Nullable String unavailable() {
		return this.unavailable;
	}

	/**
	 * Allocate with malloc and write every byte, so that every page becomes resident
	 * (untouched malloc memory costs address space, not RSS).
	 * @param bytes the size
	 * @return the address
	 */
	long allocateTouched(long bytes) {
		try {
			long address = (long) required(this.allocate).invokeExact(bytes);
			required(this.set).invokeExact(address, bytes, (byte) 0x5A);
			return address;
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	void free(long address) {
		try {
			required(this.free).invokeExact(address);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	/**
	 * Free a direct buffer's memory now rather than after some future GC, so that a
	 * release is visible in RSS at once. Without Unsafe the buffer is left to its
	 * cleaner.
	 * @param buffer a direct buffer that nothing will use again
	 */
	void freeDirect(ByteBuffer buffer) {
		if (this.invokeCleaner == null) {
			return;
		}
		try {
			this.invokeCleaner.invokeExact(buffer);
		}
		catch (Throwable ex) {
			throw rethrow(ex);
		}
	}

	private MethodHandle required(@Nullable MethodHandle handle) {
		if (handle == null) {
			throw new IllegalStateException(this.unavailable);
		}
		return handle;
	}

	private static RuntimeException rethrow(Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException(ex);
	}

}
