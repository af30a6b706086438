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

package io.github.memoryactuator.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the core's packages keep the one-way data flow of ARCHITECTURE.md: probe,
 * then snapshot, then profiling, breakdown and diagnosis, then metrics and reclaim; no
 * Spring anywhere in the core, Micrometer only in metrics, Flight Recorder only in
 * profiling.
 */
class ArchitectureTests {

	private static final String BASE = "io.github.memoryactuator.";

	private static final List<String> JDK = List.of("java.", "javax.", "com.sun.management.", "org.jspecify.");

	// profiling sits beside the diagnosis's inputs: it reads probes and snapshots, and
	// only it may touch Flight Recorder.
	private static final Map<String, List<String>> ALLOWED = Map.ofEntries(Map.entry("probe", List.of("probe")),
			// The live set reads no file: it is fed by GC notifications.
			Map.entry("liveset", List.of("liveset")), Map.entry("snapshot", List.of("probe", "liveset", "snapshot")),
			Map.entry("tuning", List.of("probe", "snapshot", "tuning")),
			Map.entry("guard", List.of("reclaim", "guard")),
			Map.entry("profiling", List.of("probe", "liveset", "snapshot", "profiling", "jdk.jfr.", "org.slf4j.")),
			Map.entry("breakdown", List.of("probe", "snapshot", "breakdown")),
			// The history and the report carry the soft limit's target and state.
			Map.entry("history", List.of("probe", "snapshot", "breakdown", "softlimit", "history", "org.slf4j.")),
			Map.entry("diagnosis",
					List.of("probe", "liveset", "snapshot", "breakdown", "history", "profiling", "softlimit",
							"diagnosis")),
			Map.entry("health", List.of("probe", "snapshot", "health")),
			// The watch samples what the kernel charges; its listeners sit
			// downstream.
			Map.entry("watch", List.of("probe", "snapshot", "watch", "org.slf4j.")),
			Map.entry("preoom",
					List.of("probe", "snapshot", "breakdown", "history", "profiling", "diagnosis", "watch", "softlimit",
							"preoom", "org.slf4j.")),
			Map.entry("reclaim", List.of("probe", "snapshot", "tuning", "guard", "reclaim")),
			Map.entry("histogram", List.of("probe", "guard", "reclaim", "histogram")),
			// MemoryActuatorMetrics wires the live-set tracker for plain Micrometer.
			Map.entry("metrics",
					List.of("probe", "liveset", "snapshot", "breakdown", "reclaim", "softlimit", "metrics",
							"io.micrometer.", "org.slf4j.")),
			// The soft limit listens to the watch and acts through the
			// guard and the heap tuning.
			Map.entry("softlimit", List.of("probe", "liveset", "snapshot", "tuning", "guard", "reclaim", "watch",
					"softlimit", "org.slf4j.")));

	@Test
	void everyPackageImportsOnlyWhatLiesUpstreamOfIt() throws IOException {
		Path sources = Path.of("src/main/java/io/github/memoryactuator");
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String layer = sources.relativize(file).getName(0).toString();
				List<String> allowed = ALLOWED.get(layer);
				if (allowed == null) {
					violations.add(sources.relativize(file) + " is in a package the layering does not know");
					continue;
				}
				for (String line : Files.readAllLines(file)) {
					if (!line.startsWith("import ")) {
						continue;
					}
					String imported = line.substring("import ".length()).replace("static ", "").strip();
					if (!permitted(imported, allowed)) {
						violations.add(sources.relativize(file) + " imports " + imported);
					}
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	private static boolean permitted(String imported, List<String> allowed) {
		if (JDK.stream().anyMatch(imported::startsWith)) {
			return true;
		}
		for (String entry : allowed) {
			String prefix = entry.contains(".") ? entry : BASE + entry + ".";
			if (imported.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
