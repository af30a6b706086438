package io.github.memoryactuator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads small kernel text files ({@code /proc}, {@code /sys}) under an injected root.
 * Kernel files report a size of 0, so they are read to the end rather than by size.
 *
 * @since 0.1.0
 */
public final class ProcFiles {

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
		Path file = root.resolve(relative);
		String name = "/" + relative;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] bytes = in.readNBytes(maxBytes + 1);
			if (bytes.length > maxBytes) {
				return Reading.unavailable(name + " is larger than " + maxBytes + " bytes");
			}
			// Kernel text is ASCII apart from file names, which are bytes, not UTF-8.
			return Reading.of(new String(bytes, StandardCharsets.ISO_8859_1));
		}
		catch (NoSuchFileException ex) {
			return Reading.unavailable(name + " does not exist");
		}
		catch (AccessDeniedException ex) {
			return Reading.unavailable(name + " is not readable (permission denied)");
		}
		catch (IOException | RuntimeException ex) {
			return Reading.unavailable(name + " could not be read: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
	}

}
