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

package io.github.memoryactuator.liveset;

import org.jspecify.annotations.Nullable;

/**
 * The points of one G1 marking phase: the Remark and Cleanup pauses (JDK 20 and later)
 * and the mixed collections after them. Only the phase's lowest point is a live-set
 * reading, since every mixed collection leaves the garbage of the candidate regions it
 * did not take, and it is known only once the phase has ended; see
 * {@link CollectionScope}.
 */
final class MarkingPhase {

	/**
	 * The most collections one phase may hold: G1 aims to finish a mixed phase in
	 * {@code G1MixedGCCountTarget} (8) collections, so a longer one means the young
	 * collections keep looking mixed (on JDK 21 and later, while candidate regions are
	 * left), and its lowest point is still worth a reading.
	 */
	static final int MAX_COLLECTIONS = 16;

	private LiveSet.@Nullable Point lowest;

	private int collections;

	private boolean mixed;

	/**
	 * Add a point of the phase. A marking's first pause after mixed collections, or a
	 * point beyond {@link #MAX_COLLECTIONS}, ends the phase and starts a new one.
	 * @param point a mixed collection or a G1 concurrent pause
	 * @return the reading of the phase this point ended, or {@code null}
	 */
	LiveSet.@Nullable Point add(LiveSet.Point point) {
		LiveSet.Point ended = null;
		if ((point.scope() == CollectionScope.CONCURRENT && this.mixed) || this.collections >= MAX_COLLECTIONS) {
			ended = end();
		}
		if (this.lowest == null || point.bytes() < this.lowest.bytes()) {
			this.lowest = point;
		}
		this.collections++;
		this.mixed |= point.scope() == CollectionScope.MIXED;
		return ended;
	}

	/**
	 * End the phase: a young collection that collected no old region, or a full
	 * collection, came.
	 * @return the phase's lowest point as a live-set reading, or {@code null} when no
	 * phase was pending
	 */
	LiveSet.@Nullable Point end() {
		LiveSet.Point reading = this.lowest;
		this.lowest = null;
		this.collections = 0;
		this.mixed = false;
		return (reading != null) ? reading.asLiveSet() : null;
	}

}
