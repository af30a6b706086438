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

package io.github.memoryactuator.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's documentation as files: found from the working directory up, since
 * these tests run in the auto-configuration's module and again in each Boot-line module
 * of {@code it-boot-lines/}.
 */
final class Documentation {

	private Documentation() {
	}

	/**
	 * The repository's root: the nearest directory, from the working directory up, that
	 * holds both {@code build-parent/} and {@code docs/}.
	 * @return the root
	 */
	static Path root() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			if (Files.isDirectory(directory.resolve("build-parent")) && Files.isDirectory(directory.resolve("docs"))) {
				return directory;
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException(
				"No repository root (a directory with build-parent/ and docs/) above " + Path.of("").toAbsolutePath());
	}

	/**
	 * The Markdown files whose links must hold: the README, the contributing guide, the
	 * changelog and everything under {@code docs/}.
	 * @param root the repository's root
	 * @return the files
	 * @throws IOException when {@code docs/} cannot be listed
	 */
	static List<Path> markdownFiles(Path root) throws IOException {
		List<Path> files = new ArrayList<>();
		for (String name : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md")) {
			files.add(root.resolve(name));
		}
		try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		return files;
	}

}
