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

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * Reads small kernel text files ({@code /proc}, {@code /sys}) under an injected root.
 * Kernel files report a size of 0, so they are read to the end rather than by size.
 *
 * @since 0.1.0
 */
final class ProcFiles {

	private static final int INITIAL_BYTES = 4096;

	private ProcFiles() {
	}

	/**
	 * Read a kernel text file whole, up to a cap.
	 * @param root the file system root ({@code /} in production)
	 * @param relative the path below the root, such as {@code proc/self/status}
	 * @param maxBytes the most bytes to read; a larger file is unavailable
	 * @return the text, or why it could not be read
	 */
	static Reading<String> read(Path root, String relative, int maxBytes) {
		return read(root, relative, maxBytes, INITIAL_BYTES);
	}

	/**
	 * Read a kernel text file whole, up to a cap, starting with a buffer of the given
	 * size.
	 * @param root the file system root ({@code /} in production)
	 * @param relative the path below the root, such as {@code proc/self/smaps}
	 * @param maxBytes the most bytes to read; a larger file is unavailable
	 * @param initialBytes the size of the first buffer
	 * @return the text, or why it could not be read
	 */
	static Reading<String> read(Path root, String relative, int maxBytes, int initialBytes) {
		// Kernel text is ASCII apart from file names, which are bytes, not UTF-8.
		return read(root, relative, maxBytes, new Buffer(Math.min(initialBytes, maxBytes + 1)),
				(data, length) -> Reading.of(new String(data, 0, length, StandardCharsets.ISO_8859_1)));
	}

	/**
	 * Read a kernel file whole, up to a cap, into a buffer that can be reused, and parse
	 * its bytes.
	 * @param <T> the parsed type
	 * @param root the file system root ({@code /} in production)
	 * @param relative the path below the root, such as {@code proc/self/smaps}
	 * @param maxBytes the most bytes to read; a larger file is unavailable
	 * @param buffer where to read; it grows when the file does not fit, and keeps what it
	 * grew to
	 * @param parser what turns the bytes into a value
	 * @return the value, or why the file could not be read
	 */
	static <T> Reading<T> read(Path root, String relative, int maxBytes, Buffer buffer, KernelFile.Parser<T> parser) {
		Path file = root.resolve(relative);
		String name = "/" + relative;
		// A FileInputStream reads straight into the array; a channel stream would copy
		// through a temporary direct buffer as large as each read.
		try (InputStream in = new FileInputStream(file.toFile())) {
			int length = buffer.fill(in, maxBytes);
			if (length < 0) {
				return Reading.unavailable(name + " is larger than " + maxBytes + " bytes");
			}
			return parser.parse(buffer.bytes, length);
		}
		catch (NoSuchFileException ex) {
			return Reading.unavailable(Reading.Cause.MISSING, name + " does not exist");
		}
		catch (FileNotFoundException ex) {
			// FileInputStream says "not found" for a missing and an unreadable file
			// alike.
			// A symbolic link that loops "does not exist" for Files.exists.
			return (Files.exists(file) || Files.isSymbolicLink(file)) ? Reading.unavailable(IoFailures.reason(name, ex))
					: Reading.unavailable(Reading.Cause.MISSING, name + " does not exist");
		}
		catch (AccessDeniedException ex) {
			return Reading.unavailable(name + " is not readable (permission denied)");
		}
		catch (IOException | RuntimeException ex) {
			return Reading.unavailable(IoFailures.reason(name, ex));
		}
	}

	static @Nullable String readText(InputStream in, int maxBytes) throws IOException {
		return readText(in, maxBytes, INITIAL_BYTES);
	}

	static @Nullable String readText(InputStream in, int maxBytes, int initialBytes) throws IOException {
		// Sized for the files a scrape reads (status is about 1.5 KB, cgroup files a few
		// bytes to 1 KB) rather than for the cap: readNBytes(cap) allocated an 8 KiB
		// chunk and a copy on every scrape. Kernel files report a size of 0, so it
		// cannot be asked.
		Buffer buffer = new Buffer(Math.min(initialBytes, maxBytes + 1));
		int length = buffer.fill(in, maxBytes);
		return (length < 0) ? null : new String(buffer.bytes, 0, length, StandardCharsets.ISO_8859_1);
	}

	/**
	 * A read buffer that grows to fit the file.
	 */
	static final class Buffer {

		private byte[] bytes;

		Buffer(int initialBytes) {
			this.bytes = new byte[Math.max(1, initialBytes)];
		}

		int capacity() {
			return this.bytes.length;
		}

		/**
		 * Read the stream to its end from the start of the buffer.
		 * @param in the stream
		 * @param maxBytes the most bytes to read
		 * @return how many bytes were read, or -1 when there are more than
		 * {@code maxBytes}
		 * @throws IOException when reading fails
		 */
		int fill(InputStream in, int maxBytes) throws IOException {
			byte[] data = this.bytes;
			int length = 0;
			int n;
			while ((n = in.read(data, length, data.length - length)) > 0) {
				length += n;
				if (length == data.length) {
					if (length > maxBytes) {
						return -1;
					}
					data = Arrays.copyOf(data, (int) Math.min(data.length * 2L, maxBytes + 1L));
					this.bytes = data;
				}
			}
			return length;
		}

	}

}
