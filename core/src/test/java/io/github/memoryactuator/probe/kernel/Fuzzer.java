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

package io.github.memoryactuator.probe.kernel;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded fuzzer for the text parsers. Input {@code i} of a run is made from a
 * {@link Random} seeded with {@code seed + i}, so any one input can be rebuilt from the
 * seed and the index that a failure prints, without replaying the inputs before it.
 */
final class Fuzzer {

	/**
	 * The one seed of the suite; change it to explore, put it back to reproduce.
	 */
	static final long SEED = 0x6d656d6f72794cL;

	// Real kernel and JVM texts are ASCII; these are what a garbled or hostile text adds:
	// NUL, controls, Latin-1, combining marks, right-to-left, surrogate halves and pairs,
	// U+FFFD, a BOM, non-ASCII digits that Character.isDigit accepts.
	private static final String[] UNICODE = { "\u0000", "\u0007", "\u001b[31m", "\u00e9", "\u00ff", "\u0301", "\u202e",
			"\ud800", "\udc00", "\ud83d\ude00", "\ufffd", "\ufeff", "\u0661\u0662\u0663", "\uff11\uff12", "\u2028",
			"\u0085", "\r", "\f", "\u00a0" };

	// Numbers a parser has to refuse or survive: 20+ digits, the long limits and just
	// beyond them, negatives, the v1 "no limit" encoding, and a KiB figure whose bytes
	// overflow.
	private static final String[] NUMBERS = { "99999999999999999999", "123456789012345678901234567890",
			String.valueOf(Long.MAX_VALUE), "9223372036854775808", "18446744073709551615", "18446744073709551616",
			String.valueOf(Long.MIN_VALUE), "-1", "-0", "-4020", "9223372036854771712",
			String.valueOf(Long.MAX_VALUE / 1024 + 1), "0", "00000000000000000000001", "1e308", "0x7fffffffffffffff",
			"1.5", "NaN" };

	// Pieces of the formats, so that mutations also make text that is almost valid.
	private static final String[] TOKENS = { "\n", ":", "-", " ", "(", ")", "[", "]", ",", "0x", "kB", " kB\n", "K",
			"M", "G", "T", "B", "reserved=", "committed=", "(malloc=", "(mmap: reserved=", "(stack: reserved=",
			"(arena=", "#", "Total: ", "\nTotal: reserved=1K, committed=1K\n", "- Java Heap (reserved=", "[0x",
			" total ", " used ", "garbage-first heap", "ZHeap", "Reserved region:\n - [", "\nVmRSS:\t", "\nRss: ",
			"\nResident Set Size: ", "\nC-Heap outstanding allocations: ", "\nPeriodic native trim ", "\nlibc: ",
			"RSS+Swap: ", "->", "ffffffffffffffff-0 ", "0-ffffffffffffffff rw-p 00000000 00:00 0 ", "0::/",
			"4:memory:/", " - cgroup2 ", " - cgroup cgroup rw,memory\n", "/..", "/../..", "\\040", "\\000", "max",
			"hierarchical_memory_limit ", "inactive_file ", "not available" };

	private static final String LETTERS = "aAkKmMgGbBxXeEzZ";

	private static final int LONG_LINE = 64 * 1024;

	private Fuzzer() {
	}

