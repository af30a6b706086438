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

package io.github.memoryactuator.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the Spring module keeps to the last steps of the data flow: the endpoint
 * never reaches into the auto-configuration, and no package of the Spring-free core is
 * split into this module.
 */
class LayeringTests {

	private static final Path SOURCES = Path.of("src/main/java/io/github/memoryactuator");

	@Test
	void noCorePackageIsSplitIntoTheSpringModule() throws IOException {
		try (Stream<Path> packages = Files.list(SOURCES)) {
			assertThat(packages.map((path) -> path.getFileName().toString())).doesNotContainAnyElementsOf(
					List.of("probe", "liveset", "snapshot", "tuning", "guard", "profiling", "breakdown", "history",
							"diagnosis", "health", "watch", "preoom", "reclaim", "histogram", "softlimit", "metrics"));
		}
	}

	@Test
	void theEndpointDoesNotImportTheAutoConfiguration() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES.resolve("endpoint"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				for (String line : Files.readAllLines(file)) {
					if (line.startsWith("import io.github.memoryactuator.autoconfigure.")) {
						violations.add(file.getFileName() + ": " + line);
					}
				}
			}
		}
		assertThat(violations).isEmpty();
	}

}
