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

package io.github.memoryactuator.probe.hotspot;

import org.jspecify.annotations.Nullable;

/**
 * Turns the JVM's binary class names, as the class histogram and Flight Recorder print
 * them ({@code [B}, {@code [Ljava.lang.String;}), into the names people write
 * ({@code byte[]}, {@code java.lang.String[]}).
 *
 * @since 0.1.0
 */
public final class TypeNames {

	private TypeNames() {
	}

	/**
	 * Return the Java name of a class. Names that are not array descriptors, and
	 * descriptors that do not parse, come back unchanged.
	 * @param name the binary name, such as {@code [[I}
	 * @return the Java name, such as {@code int[][]}
	 */
	public static String javaName(String name) {
		int dimensions = 0;
		while (dimensions < name.length() && name.charAt(dimensions) == '[') {
			dimensions++;
		}
		if (dimensions == 0 || dimensions == name.length()) {
			return name;
		}
		String element = element(name.substring(dimensions));
		if (element == null) {
			return name;
		}
		return element + "[]".repeat(dimensions);
	}

	private static @Nullable String element(String descriptor) {
		if (descriptor.length() == 1) {
			return switch (descriptor.charAt(0)) {
				case 'Z' -> "boolean";
				case 'B' -> "byte";
				case 'C' -> "char";
				case 'S' -> "short";
				case 'I' -> "int";
				case 'J' -> "long";
				case 'F' -> "float";
				case 'D' -> "double";
				default -> null;
			};
		}
		if (descriptor.length() > 2 && descriptor.charAt(0) == 'L' && descriptor.endsWith(";")) {
			return descriptor.substring(1, descriptor.length() - 1);
		}
		return null;
	}

}
