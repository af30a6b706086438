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

package io.github.memoryactuator.profiling;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protocol buffers wire format, as far as a pprof profile needs it: varints,
 * length-delimited fields and packed repeated varints (the encoding documented at
 * protobuf.dev). It is written here rather than taken from {@code protobuf-java} so that
 * the starter adds no 1.9 MB library, whose version the application's other libraries may
 * pin, to every application's class path; the tests check it byte for byte against
 * {@code protobuf-java}'s {@code CodedOutputStream}, and the whole profile against
 * {@code go tool pprof}.
 */
final class ProtoWriter {

	private static final int VARINT = 0;

	private static final int LENGTH_DELIMITED = 2;

	private byte[] buffer = new byte[64];

	private int size;

	// A varint field, left out when 0 as proto3 leaves out defaults.
	ProtoWriter int64(int field, long value) {
		if (value != 0) {
			tag(field, VARINT);
			varint(value);
		}
		return this;
	}

	ProtoWriter bool(int field, boolean value) {
		return int64(field, value ? 1 : 0);
	}

	// A string field, also when empty: the string table's first entry must be there.
	ProtoWriter string(int field, String value) {
		return bytes(field, value.getBytes(StandardCharsets.UTF_8));
	}

	ProtoWriter bytes(int field, byte[] value) {
		tag(field, LENGTH_DELIMITED);
		varint(value.length);
		append(value, value.length);
		return this;
	}

	ProtoWriter message(int field, ProtoWriter message) {
		tag(field, LENGTH_DELIMITED);
		varint(message.size);
		append(message.buffer, message.size);
		return this;
	}

	// A packed repeated varint field, left out when empty.
	ProtoWriter packed(int field, long... values) {
		if (values.length == 0) {
			return this;
		}
		int length = 0;
		for (long value : values) {
			length += varintSize(value);
		}
		tag(field, LENGTH_DELIMITED);
		varint(length);
		for (long value : values) {
			varint(value);
		}
		return this;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.buffer, this.size);
	}

	int size() {
		return this.size;
	}

	private void tag(int field, int wireType) {
		varint(((long) field << 3) | wireType);
	}

	// Negative int64 values take ten bytes, as the format says: they are written as
	// their two's-complement unsigned value.
	void varint(long value) {
		ensure(10);
		long rest = value;
		while ((rest & ~0x7FL) != 0) {
			this.buffer[this.size++] = (byte) ((rest & 0x7F) | 0x80);
			rest >>>= 7;
		}
		this.buffer[this.size++] = (byte) rest;
	}

	private static int varintSize(long value) {
		int size = 1;
		long rest = value;
		while ((rest & ~0x7FL) != 0) {
			size++;
			rest >>>= 7;
		}
		return size;
	}

	private void append(byte[] bytes, int length) {
		ensure(length);
		System.arraycopy(bytes, 0, this.buffer, this.size, length);
		this.size += length;
	}

	private void ensure(int more) {
		if (this.size + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + more));
		}
	}

}
