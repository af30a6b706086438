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
import java.util.TreeMap;
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

	private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");

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
	void aMissingFileAMissingAnchorAndAWrappedLinkAreDeadAndCodeIsNotALink(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("docs"));
		Files.writeString(root.resolve("docs/a.md"), "# A\n## Here\n");
		Path file = root.resolve("docs/b.md");
		Files.writeString(file,
				String.join("\n", "# B", "[ok](a.md#here) [ok](#b) [ok](../docs/) [web](https://example.org/x)",
						"[gone](c.md) [no anchor](a.md#there) [escapes](../../x.md) [a link", "that wraps](f.md)",
						"`[code](d.md)` ``[code `with` ticks](g.md)``", "```", "[fenced](e.md)", "```", ""));
		assertThat(deadLinks(root, file)).containsExactly("docs/b.md:3: c.md (no such file)",
				"docs/b.md:3: a.md#there (no heading 'there' in docs/a.md)",
				"docs/b.md:3: ../../x.md (outside the repository)", "docs/b.md:3: f.md (no such file)");
	}

	/**
	 * The dead links of one file. Links are looked for in paragraphs, not lines, since a
	 * link's text may wrap; fenced code and code spans hold no links.
	 */
	private List<String> deadLinks(Path root, Path file) throws IOException {
		List<String> dead = new ArrayList<>();
		List<String> lines = Files.readAllLines(file);
		StringBuilder paragraph = new StringBuilder();
		List<Integer> lineStarts = new ArrayList<>();
		int firstLine = 1;
		boolean fenced = false;
		for (int number = 1; number <= lines.size() + 1; number++) {
			String line = (number <= lines.size()) ? lines.get(number - 1) : "";
			boolean fence = line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~");
			boolean heading = HEADING.matcher(line).matches();
			if (fence || fenced || line.isBlank() || heading) {
				dead.addAll(deadLinks(root, file, paragraph.toString(), firstLine, lineStarts));
				paragraph.setLength(0);
				lineStarts.clear();
			}
			if (fence) {
				fenced = !fenced;
				continue;
			}
			if (fenced || line.isBlank()) {
				continue;
			}
			if (paragraph.length() == 0) {
				firstLine = number;
			}
			else {
				paragraph.append(' ');
			}
			lineStarts.add(paragraph.length());
			paragraph.append(line);
			if (heading) {
				dead.addAll(deadLinks(root, file, paragraph.toString(), firstLine, lineStarts));
				paragraph.setLength(0);
				lineStarts.clear();
			}
		}
		return dead;
	}

	private List<String> deadLinks(Path root, Path file, String paragraph, int firstLine, List<Integer> lineStarts)
			throws IOException {
		List<String> dead = new ArrayList<>();
		String text = withoutCodeSpans(paragraph);
		Map<Integer, String> targets = new TreeMap<>();
		Matcher inline = INLINE_LINK.matcher(text);
		while (inline.find()) {
			targets.put(inline.start(), inline.group(1));
		}
		Matcher definition = REFERENCE_DEFINITION.matcher(text);
		if (definition.matches()) {
			targets.put(0, definition.group(1));
		}
		for (Map.Entry<Integer, String> target : targets.entrySet()) {
			String problem = problem(root, file, target.getValue());
			if (problem != null) {
				int line = firstLine;
				for (int i = 0; i < lineStarts.size(); i++) {
					if (lineStarts.get(i) <= target.getKey()) {
						line = firstLine + i;
					}
				}
				dead.add(root.relativize(file) + ":" + line + ": " + target.getValue() + " (" + problem + ")");
			}
		}
		return dead;
	}

	/**
	 * The text with every code span blanked out, character for character, so that what is
	 * left keeps its offsets.
	 */
	private static String withoutCodeSpans(String text) {
		StringBuilder blanked = new StringBuilder(text);
		Matcher code = CODE_SPAN.matcher(text);
		while (code.find()) {
			for (int i = code.start(); i < code.end(); i++) {
				blanked.setCharAt(i, ' ');
			}
		}
		return blanked.toString();
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
