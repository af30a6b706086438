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
