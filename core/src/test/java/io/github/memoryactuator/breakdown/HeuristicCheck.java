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

package io.github.memoryactuator.breakdown;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.memoryactuator.probe.hotspot.HeapMappings;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.VmInfo;
import io.github.memoryactuator.probe.kernel.AddressRange;
import io.github.memoryactuator.probe.kernel.Mapping;
import io.github.memoryactuator.probe.kernel.Smaps;
import io.github.memoryactuator.snapshot.FullSnapshot;

/**
 * Checks the shapes the breakdown goes by where no owner is named (JDK 17, or NMT off)
 * against the owners {@code System.map} names, mapping by mapping.
 */
public final class HeuristicCheck {

	private HeuristicCheck() {
	}

	/**
	 * Compare, per owner, the resident bytes of the mappings the shapes put in an
	 * acceptable pool with all the resident bytes of that owner's mappings.
	 * @param full a capture with {@code smaps} and a labelled {@code System.map}
	 * @return per owner ({@code -} for memory the JVM did not map), agreeing and total
	 * resident bytes
	 */
	public static Map<String, long[]> compare(FullSnapshot full) {
		Smaps smaps = full.smaps().orNull();
		SystemMap owners = full.systemMap().orNull();
		HeapMappings heap = full.heap().orNull();
		VmInfo vmInfo = full.vmInfo().orNull();
		return compare(smaps, owners, heap, (vmInfo != null) ? vmInfo.classSpace().orElse(null) : null);
	}

	static Map<String, long[]> compare(Smaps smaps, SystemMap owners, HeapMappings heap, AddressRange classSpace) {
		Map<String, long[]> result = new TreeMap<>();
		List<Mapping> mappings = smaps.mappings();
		for (int i = 0; i < mappings.size(); i++) {
			Mapping mapping = mappings.get(i);
			if (!mapping.path().isEmpty() || mapping.rss() == 0
					|| (heap != null && heap.mappings().stream().anyMatch((m) -> m.start() == mapping.start()))) {
				continue;
			}
			Mapping previous = (i > 0) ? mappings.get(i - 1) : null;
			Mapping next = (i + 1 < mappings.size()) ? mappings.get(i + 1) : null;
			ResidentPools.Pool guessed = ResidentPools.classify(mapping, previous, next, classSpace, null);
			SystemMap.Label owner = owners.labelOf(mapping.start(), mapping.end());
			boolean agrees = acceptable(owner, guessed);
			long[] tally = result.computeIfAbsent((owner != null) ? owner.name() : "-", (key) -> new long[2]);
			tally[0] += agrees ? mapping.rss() : 0;
			tally[1] += mapping.rss();
		}
		return result;
	}

	// Metaspace outside the class space, GC structures and other JVM mappings have no
	// shape of their own: "other" is right for them, since their committed figures are
	// claimed from it first.
	private static boolean acceptable(SystemMap.Label owner, ResidentPools.Pool guessed) {
		if (owner == null) {
			return guessed == ResidentPools.Pool.ARENAS || guessed == ResidentPools.Pool.OTHER;
		}
		return switch (owner) {
			case STACK -> guessed == ResidentPools.Pool.STACKS;
			case CLASS -> guessed == ResidentPools.Pool.METASPACE;
			case META, CDS -> guessed == ResidentPools.Pool.METASPACE || guessed == ResidentPools.Pool.OTHER;
			case CODE -> guessed == ResidentPools.Pool.CODE || guessed == ResidentPools.Pool.OTHER;
			case JAVA_HEAP -> guessed == ResidentPools.Pool.HEAP;
			case GC, CARD_TABLE, OTHER -> guessed == ResidentPools.Pool.OTHER;
		};
	}

}
