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

import java.io.File;
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
 * Tests that the core's packages keep the one-way data flow of docs/architecture.md: the
 * probes (kernel files, HotSpot diagnostic commands, MXBeans) and the live set at the
 * bottom, then the snapshots, then what reads them, with the guard under every write; no
 * Spring anywhere in the core, Micrometer only in metrics, Flight Recorder only in
 * profiling.
 */
class ArchitectureTests {

	private static final String BASE = "io.github.memoryactuator.";

	private static final List<String> JDK = List.of("java.", "javax.", "com.sun.management.", "org.jspecify.");

	private static final List<String> PROBES = List.of("probe", "probe.kernel", "probe.hotspot", "probe.jvm");

	// Each package and the packages (or, with a dot at the end, the external prefixes)
	// it may import. A package always may import itself.
	private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
			// Reading and the text scanning every source shares: no source of its own.
			Map.entry("probe", List.of()), Map.entry("probe.kernel", List.of("probe")),
			// The HotSpot commands' address ranges are the kernel's mappings.
			Map.entry("probe.hotspot", List.of("probe", "probe.kernel")), Map.entry("probe.jvm", List.of("probe")),
			// The live set reads no file: it is fed by GC notifications.
			Map.entry("liveset", List.of()), Map.entry("snapshot", with(PROBES, "liveset")),
			Map.entry("tuning", with(PROBES, "snapshot")),
			// The guard names no operation's result: each operation wraps its refusal.
			Map.entry("guard", List.of()),
			Map.entry("profiling", with(PROBES, "liveset", "snapshot", "jdk.jfr.", "org.slf4j.")),
			Map.entry("breakdown", with(PROBES, "snapshot")),
			// The history and the report carry the soft limit's target and state.
			Map.entry("history", with(PROBES, "snapshot", "breakdown", "softlimit", "org.slf4j.")),
			Map.entry("diagnosis",
					with(PROBES, "liveset", "snapshot", "breakdown", "history", "profiling", "softlimit")),
			Map.entry("health", with(PROBES, "snapshot")),
			// The watch samples what the kernel charges; its listeners sit
			// downstream.
			Map.entry("watch", with(PROBES, "snapshot", "org.slf4j.")),
			Map.entry("preoom",
					with(PROBES, "snapshot", "breakdown", "history", "profiling", "diagnosis", "watch", "softlimit",
							"org.slf4j.")),
			Map.entry("reclaim", with(PROBES, "snapshot", "tuning", "guard")),
			Map.entry("histogram", with(PROBES, "guard")),
			// MemoryActuatorMetrics wires the live-set tracker for plain Micrometer.
			Map.entry("metrics",
					with(PROBES, "liveset", "snapshot", "breakdown", "reclaim", "softlimit", "io.micrometer.",
							"org.slf4j.")),
			// The soft limit listens to the watch and acts through the guard and the heap
			// tuning.
			Map.entry("softlimit",
					with(PROBES, "liveset", "snapshot", "tuning", "guard", "reclaim", "watch", "org.slf4j.")));

	@Test
	void everyPackageImportsOnlyWhatLiesUpstreamOfIt() throws IOException {
		Path sources = Path.of("src/main/java/io/github/memoryactuator");
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String layer = sources.relativize(file.getParent()).toString().replace(File.separatorChar, '.');
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
					if (!permitted(imported, layer, allowed)) {
						violations.add(sources.relativize(file) + " imports " + imported);
					}
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	private static boolean permitted(String imported, String layer, List<String> allowed) {
		if (JDK.stream().anyMatch(imported::startsWith)) {
			return true;
		}
		if (imported.startsWith(BASE)) {
			String pkg = packageOf(imported.substring(BASE.length()));
			return pkg.equals(layer) || allowed.contains(pkg);
		}
		return allowed.stream().anyMatch((entry) -> entry.endsWith(".") && imported.startsWith(entry));
	}

	// The package is the name up to its first capitalised segment (a type).
	private static String packageOf(String name) {
		List<String> segments = new ArrayList<>();
		for (String segment : name.split("\\.")) {
			if (Character.isUpperCase(segment.charAt(0))) {
				break;
			}
			segments.add(segment);
		}
		return String.join(".", segments);
	}

	private static List<String> with(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return all;
	}

}
