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

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * What the collections since the tracker started say about the live set, at one moment.
 *
 * @param trackedSince since when every collection has been seen: a time series is
 * complete from there, so a stretch without points means no collection ran
 * @param collections how many collections were recorded
 * @param latest the most recent collection of any scope, or {@code null} before the first
 * @param liveSet the most recent live-set reading (see {@link CollectionScope} for which
 * collections give one), or {@code null} before the first
 * @param series the history, bounded by time: per time bucket, the lowest live-set point
 * and the lowest upper-bound point, oldest first
 * @param recent the most recent collections, oldest first, for display
 * @since 0.1.0
 */
public record LiveSet(Instant trackedSince, long collections, @Nullable Point latest, @Nullable Point liveSet,
		List<Point> series, List<Point> recent) {

	/**
	 * Create an instance.
	 * @param trackedSince since when every collection has been seen
	 * @param collections how many collections were recorded
	 * @param latest the most recent collection
	 * @param liveSet the most recent live-set reading
	 * @param series the bucketed history
	 * @param recent the most recent collections
	 */
	public LiveSet {
		series = List.copyOf(series);
		recent = List.copyOf(recent);
	}

	/**
	 * Return a view with nothing recorded.
	 * @param trackedSince since when collections have been tracked
	 * @return the view
	 */
	public static LiveSet none(Instant trackedSince) {
		return new LiveSet(trackedSince, 0, null, null, List.of(), List.of());
	}

	/**
	 * Return the live set: the most recent live-set reading.
	 * @return the bytes, or empty before the first reading
	 */
	public OptionalLong bytes() {
		Point point = this.liveSet;
		return (point != null) ? OptionalLong.of(point.bytes()) : OptionalLong.empty();
	}

	/**
	 * The heap right after one collection.
	 *
	 * @param time when the collection ended
	 * @param bytes heap used right after it (eden left out of G1's concurrent pauses,
	 * which do not collect it; what was allocated while a ZGC cycle ran left out of that
	 * cycle's reading)
	 * @param committed heap committed right after it
	 * @param scope what the collection collected or marked
	 * @param liveSet whether {@code bytes} is a live-set reading rather than an upper
	 * bound of the live set; see {@link CollectionScope} for which collections give one
	 */
	public record Point(Instant time, long bytes, long committed, CollectionScope scope, boolean liveSet) {

		/**
		 * Create a point whose scope alone says whether it is a live-set reading: every
		 * scope but {@link CollectionScope#YOUNG young}. For replays and tests; the
		 * tracker decides per collector.
		 * @param time when the collection ended
		 * @param bytes heap used right after it
		 * @param committed heap committed right after it
		 * @param scope what the collection collected or marked
		 */
		public Point(Instant time, long bytes, long committed, CollectionScope scope) {
			this(time, bytes, committed, scope, scope != CollectionScope.YOUNG);
		}

		/**
		 * Return whether this point is a live-set reading rather than an upper bound.
		 * @return whether {@code bytes} is the live set within the collector's bound
		 */
		public boolean isLiveSet() {
			return this.liveSet;
		}

		Point asLiveSet() {
			return new Point(this.time, this.bytes, this.committed, this.scope, true);
		}

		Point asUpperBound() {
			return new Point(this.time, this.bytes, this.committed, this.scope, false);
		}

	}

}
