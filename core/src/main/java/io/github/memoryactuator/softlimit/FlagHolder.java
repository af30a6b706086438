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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.tuning.VmFlags;

/**
 * The VM flags the soft limit writes, with the value each had before its first write. A
 * flag changed under it by someone else ({@code jcmd VM.set_flag}, another tool) is let
 * go: never written again and never "restored" over the other writer's value. Every flag
 * still held is set back on {@link #restoreAll()}, in an order that keeps
 * {@code MinHeapFreeRatio <= MaxHeapFreeRatio} at every step (the JVM checks it on each
 * write), and read back.
 */
final class FlagHolder {

	static final String MIN_RATIO = "MinHeapFreeRatio";

	static final String MAX_RATIO = "MaxHeapFreeRatio";

	private static final Logger logger = LoggerFactory.getLogger(FlagHolder.class);

	private final VmFlags flags;

	private final Map<String, String> originals = new LinkedHashMap<>();

	private final Map<String, String> written = new LinkedHashMap<>();

	private final Set<String> released = new LinkedHashSet<>();

	FlagHolder(VmFlags flags) {
		this.flags = flags;
	}

	/**
	 * Return whether the flag may be written: it can be read and nobody else changed it
	 * since the last write. Records its original value at the first claim.
	 * @param flag the flag
	 * @return whether the controller may write it
	 */
	synchronized boolean claim(String flag) {
		if (this.released.contains(flag)) {
			return false;
		}
		String current = this.flags.read(flag).orNull();
		if (current == null) {
			return false;
		}
		String mine = this.written.get(flag);
		if (mine != null && !mine.equals(current)) {
			this.released.add(flag);
			this.written.remove(flag);
			this.originals.remove(flag);
			logger.warn("Soft limit: {} was changed to {} by someone else; no longer holding it", flag, current);
			return false;
		}
		this.originals.putIfAbsent(flag, current);
		return true;
	}

	/**
	 * Write a claimed flag.
	 * @param flag the flag
	 * @param value the value
	 * @throws IllegalArgumentException when the JVM refuses
	 */
	synchronized void write(String flag, String value) {
		this.flags.write(flag, value);
		this.written.put(flag, value);
	}

	/**
	 * Set a flag back to its original and stop tracking it: for a flag that was only
	 * pulsed around one collection.
	 * @param flag the flag
	 * @return whether it reads back as its original
	 */
	synchronized boolean release(String flag) {
		String original = this.originals.get(flag);
		if (original == null) {
			return true;
		}
		boolean back = restore(flag, original);
		this.originals.remove(flag);
		this.written.remove(flag);
		return back;
	}

	/**
	 * Set both heap free ratios back, in an order the JVM accepts.
	 * @return whether both read back as their originals
	 */
	synchronized boolean releaseRatios() {
		boolean back = true;
		for (String flag : ratioOrder()) {
			back &= release(flag);
		}
		return back;
	}

	/**
	 * Return the flags held now, with their original values.
	 * @return flag name to original value, in the order first written
	 */
	synchronized Map<String, String> held() {
		Map<String, String> held = new LinkedHashMap<>();
		for (String flag : this.written.keySet()) {
			held.put(flag, this.originals.get(flag));
		}
		return held;
	}

	/**
	 * Return the flags let go because someone else changed them.
	 * @return the names
	 */
	synchronized Set<String> released() {
		return Set.copyOf(this.released);
	}

	/**
	 * Set every held flag back to its original, read each back, and forget them all.
	 * @return one line per flag, such as {@code SoftMaxHeapSize=1073741824 (restored)}
	 */
	synchronized List<String> restoreAll() {
		List<String> lines = new ArrayList<>();
		List<String> order = new ArrayList<>(this.written.keySet());
		if (order.remove(MIN_RATIO) | order.remove(MAX_RATIO)) {
			order.addAll(ratioOrder());
		}
		for (String flag : order) {
			String original = this.originals.get(flag);
			if (original == null || !this.written.containsKey(flag)) {
				continue;
			}
			String current = this.flags.read(flag).orNull();
			String mine = this.written.get(flag);
			if (current != null && !current.equals(mine)) {
				lines.add(flag + "=" + current + " (left alone: changed by someone else)");
				continue;
			}
			boolean back = restore(flag, original);
			lines.add(flag + "=" + this.flags.read(flag).orNull() + (back ? " (restored)" : " (NOT restored)"));
		}
		for (String flag : this.released) {
			lines.add(flag + " left alone (changed by someone else)");
		}
		this.written.clear();
		this.originals.clear();
		return lines;
	}

	// Raising Min above the current Max fails, and so does lowering Max below the current
	// Min: restore the one whose move keeps Min <= Max first.
	private List<String> ratioOrder() {
		List<String> order = new ArrayList<>(2);
		String originalMin = this.originals.get(MIN_RATIO);
		Long currentMax = this.flags.readNumber(MAX_RATIO);
		boolean minFirst = originalMin == null || currentMax == null || parse(originalMin) <= currentMax;
		for (String flag : minFirst ? List.of(MIN_RATIO, MAX_RATIO) : List.of(MAX_RATIO, MIN_RATIO)) {
			if (this.written.containsKey(flag)) {
				order.add(flag);
			}
		}
		return order;
	}

	private boolean restore(String flag, String original) {
		try {
			this.flags.write(flag, original);
		}
		catch (RuntimeException ex) {
			logger.warn("Soft limit: {} could not be set back to {}: {}", flag, original, ex.getMessage());
		}
		return original.equals(this.flags.read(flag).orNull());
	}

	private static long parse(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return Long.MAX_VALUE;
		}
	}

}
