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

package io.github.memoryactuator.tuning;

import java.util.List;

/**
 * The garbage collector that holds the heap, which decides whether and when a collection
 * gives heap memory back to the operating system.
 *
 * @since 0.1.0
 */
public enum CollectorKind {

	/**
	 * G1: uncommits after a full collection or a remark, concurrently on JDK 17+, down to
	 * the minimum heap size, following {@code MinHeapFreeRatio}/{@code MaxHeapFreeRatio}.
	 */
	G1("G1", true),

	/**
	 * Parallel: with its adaptive size policy the heap rarely shrinks after a full
	 * collection.
	 */
	PARALLEL("Parallel", true),

	/**
	 * Serial: shrinks the old generation after a full collection, often only partly.
	 */
	SERIAL("Serial", true),

	/**
	 * ZGC: uncommits memory unused for {@code ZUncommitDelay}; ignores the free ratios.
	 */
	ZGC("ZGC", false),

	/**
	 * Shenandoah: uncommits regions empty for {@code ShenandoahUncommitDelay}; ignores
	 * the free ratios.
	 */
	SHENANDOAH("Shenandoah", false),

	/**
	 * Epsilon: never collects, never uncommits.
	 */
	EPSILON("Epsilon", false),

	/**
	 * A collector this library does not know.
	 */
	UNKNOWN("an unknown collector", true);

	private final String displayName;

	private final boolean usesFreeRatios;

	CollectorKind(String displayName, boolean usesFreeRatios) {
		this.displayName = displayName;
		this.usesFreeRatios = usesFreeRatios;
	}

	/**
	 * Return the collector's name for people, such as {@code G1}.
	 * @return the name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Return whether this collector sizes its heap by {@code MinHeapFreeRatio} and
	 * {@code MaxHeapFreeRatio}. Verified on 17.0.15 and 25.0.3: with
	 * {@code MinHeapFreeRatio=90} ZGC and Shenandoah still uncommitted down to the live
	 * set, while G1 kept the whole heap committed.
	 * @return whether the ratios have an effect
	 */
	public boolean usesFreeRatios() {
		return this.usesFreeRatios;
	}

	/**
	 * Identify the collector from the names of its {@code GarbageCollectorMXBean}s.
	 * @param beanNames the names, such as {@code G1 Young Generation}
	 * @return the collector, {@link #UNKNOWN} when no name is recognised
	 */
	public static CollectorKind fromBeanNames(List<String> beanNames) {
		for (String name : beanNames) {
			if (name.startsWith("G1 ")) {
				return G1;
			}
			if (name.startsWith("PS ")) {
				return PARALLEL;
			}
			if (name.equals("Copy") || name.equals("MarkSweepCompact")) {
				return SERIAL;
			}
			if (name.startsWith("ZGC")) {
				return ZGC;
			}
			if (name.startsWith("Shenandoah")) {
				return SHENANDOAH;
			}
			if (name.startsWith("Epsilon")) {
				return EPSILON;
			}
		}
		return UNKNOWN;
	}

}
