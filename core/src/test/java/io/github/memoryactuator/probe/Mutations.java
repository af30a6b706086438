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

package io.github.memoryactuator.probe;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;

import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A quick robustness loop for the parsers: random truncations and mutations of real
 * captures, with a fixed seed so that a failure can be replayed.
 */
public final class Mutations {

	private static final String ALPHABET = "0123456789abcdefxABCKMGB :-,()[]#=%\n\t.kB/";

	private static final String[] INSERTS = { "99999999999999999999", "-1", "\n", "(", ")", "0x", ":", "kB",
			"reserved=", "committed=", "(malloc=", "[0x", " total ", "Total: ", "\nResident Set Size: ",
			"18446744073709551615", "ffffffffffffffff-0 ", "(mmap: reserved=" };

	// getRecordComponents() reflects afresh on every call, which dominated the loop.
	private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {

		@Override
		protected RecordComponent[] computeValue(Class<?> type) {
			return type.getRecordComponents();
		}

	};

	private Mutations() {
	}

	public static String fixture(String relative) {
		try {
			return Files.readString(Fixtures.root(relative), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run the parser on {@code rounds} mutations of the text: it must not throw, and
	 * every size it returns must be zero or more.
	 */
	public static <T> void check(String text, int rounds, long seed, Function<String, Reading<T>> parser) {
		Random random = new Random(seed);
		for (int i = 0; i < rounds; i++) {
			String mutated = mutate(text, random);
			Reading<T> reading = parser.apply(mutated);
			assertThat(reading).isNotNull();
			if (reading.isAvailable()) {
				assertNoNegativeSizes(reading.orNull(), mutated);
			}
			else {
				assertThat(reading.reason()).isNotBlank();
			}
		}
	}

	public static String mutate(String text, Random random) {
		if (text.isEmpty()) {
			return INSERTS[random.nextInt(INSERTS.length)];
		}
		int at = random.nextInt(text.length());
		switch (random.nextInt(6)) {
			case 0 -> {
				return text.substring(0, at);
			}
			case 1 -> {
				int to = Math.min(text.length(), at + 1 + random.nextInt(200));
				return text.substring(0, at) + text.substring(to);
			}
			case 2 -> {
				StringBuilder builder = new StringBuilder(text);
				for (int n = 0; n < 1 + random.nextInt(20); n++) {
					builder.setCharAt(random.nextInt(builder.length()),
							ALPHABET.charAt(random.nextInt(ALPHABET.length())));
				}
				return builder.toString();
			}
			case 3 -> {
				return text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at);
			}
			case 4 -> {
				int to = Math.min(text.length(), at + random.nextInt(300));
				return text.substring(0, to) + text.substring(at);
			}
			default -> {
				return text.substring(at);
			}
		}
	}

	/**
	 * Check every {@code long} and {@code OptionalLong} of a record (recursively through
	 * lists and nested records) for a negative value. Addresses are unsigned and are
	 * checked as ranges instead.
	 */
	public static void assertNoNegativeSizes(Object value, String input) {
		if (value instanceof Mapping mapping && Long.compareUnsigned(mapping.start(), mapping.end()) >= 0) {
			fail("mapping ends before it starts: " + mapping + " from " + abbreviate(input));
		}
		if (value instanceof AddressRange range && Long.compareUnsigned(range.start(), range.end()) >= 0) {
			fail("range ends before it starts: " + range + " from " + abbreviate(input));
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach((element) -> assertNoNegativeSizes(element, input));
			return;
		}
		if (value instanceof Optional<?> optional) {
			optional.ifPresent((element) -> assertNoNegativeSizes(element, input));
			return;
		}
		if (!value.getClass().isRecord()) {
			return;
		}
		for (RecordComponent component : COMPONENTS.get(value.getClass())) {
			if (component.getName().equals("start") || component.getName().equals("end")) {
				continue;
			}
			Object field;
			try {
				field = component.getAccessor().invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			boolean negative = (field instanceof Long number && number < 0)
					|| (field instanceof OptionalLong optional && optional.isPresent() && optional.getAsLong() < 0)
					|| (field instanceof Integer count && count < 0);
			if (negative) {
				fail(component.getName() + " is negative in " + value + " from " + abbreviate(input));
			}
			else if (field != null && !(field instanceof Number) && !(field instanceof OptionalLong)) {
				assertNoNegativeSizes(field, input);
			}
		}
	}

	private static String abbreviate(String input) {
		return (input.length() <= 2000) ? input : input.substring(0, 2000) + "...";
	}

}
