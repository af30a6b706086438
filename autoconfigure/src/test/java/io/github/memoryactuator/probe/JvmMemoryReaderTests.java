package io.github.memoryactuator.probe;

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
		assertThat(memory.heapMax()).hasValue(Runtime.getRuntime().maxMemory() > 0
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
