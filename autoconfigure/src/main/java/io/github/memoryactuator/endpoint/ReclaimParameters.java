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

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.tuning.HeapSettings;

/**
 * The reclaim operation's parameters as a {@link ReclaimRequest}: defaults for what is
 * missing, and the interval parsed from text (JMX clients would otherwise be asked for a
 * {@code java.time.Duration}).
 */
final class ReclaimParameters {

	private ReclaimParameters() {
	}

	/**
	 * Build a request from the operation's parameters; {@code null} means the default.
	 * @param gc whether to collect
	 * @param trim whether to trim
	 * @param minHeapFreeRatio a new {@code MinHeapFreeRatio}
	 * @param maxHeapFreeRatio a new {@code MaxHeapFreeRatio}
	 * @param g1PeriodicGcInterval a new {@code G1PeriodicGCInterval}, as text
	 * @return the request
	 * @throws InvalidParameterException when the interval is not a duration
	 */
	static ReclaimRequest request(@Nullable Boolean gc, @Nullable Boolean trim, @Nullable Integer minHeapFreeRatio,
			@Nullable Integer maxHeapFreeRatio, @Nullable String g1PeriodicGcInterval) {
		return new ReclaimRequest(gc == null || gc, trim == null || trim, new HeapSettings(minHeapFreeRatio,
				maxHeapFreeRatio, interval(HeapSettings.G1_PERIODIC_GC_INTERVAL, g1PeriodicGcInterval)));
	}

	private static @Nullable Duration interval(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			return text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text))
					: DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new InvalidParameterException(name,
					"'" + name + "' must be milliseconds or a duration such as 5m, but was '"
							+ MemoryEndpoint.abbreviate(value) + "'");
		}
	}

}
