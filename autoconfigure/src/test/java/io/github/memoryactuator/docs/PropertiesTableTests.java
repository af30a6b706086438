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
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the properties table of {@code docs/properties.md} is the configuration
 * metadata that the compiler generates from the properties' javadoc: every property there
 * is in the table with the same default, and nothing else is. On a difference the failure
 * prints the rows the table should have, ready to paste.
 */
class PropertiesTableTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| (.*) \\|$", Pattern.MULTILINE);

	private static final Pattern NOT_IN_METADATA = Pattern.compile("`[^`]+` \\(not in the metadata\\)");

	private static final String NO_DEFAULT = "(none)";

	@Test
	void tableListsEveryPropertyOfTheMetadataWithItsDefaultAndNothingElse() throws IOException {
		Map<String, Property> metadata = metadata();
		Path file = Documentation.root().resolve("docs/properties.md");
		Map<String, Row> table = table(Files.readString(file));
		List<String> differences = new ArrayList<>();
		for (Property property : metadata.values()) {
			Row row = table.get(property.name());
			if (row == null) {
				differences.add(property.name() + " is not in the table");
			}
			else if (!property.documentedBy(row.defaultCell())) {
				differences.add(property.name() + " has the default " + row.defaultCell() + " in the table but "
						+ property.defaultCell() + " in the metadata");
			}
		}
		for (String name : table.keySet()) {
			if (!metadata.containsKey(name)) {
				differences.add(name + " is in the table but not in the metadata");
			}
		}
		assertThat(differences)
			.withFailMessage(
					() -> file + " is out of step with " + METADATA + ":\n- " + String.join("\n- ", differences)
							+ "\n\nThe table's rows should read:\n" + expectedRows(metadata, table))
			.isEmpty();
	}

	@Test
	void aRowOutOfStepIsReportedWithTheRowsToPaste() {
		Map<String, Property> metadata = new LinkedHashMap<>();
		metadata.put("a.b", new Property("a.b", "10s", "How long."));
		Map<String, Row> table = table("| `a.b` | `5s` | how long |\n| `a.c` | `1` | gone |\n");
		assertThat(metadata.get("a.b").documentedBy(table.get("a.b").defaultCell())).isFalse();
		assertThat(expectedRows(metadata, table)).isEqualTo("| `a.b` | `10s` | how long |\n");
	}

	@Test
	void aDefaultTheMetadataDoesNotCarryIsNamedAsSuch() {
		Property property = new Property("a.b", null, "How long.");
		assertThat(property.documentedBy("(none)")).isTrue();
		assertThat(property.documentedBy("`1s` (not in the metadata)")).isTrue();
		assertThat(property.documentedBy("`1s`")).isFalse();
	}

	private static String expectedRows(Map<String, Property> metadata, Map<String, Row> table) {
		StringBuilder rows = new StringBuilder();
		for (Property property : new TreeMap<>(metadata).values()) {
			Row row = table.get(property.name());
			String defaultCell = (row != null && property.documentedBy(row.defaultCell())) ? row.defaultCell()
					: property.defaultCell();
			String meaning = (row != null) ? row.meaning() : property.description().replace("|", "\\|");
			rows.append("| `").append(property.name()).append("` | ").append(defaultCell).append(" | ");
			rows.append(meaning).append(" |\n");
		}
		return rows.toString();
	}

	private static Map<String, Row> table(String markdown) {
		Map<String, Row> rows = new LinkedHashMap<>();
		Matcher matcher = ROW.matcher(markdown);
		while (matcher.find()) {
			rows.put(matcher.group(1), new Row(matcher.group(2), matcher.group(3)));
		}
		return rows;
	}

	/**
	 * Our metadata, read from the class path: the auto-configuration's
	 * {@code target/classes} in its own module, its jar in the Boot-line modules. Other
	 * jars (Spring Boot's) carry a file of the same name, so ours is the one with
	 * properties of our types; all of its properties count, those that the additional
	 * metadata declares too.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Property> metadata() throws IOException {
		Map<String, Property> properties = new TreeMap<>();
		Enumeration<URL> resources = PropertiesTableTests.class.getClassLoader().getResources(METADATA);
		while (resources.hasMoreElements()) {
			URL resource = resources.nextElement();
			String json;
			try (InputStream in = resource.openStream()) {
				json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Map<String, Object> root = (Map<String, Object>) MetadataJson.parse(json);
			List<Map<String, Object>> entries = (List<Map<String, Object>>) root.getOrDefault("properties", List.of());
			if (entries.stream().anyMatch(PropertiesTableTests::fromOurTypes)) {
				for (Map<String, Object> entry : entries) {
					String name = (String) entry.get("name");
					Object defaultValue = entry.get("defaultValue");
					Object description = entry.getOrDefault("description", "");
					properties.put(name, new Property(name, (defaultValue != null) ? defaultValue.toString() : null,
							String.valueOf(description).replaceAll("\\s+", " ")));
				}
			}
		}
		assertThat(properties).as("properties of io.github.memoryactuator types in any " + METADATA).isNotEmpty();
		return properties;
	}

	private static boolean fromOurTypes(Map<String, Object> entry) {
		Object sourceType = entry.get("sourceType");
		return sourceType != null && sourceType.toString().startsWith("io.github.memoryactuator.");
	}

	private record Property(String name, String defaultValue, String description) {

		String defaultCell() {
			return (this.defaultValue != null) ? "`" + this.defaultValue + "`" : NO_DEFAULT;
		}

		boolean documentedBy(String cell) {
			if (this.defaultValue != null) {
				return cell.equals(defaultCell());
			}
			return cell.equals(NO_DEFAULT) || NOT_IN_METADATA.matcher(cell).matches();
		}

	}

	private record Row(String defaultCell, String meaning) {

	}

}
