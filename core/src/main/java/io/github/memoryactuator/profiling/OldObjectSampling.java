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

package io.github.memoryactuator.profiling;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether the JVM's leak profiler ({@code jdk.OldObjectSample}) may run under the
 * collector in use. It works under Serial, Parallel, G1 and single-generation ZGC; under
 * two it is off, each for a reason the JDK's own developers gave.
 */
final class OldObjectSampling {

	static final String SHENANDOAH = "the JVM's leak profiler does not run under Shenandoah: it uses object headers "
			+ "that Shenandoah uses too, and recent JDKs switch it off there (JDK-8279016)";

	static final String GENERATIONAL_ZGC = "under generational ZGC the JVM's leak profiler keeps sampled garbage "
			+ "alive until an old-generation collection, which stalls allocation (JDK-8375615), and the JDK switches "
			+ "it off there (JDK-8382740)";

	private OldObjectSampling() {
	}

	/**
	 * Return why old-object sampling must stay off under these collectors, or
	 * {@code null} if it may run.
	 * @param collectorNames the garbage collector MXBeans' names
	 * @return the reason, or {@code null}
	 */
	static @Nullable String unsupportedReason(List<String> collectorNames) {
		for (String name : collectorNames) {
			if (name.startsWith("Shenandoah")) {
				return SHENANDOAH;
			}
			// Single-generation ZGC names its beans "ZGC Cycles" and "ZGC Pauses".
			if (name.startsWith("ZGC Major") || name.startsWith("ZGC Minor")) {
				return GENERATIONAL_ZGC;
			}
		}
		return null;
	}

	static List<String> platformCollectors() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
	}

}
