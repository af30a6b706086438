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

import java.util.OptionalLong;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;

/**
 * Decodes cgroup memory limits, including the kernel's encodings of "no limit". This is
 * the one place that knows them.
 *
 * @since 0.1.0
 */
public final class CgroupLimits {

	/**
	 * cgroup v2 writes "max" for no limit.
	 */
	public static final String V2_UNLIMITED = "max";

	/**
	 * cgroup v1 reports no limit as {@code LONG_MAX} rounded down to the page size:
	 * {@code 0x7FFFFFFFFFFFF000} with 4 KiB pages.
	 */
	public static final long V1_UNLIMITED_4K_PAGES = 9223372036854771712L;

	// Other page sizes (64 KiB on some arm64 kernels) round LONG_MAX down further; no
	// real
	// limit comes within a mebibyte of LONG_MAX.
	private static final long V1_UNLIMITED_THRESHOLD = Long.MAX_VALUE - (1L << 20);

	private CgroupLimits() {
	}

	/**
	 * Decode the text of {@code memory.max} (v2) or {@code memory.limit_in_bytes} (v1).
	 * @param text the file's text
	 * @return the limit in bytes, {@link Limit#unlimited()}, or why the text is not a
	 * limit
	 */
	public static Reading<Limit> parse(String text) {
		String value = text.strip();
		if (V2_UNLIMITED.equals(value)) {
			return Reading.of(Limit.unlimited());
		}
		OptionalLong bytes = KernelNumbers.parseUnsigned(value);
		if (bytes.isEmpty()) {
			return Reading.unavailable("not a cgroup memory limit: '" + TextScan.abbreviate(value) + "'");
		}
		return Reading.of(decode(bytes.getAsLong()));
	}

	/**
	 * Decode a numeric limit, mapping the v1 "no limit" encodings to
	 * {@link Limit#unlimited()}.
	 * @param bytes the number the kernel wrote
	 * @return the limit
	 */
	public static Limit decode(long bytes) {
		return (bytes >= V1_UNLIMITED_THRESHOLD) ? Limit.unlimited() : Limit.of(bytes);
	}

	/**
	 * A cgroup memory limit: a number of bytes, or none.
	 *
	 * @param bytes the limit in bytes, empty when there is no limit
	 */
	public record Limit(OptionalLong bytes) {

		static Limit of(long bytes) {
			return new Limit(OptionalLong.of(bytes));
		}

		/**
		 * Return the "no limit" value.
		 * @return no limit
		 */
		public static Limit unlimited() {
			return new Limit(OptionalLong.empty());
		}

		/**
		 * Return whether there is no limit.
		 * @return whether unlimited
		 */
		public boolean isUnlimited() {
			return this.bytes.isEmpty();
		}

		/**
		 * Return the tighter of this limit and another.
		 * @param other the other limit
		 * @return the smaller limit
		 */
		public Limit min(Limit other) {
			if (isUnlimited()) {
				return other;
			}
			if (other.isUnlimited()) {
				return this;
			}
			return of(Math.min(this.bytes.getAsLong(), other.bytes.getAsLong()));
		}

	}

}
