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

package io.github.memoryactuator.demo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Counts the full collections of this JVM, to check that a request ran one or none.
 */
final class FullCollections {

	private FullCollections() {
	}

	// GC.run is a full collection: it counts on the old-generation collector only,
	// whatever young collections happen meanwhile.
	static long count() {
		long count = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			String name = collector.getName();
			if (name.contains("Old") || name.contains("MarkSweep") || name.contains("Major")
					|| name.equals("ZGC Cycles") || name.equals("Shenandoah Cycles")) {
				count += collector.getCollectionCount();
			}
		}
		return count;
	}

}