	/**
	 * Build input {@code index} of a run over {@code corpus}. The first inputs are the
	 * fixed edge cases; the rest are one to three stacked mutations of a fixture.
	 */
	static String input(List<String> corpus, long seed, int index) {
		switch (index) {
			case 0 -> {
				return "";
			}
			case 1 -> {
				return " \t \n\n \r\n\t";
			}
			case 2 -> {
				return "\n".repeat(10_000);
			}
			case 3 -> {
				return "9".repeat(LONG_LINE);
			}
			default -> {
			}
		}
		int fixed = index - 4;
		if (fixed < corpus.size()) {
			return corpus.get(fixed);
		}
		if (fixed < 2 * corpus.size()) {
			return corpus.get(fixed - corpus.size()).replace("\n", "\r\n");
		}
		Random random = new Random(seed + index);
		String text = window(corpus.get(random.nextInt(corpus.size())), random);
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			text = mutate(text, random);
		}
		return text;
	}

	/**
	 * Most of the time, cut a large text (smaps, VM.info) down to a window of whole
	 * lines, so that 10,000 inputs stay cheap; every tenth input keeps the whole text.
	 */
	private static String window(String text, Random random) {
		if (text.length() <= 16 * 1024 || random.nextInt(10) == 0) {
			return text;
		}
		int from = lineStart(text, random.nextInt(text.length()));
		int to = Math.min(text.length(), from + 1024 + random.nextInt(15 * 1024));
		return text.substring(from, to);
	}

	static String mutate(String text, Random random) {
		if (text.isEmpty()) {
			return pick(TOKENS, random) + pick(NUMBERS, random);
		}
		int at = random.nextInt(text.length() + 1);
		switch (random.nextInt(13)) {
			case 0 -> {
				// truncation at a random point
				return text.substring(0, at);
			}
			case 1 -> {
				// byte flips: one bit of 1 to 20 characters, within Latin-1 as the files
				// are read
				StringBuilder builder = new StringBuilder(text);
				int flips = 1 + random.nextInt(20);
				for (int n = 0; n < flips; n++) {
					int i = random.nextInt(builder.length());
					builder.setCharAt(i, (char) ((builder.charAt(i) ^ (1 << random.nextInt(8))) & 0xFF));
				}
				return builder.toString();
			}
			case 2 -> {
				// digit to letter, at up to 10 digits from random points
				StringBuilder builder = new StringBuilder(text);
				int changes = 1 + random.nextInt(10);
				for (int n = 0; n < changes; n++) {
					int i = random.nextInt(builder.length());
					while (i < builder.length() && !Character.isDigit(builder.charAt(i))) {
						i++;
					}
					if (i < builder.length()) {
						builder.setCharAt(i, LETTERS.charAt(random.nextInt(LETTERS.length())));
					}
				}
				return builder.toString();
			}
			case 3 -> {
				// delete one or more whole lines
				int from = lineStart(text, Math.min(at, text.length() - 1));
				int to = from;
				int lines = 1 + random.nextInt(4);
				for (int n = 0; n < lines && to < text.length(); n++) {
					to = lineEndInclusive(text, to);
				}
				return text.substring(0, from) + text.substring(to);
			}
			case 4 -> {
				// duplicate a whole line up to 50 times, adding at most 64 KB: real
				// texts are capped (64 KB for status), and megabytes only slow the loop
				int from = lineStart(text, Math.min(at, text.length() - 1));
				int to = lineEndInclusive(text, from);
				String lines = text.substring(from, to);
				int copies = Math.min(1 + random.nextInt(50), Math.max(1, 64 * 1024 / Math.max(1, lines.length())));
				return text.substring(0, to) + lines.repeat(copies) + text.substring(to);
			}
			case 5 -> {
				// a huge, negative or odd number in place of the next run of digits
				int i = at;
				while (i < text.length() && !Character.isDigit(text.charAt(i))) {
					i++;
				}
				int end = i;
				while (end < text.length() && Character.isDigit(text.charAt(end))) {
					end++;
				}
				return text.substring(0, i) + pick(NUMBERS, random) + text.substring(end);
			}
			case 6 -> {
				// random unicode
				StringBuilder builder = new StringBuilder(text);
				int inserts = 1 + random.nextInt(5);
				for (int n = 0; n < inserts; n++) {
					String piece = (random.nextBoolean()) ? pick(UNICODE, random)
							: new String(Character.toChars(random.nextInt(Character.MAX_CODE_POINT + 1)));
					builder.insert(random.nextInt(builder.length() + 1), piece);
				}
				return builder.toString();
			}
			case 7 -> {
				// an extremely long line: a run of one character, of digits, or a key
				// followed by a long value
				String unit = switch (random.nextInt(4)) {
					case 0 -> "9";
					case 1 -> "x";
					case 2 -> " ";
					default -> pick(TOKENS, random);
				};
				String line = unit.repeat(Math.max(1, LONG_LINE / Math.max(1, unit.length())));
				return text.substring(0, at) + line + text.substring(at);
			}
			case 8 -> {
				// \r\n line endings, everywhere or from a random point on
				return (random.nextBoolean()) ? text.replace("\n", "\r\n")
						: text.substring(0, at) + text.substring(at).replace("\n", "\r\n");
			}
			case 9 -> {
				// a piece of the formats
				return text.substring(0, at) + pick(TOKENS, random) + text.substring(at);
			}
			case 10 -> {
				// splice: a random part of the text repeated elsewhere
				int from = random.nextInt(text.length());
				int to = Math.min(text.length(), from + random.nextInt(300));
				return text.substring(0, at) + text.substring(from, to) + text.substring(at);
			}
			case 11 -> {
				// whitespace only, or a tail with whitespace in front
				return (random.nextBoolean()) ? " \t\n".repeat(1 + random.nextInt(100))
						: "\n\n\t  " + text.substring(at);
			}
			default -> {
				// delete a random span
				int to = Math.min(text.length(), at + 1 + random.nextInt(200));
				return text.substring(0, at) + text.substring(to);
			}
		}
	}

	private static int lineStart(String text, int at) {
		int newline = text.lastIndexOf('\n', Math.max(0, at - 1));
		return (newline < 0) ? 0 : newline + 1;
	}

	private static int lineEndInclusive(String text, int from) {
		int newline = text.indexOf('\n', from);
		return (newline < 0) ? text.length() : newline + 1;
	}

	private static String pick(String[] values, Random random) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * Run a parser on {@code inputs} fuzzed inputs. Fails, naming the seed and the index,
	 * when it throws, returns {@code null}, gives a blank or unbounded reason, or returns
	 * a value with a negative size.
	 * @param name the parser's name in messages and in the summary
	 * @param corpus the real texts to mutate
	 * @param inputs how many inputs
	 * @param parser the parser
	 * @param check further checks of a value (may be a no-op)
	 * @param signed record components that may be negative (such as a trim's
	 * {@code released}, negative when RSS grew)
	 * @return how many inputs gave a value and how many did not
	 */
	static <T> Stats run(String name, List<String> corpus, int inputs, Function<String, Reading<T>> parser,
			Check<T> check, Set<String> signed) {
		long seed = SEED + name.hashCode();
		int values = 0;
		int unavailable = 0;
		for (int index = 0; index < inputs; index++) {
			String input = input(corpus, seed, index);
			Reading<T> reading;
			try {
				reading = parser.apply(input);
			}
			catch (Throwable ex) {
				throw new AssertionError(describe(name, seed, index, input) + " threw " + ex, ex);
			}
			if (reading == null) {
				fail(describe(name, seed, index, input) + " returned null");
			}
			else if (reading.isAvailable()) {
				values++;
				List<String> problems = new ArrayList<>();
				negativeSizes(reading.orNull(), "", signed, problems);
				check.check(reading.orNull(), problems);
				if (!problems.isEmpty()) {
					fail(describe(name, seed, index, input) + ": " + problems + " in " + reading.orNull());
				}
			}
			else {
				unavailable++;
				String reason = reading.reason();
				// Reasons end up in the endpoint's JSON: they must say something, and a
				// garbled 5 MB text must not be echoed back whole.
				if (reason == null || reason.isBlank() || reason.length() > 1000) {
					fail(describe(name, seed, index, input) + ": reason is blank or longer than 1000 characters ("
							+ ((reason != null) ? reason.length() : 0) + "): " + abbreviate(String.valueOf(reason)));
				}
			}
		}
		return new Stats(name, inputs, values, unavailable);
	}

	static String describe(String name, long seed, int index, String input) {
		return name + ": input " + index + " of seed " + seed + " (rebuild it with Fuzzer.input(corpus, " + seed + "L, "
				+ index + ")), " + input.length() + " chars starting '" + abbreviate(input) + "'";
	}

	/**
	 * Walk a value's record components, recursively through records, collections,
	 * optionals and maps, and collect every negative {@code long}, {@code int} or
	 * {@code OptionalLong}. Addresses are unsigned: a {@link Mapping} or
	 * {@link AddressRange} is checked as a range instead.
	 */
	static void negativeSizes(Object value, String path, Set<String> signed, List<String> problems) {
		if (value instanceof Mapping mapping && Long.compareUnsigned(mapping.start(), mapping.end()) >= 0) {
			problems.add(path + " ends before it starts");
		}
		if (value instanceof AddressRange range && Long.compareUnsigned(range.start(), range.end()) >= 0) {
			problems.add(path + " ends before it starts");
		}
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				negativeSizes(element, path + "[" + i++ + "]", signed, problems);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> negativeSizes(element, path + "[" + key + "]", signed, problems));
			return;
		}
		if (value instanceof Optional<?> optional) {
			optional.ifPresent((element) -> negativeSizes(element, path, signed, problems));
			return;
		}
		if (value == null || !value.getClass().isRecord()) {
			return;
		}
		for (RecordComponent component : value.getClass().getRecordComponents()) {
			String name = component.getName();
			if (signed.contains(name) || ((value instanceof Mapping || value instanceof AddressRange)
					&& (name.equals("start") || name.equals("end")))) {
				continue;
			}
			Object field;
			try {
				field = component.getAccessor().invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			String at = path + "." + name;
			if ((field instanceof Long number && number < 0) || (field instanceof Integer count && count < 0)) {
				problems.add(at + " = " + field);
			}
			else if (field instanceof OptionalLong optional && optional.isPresent() && optional.getAsLong() < 0) {
				problems.add(at + " = " + optional.getAsLong());
			}
			else if (field != null && !(field instanceof Number) && !(field instanceof OptionalLong)) {
				negativeSizes(field, at, signed, problems);
			}
		}
	}

	static String abbreviate(String input) {
		String shown = (input.length() <= 300) ? input : input.substring(0, 300) + "...";
		StringBuilder escaped = new StringBuilder();
		shown.chars().forEach((c) -> {
			if (c == '\n') {
				escaped.append("\\n");
			}
			else if (c < 0x20 || c > 0x7e) {
				escaped.append(String.format("\\u%04x", c));
			}
			else {
				escaped.append((char) c);
			}
		});
		return escaped.toString();
	}

	/**
	 * Further checks of a parsed value.
	 *
	 * @param <T> the value's type
	 */
	@FunctionalInterface
	interface Check<T> {

		void check(T value, List<String> problems);

		static <T> Check<T> none() {
			return (value, problems) -> {
			};
		}

	}

	/**
	 * What one parser's run gave.
	 *
	 * @param parser the parser
	 * @param inputs inputs tried
	 * @param values inputs that parsed to a value
	 * @param unavailable inputs that gave a reason instead
	 */
	record Stats(String parser, int inputs, int values, int unavailable) {
	}

}
