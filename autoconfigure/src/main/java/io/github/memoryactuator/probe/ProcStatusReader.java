package io.github.memoryactuator.probe;

import java.nio.file.Path;

/**
 * Reads {@code proc/self/status} under a root. This is the only file a metrics scrape
 * reads.
 *
 * @since 0.1.0
 */
public class ProcStatusReader {

	static final String FILE = "proc/self/status";

	// The file is about 1.5 KB; anything near this cap is not a status file.
	private static final int MAX_BYTES = 64 * 1024;

	private final Path root;

	/**
	 * Create a reader rooted at the given path.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 */
	public ProcStatusReader(Path root) {
		this.root = root;
	}

	/**
	 * Read and parse the file.
	 * @return the memory lines, or why they could not be read
	 */
	public Reading<ProcStatus> read() {
		Reading<String> text = ProcFiles.read(this.root, FILE, MAX_BYTES);
		if (text instanceof Reading.Available<String> available) {
			return ProcStatusParser.parse(available.value());
		}
		return Reading.unavailable(text.reason() + " (not Linux, or /proc is not mounted)");
	}

}
