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

import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * What the JVM's memory MXBeans report, in bytes.
 *
 * @param heapUsed heap used, summed over the heap pools
 * @param heapCommitted heap committed, summed over the heap pools
 * @param heapMax the heap's maximum, empty when the JVM does not define one
 * @param heapPools the heap pools
 * @param nonHeapPools the non-heap pools (metaspace, class space, code cache)
 * @param bufferPools the NIO buffer pools ({@code direct}, {@code mapped})
 * @param threads the live Java thread count
 * @param daemonThreads the live daemon thread count
 * @param peakThreads the peak live thread count since the JVM started
 * @since 0.1.0
 */
public record JvmMemory(long heapUsed, long heapCommitted, OptionalLong heapMax, List<Pool> heapPools,
		List<Pool> nonHeapPools, List<BufferPool> bufferPools, int threads, int daemonThreads, int peakThreads) {

	/**
	 * The name of HotSpot's metaspace pool, which includes the class space.
	 */
	public static final String METASPACE = "Metaspace";

	/**
	 * The name of HotSpot's compressed class space pool.
	 */
	public static final String CLASS_SPACE = "Compressed Class Space";

	/**
	 * Return non-heap committed, summed over the non-heap pools, each byte once:
	 * HotSpot's {@code Metaspace} pool already includes the
	 * {@code Compressed Class Space} pool, so the latter is left out when both are there.
	 * @return the bytes
	 */
	public long nonHeapCommitted() {
		boolean metaspace = this.nonHeapPools.stream().anyMatch((pool) -> pool.name().equals(METASPACE));
		long sum = 0;
		for (Pool pool : this.nonHeapPools) {
			if (!(metaspace && pool.name().equals(CLASS_SPACE))) {
				sum += pool.committed();
			}
		}
		return sum;
	}

	/**
	 * Return the used size of one pool.
	 * @param name the pool's name
	 * @return the bytes, 0 when there is no such pool
	 */
	public long used(String name) {
		Pool pool = pool(name);
		return (pool != null) ? pool.used() : 0;
	}

	/**
	 * Return the committed size of one pool.
	 * @param name the pool's name
	 * @return the bytes, 0 when there is no such pool
	 */
	public long committed(String name) {
		Pool pool = pool(name);
		return (pool != null) ? pool.committed() : 0;
	}

	private @Nullable Pool pool(String name) {
		for (List<Pool> pools : List.of(this.nonHeapPools, this.heapPools)) {
			for (Pool pool : pools) {
				if (pool.name().equals(name)) {
					return pool;
				}
			}
		}
		return null;
	}

	/**
	 * Return the memory used by direct buffers ({@code ByteBuffer.allocateDirect}).
	 * @return the bytes, 0 when the JVM reports no direct pool
	 */
	public long directBufferUsed() {
		for (BufferPool pool : this.bufferPools) {
			if (pool.name().equals("direct")) {
				return pool.memoryUsed();
			}
		}
		return 0;
	}

	/**
	 * A memory pool.
	 *
	 * @param name the pool's name as the JVM reports it
	 * @param used bytes used
	 * @param committed bytes committed
	 * @param max the maximum, empty when undefined
	 */
	public record Pool(String name, long used, long committed, OptionalLong max) {
	}

	/**
	 * A buffer pool.
	 *
	 * @param name {@code direct} or {@code mapped}
	 * @param count the number of buffers
	 * @param memoryUsed the memory the JVM uses for them
	 * @param totalCapacity the total capacity of the buffers
	 */
	public record BufferPool(String name, long count, long memoryUsed, long totalCapacity) {
	}

}
