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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The live-set history, bounded by time rather than by count: per time bucket it keeps
 * only the lowest live-set point and the lowest upper-bound point, so its memory is the
 * same at 0.05 and at 20 collections a second, and a trend always sees the whole window.
 * The lowest point of a bucket is the one that says most about the live set: every point
 * is the live set plus some garbage.
 * <p>
 * Internal: public only for the diagnosis tests; not API.
 *
 * @since 0.1.0
 */
public final class LiveSetHistory {

	private final long resolutionMillis;

	private final int buckets;

	private final int recentCapacity;

	private Instant trackedSince;

	private final TreeMap<Long, Bucket> history = new TreeMap<>();

	private final List<LiveSet.Point> recent;

	private int recentNext;

	private long collections;

	private LiveSet.@Nullable Point latest;

	private LiveSet.@Nullable Point liveSet;

	private volatile @Nullable LiveSet view;

	/**
	 * Create a history.
	 * @param resolution the width of one time bucket
	 * @param buckets how many buckets to keep: the history spans
	 * {@code resolution * buckets}
	 * @param recentCapacity how many of the most recent points to keep as they are, for
	 * display
	 * @param trackedSince since when every collection is recorded; a point recorded with
	 * an earlier time moves it back
	 */
	public LiveSetHistory(Duration resolution, int buckets, int recentCapacity, Instant trackedSince) {
		if (resolution.toMillis() < 1) {
			throw new IllegalArgumentException("'resolution' must be at least 1 ms");
		}
		if (buckets < 2) {
			throw new IllegalArgumentException("'buckets' must be at least 2");
		}
		if (recentCapacity < 1) {
			throw new IllegalArgumentException("'recentCapacity' must be at least 1");
		}
		this.resolutionMillis = resolution.toMillis();
		this.buckets = buckets;
		this.recentCapacity = recentCapacity;
		this.recent = new ArrayList<>(recentCapacity);
		this.trackedSince = trackedSince;
	}

	/**
	 * Create a history sized for a trend window: ten buckets per window, two and a half
	 * windows kept, so that a trend over the window always finds it whole.
	 * @param window the trend's window
	 * @param recentCapacity how many of the most recent points to keep for display
	 * @param trackedSince since when every collection is recorded
	 * @return the history
	 */
	public static LiveSetHistory forWindow(Duration window, int recentCapacity, Instant trackedSince) {
		return new LiveSetHistory(Duration.ofMillis(Math.max(1, window.toMillis() / 10)), 25, recentCapacity,
				trackedSince);
	}

	/**
	 * Record a point.
	 * @param point the point
	 */
	public void add(LiveSet.Point point) {
		add(point, true);
	}

	/**
	 * Record a point from before the history started (the last collection before the
	 * tracker listened), which does not count as a collection seen.
	 * @param point the point
	 */
	void addSeed(LiveSet.Point point) {
		add(point, false);
	}

	/**
	 * Record that a point recorded earlier as an upper bound is a live-set reading, as
	 * the lowest point of a G1 marking phase is once the phase has ended. It is not
	 * counted as another collection.
	 * @param reading the point, as a live-set reading
	 */
	void addReading(LiveSet.Point reading) {
		LiveSet.Point recorded = reading.asUpperBound();
		synchronized (this.history) {
			long index = Math.floorDiv(reading.time().toEpochMilli(), this.resolutionMillis);
			this.history.computeIfAbsent(index, (key) -> new Bucket()).add(reading);
			while (this.history.size() > this.buckets) {
				this.history.pollFirstEntry();
			}
			int at = this.recent.indexOf(recorded);
			if (at >= 0) {
				this.recent.set(at, reading);
			}
			if (recorded.equals(this.latest)) {
				this.latest = reading;
			}
			if (this.liveSet == null || !reading.time().isBefore(this.liveSet.time())) {
				this.liveSet = reading;
			}
			this.view = null;
		}
	}

	private void add(LiveSet.Point point, boolean count) {
		synchronized (this.history) {
			long index = Math.floorDiv(point.time().toEpochMilli(), this.resolutionMillis);
			this.history.computeIfAbsent(index, (key) -> new Bucket()).add(point);
			while (this.history.size() > this.buckets) {
				this.history.pollFirstEntry();
			}
			if (this.recent.size() < this.recentCapacity) {
				this.recent.add(point);
			}
			else {
				this.recent.set(this.recentNext, point);
			}
			this.recentNext = (this.recentNext + 1) % this.recentCapacity;
			if (count) {
				this.collections++;
				// A replay of earlier collections extends what is known.
				if (point.time().isBefore(this.trackedSince)) {
					this.trackedSince = point.time();
				}
			}
			if (this.latest == null || !point.time().isBefore(this.latest.time())) {
				this.latest = point;
			}
			if (point.isLiveSet() && (this.liveSet == null || !point.time().isBefore(this.liveSet.time()))) {
				this.liveSet = point;
			}
			this.view = null;
		}
	}

	/**
	 * Return the history as it is now. Built once per change, so that readers between two
	 * collections share one view.
	 * @return the view
	 */
	public LiveSet view() {
		LiveSet current = this.view;
		if (current != null) {
			return current;
		}
		synchronized (this.history) {
			List<LiveSet.Point> series = new ArrayList<>(this.history.size() * 2);
			for (Map.Entry<Long, Bucket> entry : this.history.entrySet()) {
				entry.getValue().addTo(series);
			}
			series.sort(Comparator.comparing(LiveSet.Point::time));
			List<LiveSet.Point> ordered = new ArrayList<>(this.recent.size());
			int start = (this.recent.size() < this.recentCapacity) ? 0 : this.recentNext;
			for (int i = 0; i < this.recent.size(); i++) {
				ordered.add(this.recent.get((start + i) % this.recent.size()));
			}
			ordered.sort(Comparator.comparing(LiveSet.Point::time));
			current = new LiveSet(this.trackedSince, this.collections, this.latest, this.liveSet, series, ordered);
			this.view = current;
			return current;
		}
	}

	private static final class Bucket {

		private LiveSet.@Nullable Point lowestLiveSet;

		private LiveSet.@Nullable Point lowestUpperBound;

		void add(LiveSet.Point point) {
			if (point.isLiveSet()) {
				if (this.lowestLiveSet == null || point.bytes() < this.lowestLiveSet.bytes()) {
					this.lowestLiveSet = point;
				}
			}
			else if (this.lowestUpperBound == null || point.bytes() < this.lowestUpperBound.bytes()) {
				this.lowestUpperBound = point;
			}
		}

		void addTo(List<LiveSet.Point> series) {
			if (this.lowestLiveSet != null) {
				series.add(this.lowestLiveSet);
			}
			if (this.lowestUpperBound != null) {
				series.add(this.lowestUpperBound);
			}
		}

	}

}
