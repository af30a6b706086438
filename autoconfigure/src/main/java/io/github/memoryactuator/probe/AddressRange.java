package io.github.memoryactuator.probe;

/**
 * A range of virtual addresses, {@code [start, end)}. Addresses are unsigned 64-bit
 * values held in a {@code long}.
 *
 * @param start the first address (unsigned)
 * @param end the address after the last (unsigned)
 * @since 0.1.0
 */
public record AddressRange(long start, long end) {

	/**
	 * Return the size of the range.
	 * @return the size in bytes
	 */
	public long size() {
		return this.end - this.start;
	}

	@Override
	public String toString() {
		return "[0x" + Long.toHexString(this.start) + ", 0x" + Long.toHexString(this.end) + ")";
	}

}
