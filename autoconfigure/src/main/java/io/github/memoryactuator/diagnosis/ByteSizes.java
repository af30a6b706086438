package io.github.memoryactuator.diagnosis;

import java.util.Locale;

/**
 * Formats byte counts for sentences: {@code 1.4 GB}, {@code 190 MB}, {@code 12 KB}, with
 * binary multiples (as {@code top} and the JVM print them).
 *
 * @since 0.1.0
 */
public final class ByteSizes {

	private ByteSizes() {
	}

	/**
	 * Format a byte count.
	 * @param bytes the count; negative counts keep their sign
	 * @return the text
	 */
	public static String format(long bytes) {
		long abs = Math.abs(bytes);
		String sign = (bytes < 0) ? "-" : "";
		if (abs < 1024) {
			return sign + abs + " B";
		}
		if (abs < 1024 * 1024) {
			return sign + (abs + 512) / 1024 + " KB";
		}
		if (abs < 1024L * 1024 * 1024) {
			return sign + (abs + 512 * 1024) / (1024 * 1024) + " MB";
		}
		return sign + String.format(Locale.ROOT, "%.1f GB", abs / (1024.0 * 1024 * 1024));
	}

}
