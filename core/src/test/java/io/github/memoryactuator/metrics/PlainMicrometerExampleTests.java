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
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the README's plain-Micrometer example: the core alone, with no Spring on the
 * class path, binds the gauges to any {@link MeterRegistry}.
 */
class PlainMicrometerExampleTests {

	private static final Path SOURCE = Path
		.of("src/test/java/io/github/memoryactuator/metrics/PlainMicrometerExampleTests.java");

	@Test
	void exampleBindsTheGaugesToAPlainRegistry() {
		MeterRegistry registry = new SimpleMeterRegistry();
		// tag::example[]
		Path root = Path.of("/");
		LiveSetTracker liveSet = LiveSetTracker.startPlatform(256);
		GaugeSnapshotter snapshotter = new GaugeSnapshotter(new ProcStatusReader(root), new CgroupMemoryReader(root),
				JvmMemoryReader.platform(), liveSet, GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
		new MemoryMetrics(new GaugeSnapshotCache(snapshotter::capture, Duration.ofMillis(250))).bindTo(registry);
		// end::example[]
		try {
			assertThat(registry.get("jvm.memory.heap.max").gauge().value()).isPositive();
			assertThat(registry.get("jvm.memory.committed.total").gauge().value()).isPositive();
			if (Files.isReadable(Path.of("/proc/self/status"))) {
				assertThat(registry.get("process.memory.rss").gauge().value()).isPositive();
			}
		}
		finally {
			snapshotter.close();
			liveSet.close();
		}
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
