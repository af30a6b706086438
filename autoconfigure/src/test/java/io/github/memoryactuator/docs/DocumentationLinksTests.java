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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every link of the README, the contributing guide, the changelog and
 * {@code docs/} leads somewhere: a relative link to a file or directory that exists, and
 * an anchor to a heading of the Markdown file it names, computed as GitHub computes it.
 * Links to other sites are not followed.
 */
class DocumentationLinksTests {

	private static final Pattern INLINE_LINK = Pattern
		.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern REFERENCE_DEFINITION = Pattern
		.compile("^ {0,3}\\[[^\\]]+\\]:\\s+<?(\\S+?)>?(?:\\s.*)?$");

	private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

	private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

	private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyLinkLeadsToAFileOrHeadingThatExists() throws IOException {
		Path root = Documentation.root();
		List<String> dead = new ArrayList<>();
		for (Path file : Documentation.markdownFiles(root)) {
			if (Files.isRegularFile(file)) {
				dead.addAll(deadLinks(root, file));
			}
			else {
				dead.add(root.relativize(file) + " does not exist");
			}
		}
		assertThat(dead).withFailMessage(() -> "Dead links:\n- " + String.join("\n- ", dead)).isEmpty();
	}

	@Test
	void anchorsAreComputedAsGitHubComputesThem() {
		assertThat(anchors(List.of("# What `/actuator/memory` answers", "## The story's leak act",
				"### Memory over time: `GET /actuator/memory/history`", "## GC headroom and allocator retention",
				"## Every finding", "## Every finding", "```", "## not a heading: in a code block", "```",
				"## A [linked](https://example.org) **bold** heading", "<a id=\"custom\"></a>")))
			.containsExactlyInAnyOrder("what-actuatormemory-answers", "the-storys-leak-act",
					"memory-over-time-get-actuatormemoryhistory", "gc-headroom-and-allocator-retention",
					"every-finding", "every-finding-1", "a-linked-bold-heading", "custom");
	}

	@Test
	void aMissingFileAndAMissingAnchorAreDeadAndCodeIsNotALink(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("docs"));
		Files.writeString(root.resolve("docs/a.md"), "# A\n## Here\n");
		Path file = root.resolve("docs/b.md");
		Files.writeString(file,
				String.join("\n", "# B", "[ok](a.md#here) [ok](#b) [ok](../docs/) [web](https://example.org/x)",
						"[gone](c.md) [no anchor](a.md#there) [escapes](../../x.md)", "`[code](d.md)`", "```",
						"[fenced](e.md)", "```", ""));
		assertThat(deadLinks(root, file)).containsExactly("docs/b.md:3: c.md (no such file)",
				"docs/b.md:3: a.md#there (no heading 'there' in docs/a.md)",
				"docs/b.md:3: ../../x.md (outside the repository)");
	}

	private List<String> deadLinks(Path root, Path file) throws IOException {
		List<String> dead = new ArrayList<>();
		List<String> lines = Files.readAllLines(file);
		boolean fenced = false;
		for (int number = 1; number <= lines.size(); number++) {
			String line = lines.get(number - 1);
			if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) {
				continue;
			}
			String text = line.replaceAll("`[^`]*`", "");
			List<String> targets = new ArrayList<>();
			Matcher inline = INLINE_LINK.matcher(text);
			while (inline.find()) {
				targets.add(inline.group(1));
			}
			Matcher definition = REFERENCE_DEFINITION.matcher(text);
			if (definition.matches()) {
				targets.add(definition.group(1));
			}
			for (String target : targets) {
				String problem = problem(root, file, target);
				if (problem != null) {
					dead.add(root.relativize(file) + ":" + number + ": " + target + " (" + problem + ")");
				}
			}
		}
		return dead;
	}

	private String problem(Path root, Path file, String target) throws IOException {
		if (EXTERNAL.matcher(target).matches()) {
			return null;
		}
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : "";
		Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
		if (!linked.startsWith(root)) {
			return "outside the repository";
		}
		if (!Files.exists(linked)) {
			return "no such file";
		}
		if (anchor.isEmpty()) {
			return null;
		}
		if (!linked.toString().endsWith(".md")) {
			return LINE_ANCHOR.matcher(anchor).matches() ? null : "an anchor into a file that is not Markdown";
		}
		Set<String> known = this.anchors.get(linked);
		if (known == null) {
			known = anchors(Files.readAllLines(linked));
			this.anchors.put(linked, known);
		}
		return known.contains(anchor) ? null : "no heading '" + anchor + "' in " + root.relativize(linked);
	}

	/**
	 * The anchors GitHub gives a Markdown file: one per heading, its rendered text lower
	 * case, without punctuation, spaces as hyphens, and {@code -1}, {@code -2}, ... on
	 * repeats; and those of HTML {@code <a name>} or {@code <a id>} elements.
	 */
	private static Set<String> anchors(List<String> lines) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> repeats = new HashMap<>();
		boolean fenced = false;
		for (String line : lines) {
			if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) {
				continue;
			}
			Matcher html = HTML_ANCHOR.matcher(line);
			while (html.find()) {
				anchors.add(html.group(1));
			}
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(2));
				int repeat = repeats.merge(slug, 1, Integer::sum) - 1;
				anchors.add((repeat == 0) ? slug : slug + "-" + repeat);
			}
		}
		return anchors;
	}

	private static String slug(String heading) {
		String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
			.replaceAll("<[^>]+>", "")
			.replace("`", "")
			.replace("*", "");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
	}

}
