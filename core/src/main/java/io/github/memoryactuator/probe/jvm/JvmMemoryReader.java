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

package io.github.memoryactuator.probe.jvm;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Reads heap, non-heap, buffer and thread figures from the memory MXBeans.
 *
 * @since 0.1.0
 */
public class JvmMemoryReader {

	private final MemoryMXBean memory;

	private final List<MemoryPoolMXBean> pools;

	private final List<BufferPoolMXBean> buffers;

	private final ThreadMXBean threads;

	/**
	 * Create a reader over the given beans.
	 * @param memory the memory bean
	 * @param pools the memory pool beans
	 * @param buffers the buffer pool beans
	 * @param threads the thread bean
	 */
	public JvmMemoryReader(MemoryMXBean memory, List<MemoryPoolMXBean> pools, List<BufferPoolMXBean> buffers,
			ThreadMXBean threads) {
		this.memory = memory;
		this.pools = List.copyOf(pools);
		this.buffers = List.copyOf(buffers);
		this.threads = threads;
	}

	/**
	 * Create a reader over the running JVM's platform beans.
	 * @return the reader
	 */
	public static JvmMemoryReader platform() {
		return new JvmMemoryReader(ManagementFactory.getMemoryMXBean(), ManagementFactory.getMemoryPoolMXBeans(),
				ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class), ManagementFactory.getThreadMXBean());
	}

	/**
	 * Read the beans.
	 * @return the figures
	 */
	public JvmMemory read() {
		List<JvmMemory.Pool> heap = new ArrayList<>(4);
		List<JvmMemory.Pool> nonHeap = new ArrayList<>(8);
		long used = 0;
		long committed = 0;
		for (MemoryPoolMXBean bean : this.pools) {
			MemoryUsage usage = usage(bean);
			if (usage == null) {
				continue;
			}
			JvmMemory.Pool pool = new JvmMemory.Pool(bean.getName(), usage.getUsed(), usage.getCommitted(),
					defined(usage.getMax()));
			if (bean.getType() == MemoryType.HEAP) {
				heap.add(pool);
				used += usage.getUsed();
				committed += usage.getCommitted();
			}
			else {
				nonHeap.add(pool);
			}
		}
		List<JvmMemory.BufferPool> bufferPools = new ArrayList<>(this.buffers.size());
		for (BufferPoolMXBean bean : this.buffers) {
			bufferPools.add(new JvmMemory.BufferPool(bean.getName(), Math.max(0, bean.getCount()),
					Math.max(0, bean.getMemoryUsed()), Math.max(0, bean.getTotalCapacity())));
		}
		return new JvmMemory(used, committed, heapMax(), List.copyOf(heap), List.copyOf(nonHeap),
				List.copyOf(bufferPools), this.threads.getThreadCount(), this.threads.getDaemonThreadCount(),
				this.threads.getPeakThreadCount());
	}

	// Summing the pools' max is wrong: G1's eden and survivor pools report -1 (undefined)
	// although the heap has a max, and generational ZGC's young and old pools each report
	// the whole heap's max. The memory bean's own figure is right for every collector.
	private OptionalLong heapMax() {
		try {
			return defined(this.memory.getHeapMemoryUsage().getMax());
		}
		catch (InternalError | IllegalArgumentException ex) {
			return OptionalLong.empty();
		}
	}

	// Some JVMs throw InternalError or IllegalArgumentException from getUsage while a
	// pool
	// is being resized; such a pool is left out of this reading only.
	private static @Nullable MemoryUsage usage(MemoryPoolMXBean bean) {
		try {
			return bean.isValid() ? bean.getUsage() : null;
		}
		catch (InternalError | IllegalArgumentException ex) {
			return null;
		}
	}

	private static OptionalLong defined(long value) {
		return (value >= 0) ? OptionalLong.of(value) : OptionalLong.empty();
	}

}
