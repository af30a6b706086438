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

package io.github.memoryactuator.softlimit;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.tuning.VmFlags;

/**
 * A soft-limit target as the user wrote it: a size such as {@code 1500MB} (binary units,
 * as Spring's {@code DataSize}: 1 MB = 1024 KB) or a share of the effective memory limit
 * such as {@code 85%}. Parsing says nothing of this JVM; {@link #bytes} resolves a share
 * against the limit and {@link #check} weighs the result against the limit and the floor.
 *
 * @since 0.1.0
 */
public final class SoftLimitTarget {

	private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);

	private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3})?)\\s*%");

	private final String text;

	private final long bytes;

	private final double percent;

	private SoftLimitTarget(String text, long bytes, double percent) {
		this.text = text;
		this.bytes = bytes;
		this.percent = percent;
	}

	/**
	 * Parse a target.
	 * @param name the setting's name, for the message, such as
	 * {@code memory-actuator.soft-limit.target}
	 * @param text the target, such as {@code 1500MB} or {@code 85%}
	 * @return the target
	 * @throws SoftLimitException naming the setting, for text that is not a size or a
	 * percentage, or a value at or below 0 or above 100 %
	 */
	public static SoftLimitTarget parse(String name, String text) {
		String value = text.strip();
		Matcher percent = PERCENT.matcher(value);
		if (percent.matches()) {
			double share = Double.parseDouble(percent.group(1));
			if (!(share > 0) || share > 100) {
				throw new SoftLimitException("'" + name + "' must be a share above 0% and at most 100% of the "
						+ "memory limit, but was '" + abbreviate(value) + "'");
			}
			return new SoftLimitTarget(value, 0, share);
		}
		Matcher size = SIZE.matcher(value);
		if (!size.matches()) {
			throw new SoftLimitException("'" + name + "' must be a size such as 1500MB or a share of the memory "
					+ "limit such as 85%, but was '" + abbreviate(value) + "'");
		}
		long number;
		try {
			number = Long.parseLong(size.group(1));
		}
		catch (NumberFormatException ex) {
			throw new SoftLimitException("'" + name + "' is too large: '" + abbreviate(value) + "'");
		}
		String unit = (size.group(2) != null) ? size.group(2).toUpperCase(Locale.ROOT) : "B";
		int shift = switch (unit) {
			case "KB" -> 10;
			case "MB" -> 20;
			case "GB" -> 30;
			case "TB" -> 40;
			default -> 0;
		};
		if (number <= 0) {
			throw new SoftLimitException("'" + name + "' must be above 0, but was '" + abbreviate(value) + "'");
		}
		if (number > (Long.MAX_VALUE >> shift)) {
			throw new SoftLimitException("'" + name + "' is too large: '" + abbreviate(value) + "'");
		}
		return new SoftLimitTarget(value, number << shift, 0);
	}

	/**
	 * Return whether this target is a share of the memory limit.
	 * @return whether it was written with {@code %}
	 */
	public boolean isShare() {
		return this.percent > 0;
	}

	/**
	 * Return the target in bytes.
	 * @param name the setting's name, for the message
	 * @param limit the effective memory limit, empty when there is none
	 * @return the bytes
	 * @throws SoftLimitException for a share when there is no limit
	 */
	public long bytes(String name, OptionalLong limit) {
		if (!isShare()) {
			return this.bytes;
		}
		if (limit.isEmpty()) {
			throw new SoftLimitException("'" + name + "' is a share of the memory limit (" + this.text
					+ "), but this process has none: set a size such as 1500MB");
		}
		return (long) (limit.getAsLong() * this.percent / 100);
	}

	/**
	 * Check a target in bytes against the effective limit and the floor the soft limit
	 * can reach.
	 * @param name the setting's name, for the message
	 * @param target the target in bytes
	 * @param limit the effective memory limit, empty when there is none
	 * @param floor the least the process can be brought down to
	 * @throws SoftLimitException naming the setting, when the target is at or above the
	 * limit (the kernel's limit comes first) or below the floor
	 */
	public static void check(String name, long target, OptionalLong limit, Floor floor) {
		if (limit.isPresent() && target >= limit.getAsLong()) {
			throw new SoftLimitException("'" + name + "' (" + ByteSizes.format(target)
					+ ") must be below the effective memory limit (" + ByteSizes.format(limit.getAsLong())
					+ "): at the limit the kernel kills before a soft limit can act");
		}
		if (target < floor.bytes()) {
			throw new SoftLimitException("'" + name + "' (" + ByteSizes.format(target)
					+ ") is below the floor this JVM can be brought down to: " + floor);
		}
	}

	/**
	 * Return the target as the user wrote it.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.text;
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

	/**
	 * The least memory the process can be brought down to: the initial heap (a heap never
	 * shrinks below it when {@code -Xms} was given) plus the non-heap memory measured
	 * now.
	 *
	 * @param initialHeap the heap's floor in bytes
	 * @param nonHeap the measured non-heap memory in bytes
	 */
	public record Floor(long initialHeap, long nonHeap) {

		// The initial heap (the heap never shrinks below it) plus the non-heap memory
		// measured now.
		static Floor measure(GaugeSnapshot snapshot, long charged, VmFlags vmFlags) {
			long committed = snapshot.jvm().heapCommitted();
			long nonHeap = Math.max(Math.max(0, charged - committed), snapshot.jvm().nonHeapCommitted());
			Long minHeap = vmFlags.readNumber("MinHeapSize");
			Long initial = (minHeap != null) ? minHeap : vmFlags.readNumber("InitialHeapSize");
			return new Floor((initial != null) ? initial : 0, nonHeap);
		}

		/**
		 * Return the floor in bytes.
		 * @return the sum
		 */
		public long bytes() {
			return this.initialHeap + this.nonHeap;
		}

		@Override
		public String toString() {
			return "initial heap " + ByteSizes.format(this.initialHeap) + " + non-heap "
					+ ByteSizes.format(this.nonHeap) + " = " + ByteSizes.format(bytes());
		}

	}

}
