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

package io.github.memoryactuator.endpoint;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * The range of {@code GET /actuator/memory/history?from=...&to=...}: each end an instant
 * or a duration back from now, checked, with a message that names the parameter.
 *
 * @param from the start
 * @param to the end, not before the start
 */
record HistoryRange(Instant from, Instant to) {

	/**
	 * Parse a range.
	 * @param from an instant such as {@code 2026-01-01T10:00:00Z}, a duration back from
	 * now such as {@code 15m}, or {@code null} for the start of the retention
	 * @param to the same, or {@code null} for now
	 * @param now the present
	 * @param retention how far back the history reaches
	 * @return the range
	 * @throws InvalidParameterException for an end that is neither, or a start after the
	 * end
	 */
	static HistoryRange parse(@Nullable String from, @Nullable String to, Instant now, Duration retention) {
		Instant start = instant("from", from, now, now.minus(retention));
		Instant end = instant("to", to, now, now);
		if (start.isAfter(end)) {
			throw new InvalidParameterException("from", "'from' (" + start + ") must not be after 'to' (" + end + ")");
		}
		return new HistoryRange(start, end);
	}

	// An instant, or a duration back from now ("15m", "PT15M", "90s").
	private static Instant instant(String name, @Nullable String value, Instant now, Instant fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		String text = value.strip();
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Not an instant: try a duration.
		}
		Duration ago;
		try {
			ago = DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			throw new InvalidParameterException(name,
					"'" + name + "' must be an instant such as 2026-01-01T10:00:00Z or a duration back from now "
							+ "such as 15m, but was '" + MemoryEndpoint.abbreviate(text) + "'");
		}
		if (ago.isNegative()) {
			throw new InvalidParameterException(name, "'" + name + "' must not be a negative duration, but was '"
					+ MemoryEndpoint.abbreviate(text) + "'");
		}
		try {
			return now.minus(ago);
		}
		catch (ArithmeticException | DateTimeException ex) {
			throw new InvalidParameterException(name,
					"'" + name + "' reaches back before the start of time: '" + MemoryEndpoint.abbreviate(text) + "'");
		}
	}

}
