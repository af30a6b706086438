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

/**
 * Reads small kernel text files ({@code /proc}, {@code /sys}) under an injected root.
 * Kernel files report a size of 0, so they are read to the end rather than by size.
 *
 * @since 0.1.0
 */
public final class ProcFiles {

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
	public static Reading<String> read(Path root, String relative, int maxBytes) {
		return read(root, relative, maxBytes, INITIAL_BYTES);
	}

	/**
	 * Read a kernel text file whole, up to a cap, starting with a buffer of the given
	 * size.
	 * @param root the file system root ({@code /} in production)
	 * @param relative the path below the root, such as {@code proc/self/smaps}
	 * @param maxBytes the most bytes to read; a larger file is unavailable
	 * @param initialBytes the size of the first buffer: the kernel fills one buffer per
	 * read call, so for a large file a small buffer means many calls
	 * @return the text, or why it could not be read
	 */
	public static Reading<String> read(Path root, String relative, int maxBytes, int initialBytes) {
		Path file = root.resolve(relative);
		String name = "/" + relative;
		// A FileInputStream reads straight into the array; a channel stream would copy
		// through a temporary direct buffer as large as each read.
		try (InputStream in = new FileInputStream(file.toFile())) {
			String text = readText(in, maxBytes, initialBytes);
			if (text == null) {
				return Reading.unavailable(name + " is larger than " + maxBytes + " bytes");
			}
			return Reading.of(text);
		}
		catch (NoSuchFileException ex) {
			return Reading.unavailable(Reading.Cause.MISSING, name + " does not exist");
		}
		catch (FileNotFoundException ex) {
			// FileInputStream says "not found" for a missing and an unreadable file
			// alike.
			return Files.exists(file) ? Reading.unavailable(name + " is not readable (" + ex.getMessage() + ")")
					: Reading.unavailable(Reading.Cause.MISSING, name + " does not exist");
		}
		catch (AccessDeniedException ex) {
			return Reading.unavailable(name + " is not readable (permission denied)");
		}
		catch (IOException | RuntimeException ex) {
			return Reading.unavailable(name + " could not be read: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
	}

	/**
	 * Read a stream to its end as kernel text, up to a cap.
	 * @param in the stream
	 * @param maxBytes the most bytes to read
	 * @return the text, or {@code null} when the stream holds more than the cap
	 * @throws IOException when the stream cannot be read
	 */
	static @Nullable String readText(InputStream in, int maxBytes) throws IOException {
		return readText(in, maxBytes, INITIAL_BYTES);
	}

	static @Nullable String readText(InputStream in, int maxBytes, int initialBytes) throws IOException {
		// Sized for the files a scrape reads (status is about 1.5 KB, cgroup files a few
		// bytes to 1 KB) rather than for the cap: readNBytes(cap) allocated an 8 KiB
		// chunk
		// and a copy on every scrape. Kernel files report a size of 0, so it cannot be
		// asked.
		byte[] buffer = new byte[Math.min(initialBytes, maxBytes + 1)];
		int length = 0;
		int n;
		while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
			length += n;
			if (length == buffer.length) {
				if (length > maxBytes) {
					return null;
				}
				buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
			}
		}
		// Kernel text is ASCII apart from file names, which are bytes, not UTF-8.
		return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
	}

}
