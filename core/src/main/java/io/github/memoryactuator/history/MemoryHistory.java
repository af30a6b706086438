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

package io.github.memoryactuator.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * The memory of this process over the last hour (by default), kept in two rings: a
 * gauge-depth point every {@code interval} and a breakdown point every
 * {@code breakdownInterval}, each kept for {@code retention}. Both rings are arrays of
 * primitives allocated once, when the history is created, so what it holds is known at
 * start ({@link #footprintBytes()}) and recording a point allocates nothing: a history
 * that runs for a month holds what it held after an hour.
 * <p>
 * The history only stores: what records a point, and when, is the caller's business
 * (normally a background sampler, never a read). Points come out oldest first.
 *
 * @since 0.1.0
 */
public final class MemoryHistory {

	/**
	 * How often a gauge-depth point is taken by default.
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

	/**
	 * How often a breakdown point is taken by default.
	 */
	public static final Duration DEFAULT_BREAKDOWN_INTERVAL = Duration.ofMinutes(1);

	/**
	 * How long points are kept by default.
	 */
	public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

	/**
	 * The most points one ring holds: a day at the default interval.
	 */
	public static final int MAX_POINTS = 8_640;

	/**
	 * How many NMT categories a breakdown point keeps: JDK 25 has 27.
	 */
	static final int NMT_SLOTS = 40;

	// Internal only: the API says "empty", never this.
	private static final long ABSENT = Long.MIN_VALUE;

	private static final int G_TIME = 0;

	private static final int G_RSS = 1;

	private static final int G_RSS_ANON = 2;

	private static final int G_RSS_FILE = 3;

	private static final int G_HEAP_USED = 4;

	private static final int G_HEAP_COMMITTED = 5;

	private static final int G_LIVE = 6;

	private static final int G_HEADROOM = 7;

	private static final int G_CONTAINER_USAGE = 8;

	private static final int G_CONTAINER_LIMIT = 9;

	private static final int G_SOFT_LIMIT_TARGET = 10;

	// The state's ordinal; ABSENT when no target was set.
	private static final int G_SOFT_LIMIT_STATE = 11;

	private static final int GAUGE_FIELDS = 12;

	private static final SoftLimitState[] SOFT_LIMIT_STATES = SoftLimitState.values();

	private static final int B_TIME = 0;

	private static final int B_RSS = 1;

	private static final int B_MALLOC_IN_USE = 2;

	private static final int B_MALLOC_FREE = 3;

	private static final int B_CATEGORIES = 4;

	private static final Category[] CATEGORIES = Category.values();

	private static final int B_NMT = B_CATEGORIES + CATEGORIES.length;

	private static final int BREAKDOWN_FIELDS = B_NMT + NMT_SLOTS;

	private final Duration interval;

	private final Duration breakdownInterval;

	private final Duration retention;

	private final Instant startedAt;

	private final Ring gauge;

	private final Ring breakdowns;

	// The NMT category of each slot, in the order first seen; the names are the
	// parser's strings, kept once.
	private final String[] nmtNames = new String[NMT_SLOTS];

	private int nmtNamesUsed;

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Create a history and allocate its rings.
	 * @param interval how often gauge-depth points are meant to be taken
	 * @param breakdownInterval how often breakdown points are meant to be taken
	 * @param retention how long points are kept
	 * @param startedAt since when points are recorded: a trend over the history covers
	 * nothing before it
	 */
	public MemoryHistory(Duration interval, Duration breakdownInterval, Duration retention, Instant startedAt) {
		this.interval = interval;
		this.breakdownInterval = breakdownInterval;
		this.retention = retention;
		this.startedAt = startedAt;
		this.gauge = new Ring(capacity("interval", interval, "retention", retention), GAUGE_FIELDS);
		this.breakdowns = new Ring(capacity("breakdownInterval", breakdownInterval, "retention", retention),
				BREAKDOWN_FIELDS);
	}

	/**
	 * Return how many points a ring needs to keep {@code retention} at {@code interval}:
	 * one more than fit, so that the oldest point still reaches back the whole retention.
	 * @param name the interval's name, for the message
	 * @param interval the interval
	 * @param retentionName the retention's name, for the message
	 * @param retention the retention
	 * @return the capacity
	 * @throws IllegalArgumentException when the interval is below 1 s, the retention is
	 * shorter than the interval, or the ring would hold more than {@link #MAX_POINTS}
	 */
	static int capacity(String name, Duration interval, String retentionName, Duration retention) {
		if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("'" + name + "' must be at least 1s, but was " + interval);
		}
		if (retention.compareTo(interval) < 0) {
			throw new IllegalArgumentException("'" + retentionName + "' must be at least '" + name + "', but was "
					+ retention + " for " + interval);
		}
		long points = retention.toMillis() / interval.toMillis() + 1;
		if (points > MAX_POINTS) {
			throw new IllegalArgumentException("'" + retentionName + "' / '" + name + "' must be at most "
					+ (MAX_POINTS - 1) + " points, but was " + (points - 1));
		}
		return (int) points;
	}

	/**
	 * Record the cheap figures of a snapshot, without a soft limit.
	 * @param snapshot the snapshot
	 */
	public void record(GaugeSnapshot snapshot) {
		record(snapshot, null);
	}

	/**
	 * Record the cheap figures of a snapshot with the soft limit's target and state.
	 * @param snapshot the snapshot
	 * @param softLimit the soft limit's status at that moment, or {@code null} without a
	 * controller; a status without a target records nothing of it
	 */
	public void record(GaugeSnapshot snapshot, @Nullable SoftLimitStatus softLimit) {
		boolean set = softLimit != null && softLimit.isSet();
		ProcStatus status = snapshot.process().orNull();
		CgroupMemory cgroup = snapshot.container().orNull();
		this.lock.lock();
		try {
			long[] data = this.gauge.data;
			int at = this.gauge.claim();
			data[at + G_TIME] = snapshot.capturedAt().toEpochMilli();
			data[at + G_RSS] = (status != null) ? status.rss() : ABSENT;
			data[at + G_RSS_ANON] = (status != null) ? status.rssAnon().orElse(ABSENT) : ABSENT;
			data[at + G_RSS_FILE] = (status != null) ? status.rssFile().orElse(ABSENT) : ABSENT;
			data[at + G_HEAP_USED] = snapshot.jvm().heapUsed();
			data[at + G_HEAP_COMMITTED] = snapshot.jvm().heapCommitted();
			data[at + G_LIVE] = snapshot.live().orElse(ABSENT);
			data[at + G_HEADROOM] = Double.doubleToRawLongBits(snapshot.headroomRatio());
			data[at + G_CONTAINER_USAGE] = (cgroup != null) ? cgroup.usage() : ABSENT;
			data[at + G_CONTAINER_LIMIT] = (cgroup != null) ? cgroup.limit().bytes().orElse(ABSENT) : ABSENT;
			data[at + G_SOFT_LIMIT_TARGET] = set ? softLimit.target() : ABSENT;
			data[at + G_SOFT_LIMIT_STATE] = set ? softLimit.state().ordinal() : ABSENT;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Record a breakdown and the raw native figures of the full capture it came from. A
	 * capture recorded already (a cached one served again) is ignored.
	 * @param full the full capture
	 * @param breakdown the breakdown computed from it
	 */
	public void record(FullSnapshot full, RssBreakdown breakdown) {
		long time = full.gauge().capturedAt().toEpochMilli();
		NmtSummary nmt = full.nmt().orNull();
		this.lock.lock();
		try {
			if (this.breakdowns.size > 0 && this.breakdowns.newest(B_TIME) >= time) {
				return;
			}
			long[] data = this.breakdowns.data;
			int at = this.breakdowns.claim();
			data[at + B_TIME] = time;
			data[at + B_RSS] = breakdown.rss();
			data[at + B_MALLOC_IN_USE] = full.mallocInUse().orElse(ABSENT);
			data[at + B_MALLOC_FREE] = full.mallocFree().orElse(ABSENT);
			for (int i = 0; i < CATEGORIES.length; i++) {
				data[at + B_CATEGORIES + i] = breakdown.bytes(CATEGORIES[i]);
			}
			for (int i = 0; i < NMT_SLOTS; i++) {
				data[at + B_NMT + i] = ABSENT;
			}
			if (nmt != null) {
				for (NmtSummary.Category category : nmt.categories()) {
					int slot = slot(category.name());
					if (slot >= 0) {
						data[at + B_NMT + slot] = category.committed();
					}
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private int slot(String name) {
		for (int i = 0; i < this.nmtNamesUsed; i++) {
			if (this.nmtNames[i].equals(name)) {
				return i;
			}
		}
		if (this.nmtNamesUsed == NMT_SLOTS) {
			return -1;
		}
		this.nmtNames[this.nmtNamesUsed] = name;
		return this.nmtNamesUsed++;
	}

	/**
	 * Return the gauge-depth points taken in {@code [from, to]}, oldest first.
	 * @param from the earliest time
	 * @param to the latest time
	 * @return the points
	 */
	public List<GaugePoint> gauge(Instant from, Instant to) {
		List<GaugePoint> points = new ArrayList<>();
		long start = millis(from);
		long end = millis(to);
		this.lock.lock();
		try {
			long[] data = this.gauge.data;
			for (int i = 0; i < this.gauge.size; i++) {
				int at = this.gauge.offset(i);
				long time = data[at + G_TIME];
				if (time >= start && time <= end) {
					points.add(new GaugePoint(Instant.ofEpochMilli(time), optional(data[at + G_RSS]),
							optional(data[at + G_RSS_ANON]), optional(data[at + G_RSS_FILE]), data[at + G_HEAP_USED],
							data[at + G_HEAP_COMMITTED], optional(data[at + G_LIVE]),
							Double.longBitsToDouble(data[at + G_HEADROOM]), optional(data[at + G_CONTAINER_USAGE]),
							optional(data[at + G_CONTAINER_LIMIT]), optional(data[at + G_SOFT_LIMIT_TARGET]),
							softLimitState(data[at + G_SOFT_LIMIT_STATE])));
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		return points;
	}

	/**
	 * Return the breakdown points taken in {@code [from, to]}, oldest first.
	 * @param from the earliest time
	 * @param to the latest time
	 * @return the points
	 */
	public List<BreakdownPoint> breakdowns(Instant from, Instant to) {
		List<BreakdownPoint> points = new ArrayList<>();
		long start = millis(from);
		long end = millis(to);
		this.lock.lock();
		try {
			long[] data = this.breakdowns.data;
			for (int i = 0; i < this.breakdowns.size; i++) {
				int at = this.breakdowns.offset(i);
				long time = data[at + B_TIME];
				if (time < start || time > end) {
					continue;
				}
				Map<Category, Long> categories = new EnumMap<>(Category.class);
				for (int c = 0; c < CATEGORIES.length; c++) {
					categories.put(CATEGORIES[c], data[at + B_CATEGORIES + c]);
				}
				Map<String, Long> nmt = new LinkedHashMap<>();
				for (int slot = 0; slot < this.nmtNamesUsed; slot++) {
					long committed = data[at + B_NMT + slot];
					if (committed != ABSENT) {
						nmt.put(this.nmtNames[slot], committed);
					}
				}
				points.add(new BreakdownPoint(Instant.ofEpochMilli(time), data[at + B_RSS], categories,
						optional(data[at + B_MALLOC_IN_USE]), optional(data[at + B_MALLOC_FREE]), nmt));
			}
		}
		finally {
			this.lock.unlock();
		}
		return points;
	}

	// Instant.MIN and MAX, the natural "no bound", have no epoch milliseconds.
	private static long millis(Instant instant) {
		if (instant.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
			return Long.MIN_VALUE;
		}
		return (instant.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) ? Long.MAX_VALUE : instant.toEpochMilli();
	}

	/**
	 * Return the newest breakdown point.
	 * @return the point, or {@code null} before the first
	 */
	public @Nullable BreakdownPoint latestBreakdown() {
		Instant newest;
		this.lock.lock();
		try {
			if (this.breakdowns.size == 0) {
				return null;
			}
			newest = Instant.ofEpochMilli(this.breakdowns.newest(B_TIME));
		}
		finally {
			this.lock.unlock();
		}
		List<BreakdownPoint> points = breakdowns(newest, Instant.MAX);
		return points.isEmpty() ? null : points.get(points.size() - 1);
	}

	private static @Nullable SoftLimitState softLimitState(long ordinal) {
		return (ordinal != ABSENT) ? SOFT_LIMIT_STATES[(int) ordinal] : null;
	}

	private static OptionalLong optional(long value) {
		return (value != ABSENT) ? OptionalLong.of(value) : OptionalLong.empty();
	}

	/**
	 * Return since when points are recorded.
	 * @return the time the history started
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	/**
	 * Return how often gauge-depth points are meant to be taken.
	 * @return the interval
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * Return how often breakdown points are meant to be taken.
	 * @return the interval
	 */
	public Duration breakdownInterval() {
		return this.breakdownInterval;
	}

	/**
	 * Return how long points are kept.
	 * @return the retention
	 */
	public Duration retention() {
		return this.retention;
	}

	/**
	 * Return how many gauge-depth points the history holds at most.
	 * @return the capacity
	 */
	public int capacity() {
		return this.gauge.capacity;
	}

	/**
	 * Return how many breakdown points the history holds at most.
	 * @return the capacity
	 */
	public int breakdownCapacity() {
		return this.breakdowns.capacity;
	}

	/**
	 * Return the bytes the two rings hold, allocated when the history was created: the
	 * arrays of primitives, whatever has been recorded. The NMT category names are the
	 * parser's strings, a few hundred bytes more.
	 * @return the bytes
	 */
	public long footprintBytes() {
		return this.gauge.bytes() + this.breakdowns.bytes() + 16 + 4L * NMT_SLOTS;
	}

	/**
	 * A ring of fixed-size records in one array.
	 */
	private static final class Ring {

		private final long[] data;

		private final int fields;

		private final int capacity;

		private int next;

		private int size;

		Ring(int capacity, int fields) {
			this.data = new long[capacity * fields];
			this.fields = fields;
			this.capacity = capacity;
		}

		int claim() {
			int at = this.next * this.fields;
			this.next = (this.next + 1) % this.capacity;
			this.size = Math.min(this.size + 1, this.capacity);
			return at;
		}

		// The i-th oldest point.
		int offset(int i) {
			int start = (this.size < this.capacity) ? 0 : this.next;
			return ((start + i) % this.capacity) * this.fields;
		}

		long newest(int field) {
			int newest = (this.next + this.capacity - 1) % this.capacity;
			return this.data[newest * this.fields + field];
		}

		// An array header is 16 bytes with compressed class pointers.
		long bytes() {
			return 16 + 8L * this.data.length;
		}

	}

}
