package io.github.memoryactuator.probe;

/**
 * Reads the Native Memory Tracking summary ({@code VM.native_memory summary scale=b}, so
 * that figures come in bytes, not rounded to KB): 0.1–0.3 ms in-process, 2–3 ms with
 * 1,000 threads. Without {@code -XX:NativeMemoryTracking} the reading is unavailable and
 * says how to turn it on.
 *
 * @since 0.1.0
 */
public class NmtReader {

	private final DiagnosticCommands commands;

	/**
	 * Create a reader over the given diagnostic commands.
	 * @param commands the in-process diagnostic commands
	 */
	public NmtReader(DiagnosticCommands commands) {
		this.commands = commands;
	}

	/**
	 * Run the command and parse what it printed.
	 * @return the result, or why it could not be read
	 */
	public Reading<NmtSummary> read() {
		// scale=b is accepted by 17 and 25 and avoids KB rounding of small categories.
		return this.commands.invoke(DiagnosticCommands.NATIVE_MEMORY, "summary", "scale=b")
			.flatMap(NmtSummaryParser::parse);
	}

}
