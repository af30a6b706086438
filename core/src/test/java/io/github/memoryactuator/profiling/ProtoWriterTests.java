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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProtoWriter}: byte for byte what protobuf-java's
 * {@link CodedOutputStream} writes.
 */
class ProtoWriterTests {

	private static final long[] EDGES = { 1, 127, 128, 255, 300, 16_383, 16_384, Integer.MAX_VALUE,
			1L + Integer.MAX_VALUE, Long.MAX_VALUE, -1, -300, Long.MIN_VALUE };

	@Test
	void varintFieldsMatchProtobufJava() throws IOException {
		Random random = new Random(42);
		for (int i = 0; i < 2000; i++) {
			long value = (i < EDGES.length) ? EDGES[i] : random.nextLong() >> random.nextInt(64);
			if (value == 0) {
				continue;
			}
			int field = 1 + random.nextInt(20);
			assertThat(new ProtoWriter().int64(field, value).toByteArray()).as("int64 %d", value)
				.isEqualTo(reference((out) -> out.writeInt64(field, value)));
		}
	}

	@Test
	void zeroFieldsAreLeftOutAsProto3DoesAndBooleansAreVarints() throws IOException {
		assertThat(new ProtoWriter().int64(3, 0).bool(4, false).toByteArray()).isEmpty();
		assertThat(new ProtoWriter().bool(7, true).toByteArray()).isEqualTo(reference((out) -> out.writeBool(7, true)));
	}

	@Test
	void stringsMatchProtobufJavaAlsoEmptyAndOutsideAscii() throws IOException {
		for (String value : new String[] { "", "inuse_space", "com.acme.Cache$Entry.put", "\u00e9\u4e2d\ud83d\ude00",
				"x".repeat(300) }) {
			assertThat(new ProtoWriter().string(6, value).toByteArray()).as(value)
				.isEqualTo(reference((out) -> out.writeString(6, value)));
		}
	}

	@Test
	void nestedMessagesMatchProtobufJava() throws IOException {
		ProtoWriter inner = new ProtoWriter().int64(1, 150).string(2, "a");
		byte[] innerBytes = inner.toByteArray();
		assertThat(new ProtoWriter().message(4, inner).toByteArray())
			.isEqualTo(reference((out) -> out.writeByteArray(4, innerBytes)));
	}

	@Test
	void packedVarintsMatchProtobufJava() throws IOException {
		long[] values = { 1, 300, 0, Long.MAX_VALUE, -2, 16_384 };
		byte[] expected = reference((out) -> {
			int size = 0;
			for (long value : values) {
				size += CodedOutputStream.computeInt64SizeNoTag(value);
			}
			out.writeTag(2, 2);
			out.writeUInt32NoTag(size);
			for (long value : values) {
				out.writeInt64NoTag(value);
			}
		});
		assertThat(new ProtoWriter().packed(2, values).toByteArray()).isEqualTo(expected);
		assertThat(new ProtoWriter().packed(2).toByteArray()).isEmpty();
	}

	@Test
	void growsPastItsFirstBuffer() {
		ProtoWriter writer = new ProtoWriter();
		for (int i = 0; i < 10_000; i++) {
			writer.int64(1, i + 1);
		}
		assertThat(writer.size()).isGreaterThan(20_000);
	}

	private static byte[] reference(Write write) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CodedOutputStream out = CodedOutputStream.newInstance(bytes);
		write.to(out);
		out.flush();
		return bytes.toByteArray();
	}

	@FunctionalInterface
	private interface Write {

		void to(CodedOutputStream out) throws IOException;

	}

}
