package io.github.memoryactuator.probe;

import java.util.OptionalLong;

/**
 * Parses the text of {@code /proc/self/status}. Pure: no I/O.
 *
 * @since 0.1.0
 */
public final class ProcStatusParser {

	private ProcStatusParser() {
	}

	/**
	 * Parse the memory lines of a {@code /proc/<pid>/status} text.
	 * @param text the whole file
	 * @return the values, or why they could not be read
	 */
	public static Reading<ProcStatus> parse(String text) {
		OptionalLong rss = null;
		String rssProblem = "no VmRSS line in /proc/self/status";
		OptionalLong anon = OptionalLong.empty();
		OptionalLong file = OptionalLong.empty();
		OptionalLong shmem = OptionalLong.empty();
		OptionalLong swap = OptionalLong.empty();
		OptionalLong hwm = OptionalLong.empty();
		OptionalLong threads = OptionalLong.empty();
		int start = 0;
		int length = text.length();
		while (start < length) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = length;
			}
			// Within the line: searching the rest of the text made a text of many lines
			// without a colon quadratic.
			int colon = TextScan.indexOf(text, ":", start, end);
			if (colon > start) {
				String key = text.substring(start, colon);
				switch (key) {
					case "VmRSS" -> {
						rss = KernelNumbers.parseKibibytes(text.substring(colon + 1, end));
						if (rss.isEmpty()) {
							rssProblem = "VmRSS in /proc/self/status is not a kB figure: '"
									+ abbreviate(text.substring(colon + 1, end).strip()) + "'";
						}
					}
					case "RssAnon" -> anon = KernelNumbers.parseKibibytes(text.substring(colon + 1, end));
					case "RssFile" -> file = KernelNumbers.parseKibibytes(text.substring(colon + 1, end));
					case "RssShmem" -> shmem = KernelNumbers.parseKibibytes(text.substring(colon + 1, end));
					case "VmSwap" -> swap = KernelNumbers.parseKibibytes(text.substring(colon + 1, end));
					case "VmHWM" -> hwm = KernelNumbers.parseKibibytes(text.substring(colon + 1, end));
					case "Threads" -> threads = KernelNumbers.parseUnsigned(text.substring(colon + 1, end).strip());
					default -> {
					}
				}
			}
			start = end + 1;
		}
		if (rss == null || rss.isEmpty()) {
			return Reading.unavailable(rssProblem);
		}
		return Reading.of(new ProcStatus(rss.getAsLong(), anon, file, shmem, swap, hwm, threads));
	}

	static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}
