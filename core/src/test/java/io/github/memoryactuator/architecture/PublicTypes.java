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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a module's public top-level types from its sources and its checked-in API
 * listing, and says how they differ, so that the public surface grows only on purpose.
 * <p>
 * A listing line names one type; a line that goes on with {@code internal} marks a type
 * that is public only because another package of the project needs it (Java has no friend
 * access): not API, and its type javadoc says so with {@code Internal:}. Everything after
 * {@code #} is a comment.
 */
public final class PublicTypes {

	private static final Pattern PUBLIC_TYPE = Pattern.compile(
			"^public (final |abstract |sealed |non-sealed )*(class|interface|record|enum|@interface) ",
			Pattern.MULTILINE);

	private PublicTypes() {
	}

	/**
	 * Return the differences between the sources and the listing, one sentence each.
	 * @param sources the module's {@code src/main/java}
	 * @param listing the listing, such as {@code src/test/resources/api/public-types.txt}
	 * @return the differences, empty when they agree
	 * @throws IOException when the sources cannot be read
	 */
	public static List<String> differences(Path sources, Path listing) throws IOException {
		Map<String, Path> found = find(sources);
		Map<String, Boolean> listed = read(listing);
		List<String> problems = new ArrayList<>();
		for (String type : found.keySet()) {
			if (!listed.containsKey(type)) {
				problems.add(type + " is public but not in " + listing
						+ ": make it package-private, or add it to the listing on purpose");
			}
			else if (listed.get(type) && !Files.readString(found.get(type)).contains("Internal:")) {
				problems.add(type + " is listed as internal, but its javadoc does not say 'Internal:'");
			}
		}
		for (String type : listed.keySet()) {
			if (!found.containsKey(type)) {
				problems
					.add(type + " is in " + listing + " but is no public type any more: remove it from the listing");
			}
		}
		return problems;
	}

	private static Map<String, Path> find(Path sources) throws IOException {
		Map<String, Path> types = new TreeMap<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				if (PUBLIC_TYPE.matcher(Files.readString(file)).find()) {
					String name = sources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
					types.put(name.substring(0, name.length() - ".java".length()), file);
				}
			}
		}
		return types;
	}

	private static Map<String, Boolean> read(Path listing) throws IOException {
		Map<String, Boolean> types = new TreeMap<>();
		for (String line : Files.readAllLines(listing)) {
			int comment = line.indexOf('#');
			String entry = ((comment >= 0) ? line.substring(0, comment) : line).strip();
			if (!entry.isEmpty()) {
				String[] words = entry.split("\\s+");
				types.put(words[0], words.length > 1 && words[1].equals("internal"));
			}
		}
		return types;
	}

	/**
	 * Return the public top-level types of a module's sources, sorted.
	 * @param sources the module's {@code src/main/java}
	 * @return the names
	 * @throws IOException when the sources cannot be read
	 */
	public static TreeSet<String> of(Path sources) throws IOException {
		return new TreeSet<>(find(sources).keySet());
	}

}
