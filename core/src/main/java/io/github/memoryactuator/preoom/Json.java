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

package io.github.memoryactuator.preoom;

import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * A small streaming JSON writer: the core has no JSON library (Jackson 2 or 3 is the
 * application's choice, and may be absent), and a report needs only objects, arrays,
 * strings and numbers. The caller opens and closes what it writes; commas are placed
 * here.
 */
final class Json {

	private final StringBuilder out;

	// Whether the current object or array already has a member, one bit per depth.
	private long hasMember;

	private int depth;

	private final char[] closers = new char[64];

	Json() {
		this(4096);
	}

	// A report's size is known roughly: the builder then grows once or not at all.
	Json(int capacity) {
		this.out = new StringBuilder(capacity);
	}

	Json object() {
		return open('{');
	}

	Json object(String name) {
		return name(name).open('{');
	}

	Json array(String name) {
		return name(name).open('[');
	}

	Json end() {
		this.out.append(this.closers[this.depth--]);
		return this;
	}

	Json field(String name, @Nullable String value) {
		name(name);
		if (value == null) {
			this.out.append("null");
		}
		else {
			string(value);
		}
		return this;
	}

	Json field(String name, long value) {
		name(name).out.append(value);
		return this;
	}

	Json field(String name, OptionalLong value) {
		name(name);
		this.out.append(value.isPresent() ? Long.toString(value.getAsLong()) : "null");
		return this;
	}

	// NaN and infinities are not JSON numbers.
	Json field(String name, double value) {
		name(name);
		this.out.append((Double.isNaN(value) || Double.isInfinite(value)) ? "null"
				: Double.toString(Math.round(value * 1000) / 1000.0));
		return this;
	}

	Json field(String name, boolean value) {
		name(name).out.append(value);
		return this;
	}

	Json value(String value) {
		separate();
		string(value);
		return this;
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	private Json name(String name) {
		separate();
		string(name);
		this.out.append(':');
		return this;
	}

	private Json open(char bracket) {
		if (this.out.length() > 0 && this.out.charAt(this.out.length() - 1) != ':') {
			separate();
		}
		this.out.append(bracket);
		this.depth++;
		this.hasMember &= ~(1L << this.depth);
		this.closers[this.depth] = (bracket == '{') ? '}' : ']';
		return this;
	}

	private void separate() {
		long bit = 1L << this.depth;
		if ((this.hasMember & bit) != 0) {
			this.out.append(',');
		}
		this.hasMember |= bit;
	}

	private void string(String value) {
		this.out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> this.out.append("\\\"");
				case '\\' -> this.out.append("\\\\");
				case '\n' -> this.out.append("\\n");
				case '\r' -> this.out.append("\\r");
				case '\t' -> this.out.append("\\t");
				default -> {
					if (c < 0x20) {
						this.out.append(String.format("\\u%04x", (int) c));
					}
					else {
						this.out.append(c);
					}
				}
			}
		}
		this.out.append('"');
	}

}
