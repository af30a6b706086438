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

package io.github.memoryactuator.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the README's plain-Micrometer example ({@link MemoryActuatorMetrics}): the
 * core alone, with no Spring on the class path, binds the gauges to any
 * {@link MeterRegistry}, and takes them away again.
 */
class PlainMicrometerExampleTests {

	private static final Path SOURCE = Path
		.of("src/test/java/io/github/memoryactuator/metrics/PlainMicrometerExampleTests.java");

	@Test
	void exampleBindsTheGaugesToAPlainRegistryAndCloseTakesThemAway() {
		MeterRegistry registry = new SimpleMeterRegistry();
		// tag::example[]
		MemoryActuatorMetrics metrics = new MemoryActuatorMetrics();
		metrics.bindTo(registry);
		// end::example[]
		try {
			assertThat(registry.get("jvm.memory.heap.max").gauge().value()).isPositive();
			assertThat(registry.get("jvm.memory.committed.total").gauge().value()).isPositive();
			if (Files.isReadable(Path.of("/proc/self/status"))) {
				assertThat(registry.get("process.memory.rss").gauge().value()).isPositive();
			}
		}
		finally {
			metrics.close();
		}
		assertThat(registry.getMeters()).isEmpty();
	}

	@Test
	void closeLeavesTheMetersOfOthersAlone() {
		MeterRegistry registry = new SimpleMeterRegistry();
		// Registered first by another binder, such as micrometer-jvm-extras.
		Gauge rss = Gauge.builder("process.memory.rss", () -> 1).register(registry);
		try (MemoryActuatorMetrics metrics = new MemoryActuatorMetrics()) {
			metrics.bindTo(registry);
			assertThat(registry.find("jvm.memory.committed.total").gauge()).isNotNull();
		}
		assertThat(registry.getMeters()).containsExactly(rss);
	}

	@Test
	void readmeShowsExactlyThatExample() throws IOException {
		String source = Files.readString(SOURCE);
		String example = source.substring(source.indexOf("// tag::example[]") + "// tag::example[]".length(),
				source.indexOf("// end::example[]"));
		assertThat(words(Files.readString(Path.of("../README.md")))).contains(words(example));
	}

	private static String words(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

}
