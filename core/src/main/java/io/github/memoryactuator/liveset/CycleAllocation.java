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

package io.github.memoryactuator.liveset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What the application allocated while a ZGC cycle ran, which the heap figure at the
 * cycle's end holds and the live set does not. It is the JVM's count of bytes allocated
 * by all threads, taken when the cycle's first pause is reported and again when the cycle
 * ends. The pause notifications of {@code ZGC Pauses}, {@code ZGC Major Pauses} and
 * {@code ZGC Minor Pauses} open the cycles of the bean of the same prefix. A generational
 * minor cycle that ends during a major one moves the major's start to its own: it
 * collected the young generation, so what was allocated before it is either gone or among
 * its survivors, which are live.
 */
final class CycleAllocation {

	private static final String PAUSES = " Pauses";

	private static final String CYCLES = " Cycles";

	private static final String MINOR = "ZGC Minor Cycles";

	private static final String MAJOR = "ZGC Major Cycles";

	private final LongSupplier allocatedBytes;

	// cycle bean -> {allocated bytes, JVM time of the pause (GcInfo start, ms)}
	private final Map<String, long[]> startedAt = new HashMap<>();

	/**
	 * Create an instance.
	 * @param allocatedBytes the bytes all threads have allocated so far, or a negative
	 * value when the JVM does not count them
	 */
	CycleAllocation(LongSupplier allocatedBytes) {
		this.allocatedBytes = allocatedBytes;
	}

	/**
	 * A pause of a cycle was reported: the first one starts the cycle.
	 * @param pausesBean the pause bean's name, such as {@code ZGC Major Pauses}
	 * @param pauseStart when the pause started ({@code GcInfo.getStartTime()})
	 */
	synchronized void paused(String pausesBean, long pauseStart) {
		if (pausesBean.endsWith(PAUSES)) {
			String cycles = pausesBean.substring(0, pausesBean.length() - PAUSES.length()) + CYCLES;
			if (!this.startedAt.containsKey(cycles)) {
				long now = this.allocatedBytes.getAsLong();
				if (now >= 0) {
					this.startedAt.put(cycles, new long[] { now, pauseStart });
				}
			}
		}
	}

	/**
	 * A cycle ended.
	 * @param cyclesBean the cycle bean's name, such as {@code ZGC Major Cycles}
	 * @param cycleStart when the cycle started ({@code GcInfo.getStartTime()})
	 * @return the bytes allocated while it ran, or a negative value when unknown (its
	 * first pause was not seen, or the JVM does not count allocations)
	 */
	synchronized long ended(String cyclesBean, long cycleStart) {
		long[] start = this.startedAt.remove(cyclesBean);
		// A pause before the cycle's start belongs to an earlier cycle whose end was not
		// reported.
		if (start == null || start[1] < cycleStart) {
			return -1;
		}
		if (MINOR.equals(cyclesBean)) {
			this.startedAt.computeIfPresent(MAJOR, (name, major) -> (start[0] > major[0]) ? start : major);
		}
		long now = this.allocatedBytes.getAsLong();
		return (now >= 0) ? Math.max(0, now - start[0]) : -1;
	}

	/**
	 * Return the running JVM's count of bytes allocated by all threads: the total kept by
	 * the JVM where {@code getTotalThreadAllocatedBytes} exists (JDK 21, and 17 updates
	 * that have it), else the sum over live threads, which loses what threads that ended
	 * since had allocated: an allocation counted short, so a reading counted high, never
	 * low.
	 * @return the counter, which gives a negative value when thread allocation accounting
	 * is off or unsupported
	 */
	static LongSupplier platformAllocatedBytes() {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		if (!(bean instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) {
			return () -> -1;
		}
		Method total = totalMethod(threads);
		return () -> {
			if (!threads.isThreadAllocatedMemoryEnabled()) {
				return -1;
			}
			if (total != null) {
				try {
					return (long) total.invoke(threads);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// fall back to the live threads' sum
				}
			}
			long sum = 0;
			for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
				sum += Math.max(0, bytes);
			}
			return sum;
		};
	}

	// Compiled for Java 17, whose API lacks the method; a JDK 17 update may have it.
	private static @Nullable Method totalMethod(com.sun.management.ThreadMXBean threads) {
		try {
			Method method = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
			long value = (long) method.invoke(threads);
			return (value >= 0) ? method : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
