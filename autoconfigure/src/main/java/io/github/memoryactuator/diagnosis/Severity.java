package io.github.memoryactuator.diagnosis;

/**
 * How urgent a finding is.
 *
 * @since 0.1.0
 */
public enum Severity {

	/**
	 * Explains memory use; nothing is wrong.
	 */
	INFO,

	/**
	 * Memory is held that could be given back or is at risk of growing.
	 */
	WARNING,

	/**
	 * A likely leak, or the process is close to being killed.
	 */
	CRITICAL

}
