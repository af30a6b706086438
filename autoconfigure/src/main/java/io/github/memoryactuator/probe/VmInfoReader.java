package io.github.memoryactuator.probe;

/**
 * Reads the memory facts of {@code VM.info}: RSS split, glibc's outstanding and retained
 * C heap, periodic native trim. HotSpot builds the whole 40–400 KB report to answer
 * (measured in-process: 1–4 ms for a small JVM, 7–10 ms with 1,000 threads), so this is
 * read on demand only.
 *
 * @since 0.1.0
 */
public class VmInfoReader {

	private final DiagnosticCommands commands;

	/**
	 * Create a reader over the given diagnostic commands.
	 * @param commands the in-process diagnostic commands
	 */
	public VmInfoReader(DiagnosticCommands commands) {
		this.commands = commands;
	}

	/**
	 * Run the command and parse what it printed.
	 * @return the result, or why it could not be read
	 */
	public Reading<VmInfo> read() {
		return this.commands.invoke(DiagnosticCommands.VM_INFO).flatMap(VmInfoParser::parse);
	}

}
