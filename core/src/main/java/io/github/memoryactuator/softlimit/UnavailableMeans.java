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
import java.util.List;

import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.VmFlags;

/**
 * Which means of giving memory back do not work in this JVM, and why: decided once from
 * the flags, which are fixed at startup. A reason for the heap starts {@code heap:}, one
 * for native memory {@code native:}.
 */
final class UnavailableMeans {

	private UnavailableMeans() {
	}

	static List<String> of(CollectorKind collector, VmFlags vmFlags, JvmHeap heap) {
		List<String> means = new ArrayList<>();
		if ("true".equals(vmFlags.read("DisableExplicitGC").orNull())) {
			means.add("heap: -XX:+DisableExplicitGC ignores a requested collection");
		}
		Long min = vmFlags.readNumber("MinHeapSize");
		Long maxHeap = vmFlags.readNumber("MaxHeapSize");
		if (min != null && min.equals(maxHeap)) {
			means.add("heap: -Xms equals -Xmx, so the heap cannot shrink");
		}
		switch (collector) {
			case PARALLEL -> {
				if (!"true".equals(vmFlags.read("UseAdaptiveSizePolicyWithSystemGC").orNull())) {
					means.add("heap: Parallel does not resize its heap after a requested collection without "
							+ "-XX:+UseAdaptiveSizePolicyWithSystemGC");
				}
			}
			case ZGC -> {
				Long delay = vmFlags.readNumber("ZUncommitDelay");
				if ("false".equals(vmFlags.read("ZUncommit").orNull())) {
					means.add("heap: -XX:-ZUncommit keeps the heap committed");
				}
				else if (delay != null && delay > HeapShrinker.MAX_ZGC_DELAY) {
					means.add("heap: ZGC gives memory back only ZUncommitDelay (" + delay
							+ " s) after it fell unused; start with -XX:ZUncommitDelay=1 for the soft limit to act on "
							+ "the heap");
				}
			}
			case SHENANDOAH -> {
				if ("false".equals(vmFlags.read("ShenandoahUncommit").orNull())) {
					means.add("heap: -XX:-ShenandoahUncommit keeps the heap committed");
				}
			}
			case UNKNOWN -> means.add("heap: the collector is not one the soft limit knows");
			default -> {
			}
		}
		if (!heap.canTrim()) {
			means.add("native: this JVM has no System.trim_native_heap");
		}
		return List.copyOf(means);
	}

	static boolean heapWorks(List<String> unavailable) {
		return unavailable.stream().noneMatch((means) -> means.startsWith("heap:"));
	}

}
