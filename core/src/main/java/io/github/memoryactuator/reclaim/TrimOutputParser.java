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

package io.github.memoryactuator.reclaim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.memoryactuator.probe.Reading;

/**
 * Parses the text of {@code System.trim_native_heap}, such as
 * {@code Trim native heap: RSS+Swap: 363M->359M (-4020K)}. Never throws.
 *
 * @since 0.1.0
 */
public final class TrimOutputParser {

	// HotSpot prints sizes with its "proper unit" (B, K, M, G), always whole numbers on
	// 17 and 25; decimals and a trailing "B" ("KB") are accepted in case a build differs.
	// Every quantifier is possessive: with greedy ones, "\s*" on both sides of the
	// optional unit backtracked quadratically, and a line with 64 K spaces took 10 s
	// (found by ParserFuzzTests). Nothing a quantifier gives up could be matched by what
	// follows it, so possessive ones match the same texts.
	private static final String SIZE = "(\\d++(?:\\.\\d++)?+)\\s*+([KMGT]?+)B?+";

	private static final Pattern LINE = Pattern.compile(
			"RSS\\+Swap:\\s*+" + SIZE + "\\s*+->\\s*+" + SIZE + "\\s*+\\(\\s*+([+-]?+)\\s*+" + SIZE + "\\s*+\\)",
			Pattern.CASE_INSENSITIVE);

	private TrimOutputParser() {
	}

	/**
	 * Parse the command's text.
	 * @param text what the command printed
	 * @return the figures, or why there are none (unsupported here, or text not
	 * understood)
	 */
	public static Reading<NativeTrim> parse(String text) {
		if (isUnsupported(text)) {
			return Reading.unavailable("this JVM cannot trim the native heap here: " + abbreviate(text.strip()));
		}
		Matcher matcher = LINE.matcher(text);
		if (!matcher.find()) {
			return Reading.unavailable("the trim output was not understood: " + abbreviate(text.strip()));
		}
		try {
			long before = bytes(matcher.group(1), matcher.group(2));
			long after = bytes(matcher.group(3), matcher.group(4));
			long delta = bytes(matcher.group(6), matcher.group(7));
			// "(-4020K)" means RSS fell, which is a positive release.
			long released = "+".equals(matcher.group(5)) ? -delta : delta;
			if (matcher.group(5).isEmpty()) {
				released = before - after;
			}
			return Reading.of(new NativeTrim(before, after, released));
		}
		catch (ArithmeticException | NumberFormatException ex) {
			return Reading.unavailable("the trim output has a size out of range: " + abbreviate(text.strip()));
		}
	}

	/**
	 * Return whether the text says that trimming is not possible on this platform.
	 * @param text what the command printed
	 * @return whether it is a refusal
	 */
	static boolean isUnsupported(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		return lower.contains("not available") || lower.contains("unsupported") || lower.contains("not supported");
	}

	private static long bytes(String number, String unit) {
		if (number.length() > 40) {
			// Out of range anyway; spares BigDecimal a quadratic parse of a huge number.
			throw new ArithmeticException("too many digits");
		}
		int shift = switch (unit.toUpperCase(Locale.ROOT)) {
			case "K" -> 10;
			case "M" -> 20;
			case "G" -> 30;
			case "T" -> 40;
			default -> 0;
		};
		return new BigDecimal(number).multiply(BigDecimal.valueOf(1L << shift))
			.setScale(0, RoundingMode.DOWN)
			.longValueExact();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

}
