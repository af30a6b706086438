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

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JvmMemoryReader}.
 */
class JvmMemoryReaderTests {

	@Test
	void heapFiguresAreConsistentWithTheRuntime() {
		JvmMemory memory = JvmMemoryReader.platform().read();
		assertThat(memory.heapUsed()).isPositive().isLessThanOrEqualTo(memory.heapCommitted());
		assertThat(memory.heapMax()).hasValue((Runtime.getRuntime().maxMemory() > 0)
				? ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() : -1);
		assertThat(memory.heapPools()).isNotEmpty();
		assertThat(memory.heapPools().stream().mapToLong(JvmMemory.Pool::committed).sum())
			.isEqualTo(memory.heapCommitted());
	}

	@Test
	void nonHeapPoolsIncludeMetaspaceAndCodeCache() {
		JvmMemory memory = JvmMemoryReader.platform().read();
		assertThat(memory.nonHeapPools()).extracting(JvmMemory.Pool::name).contains("Metaspace");
		assertThat(memory.nonHeapPools()).extracting(JvmMemory.Pool::name)
			.anyMatch((name) -> name.startsWith("CodeHeap") || name.equals("Code Cache"));
		assertThat(memory.nonHeapCommitted()).isPositive();
	}

	@Test
	void directBuffersAreCounted() {
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(4 * 1024 * 1024);
		JvmMemory memory = JvmMemoryReader.platform().read();
		assertThat(memory.directBufferUsed()).isGreaterThanOrEqualTo(buffer.capacity());
		assertThat(memory.bufferPools()).extracting(JvmMemory.BufferPool::name).contains("direct", "mapped");
		assertThat(memory.threads()).isPositive();
	}

}
