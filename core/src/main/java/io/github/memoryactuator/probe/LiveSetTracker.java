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

package io.github.memoryactuator.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Records the heap used right after each garbage collection (the "live set", the JVM's
 * analogue of Go's live heap) in a small bounded ring of points, from GC notifications.
 * Reading is lock-free: every notification publishes a new immutable list.
 *
 * @since 0.1.0
 */
public class LiveSetTracker implements AutoCloseable {

	private final int capacity;

	private final Clock clock;

	private final Set<String> heapPoolNames;

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::handle;

	private final Object lock = new Object();

	private volatile List<Point> points = Collections.emptyList();

	private volatile long collections;

	/**
	 * Create a tracker that keeps at most {@code capacity} points.
	 * @param capacity the number of points to keep
	 * @param clock the clock that times points
	 * @param heapPoolNames the names of the heap pools whose after-GC usage is summed
	 */
	public LiveSetTracker(int capacity, Clock clock, Set<String> heapPoolNames) {
		if (capacity < 2) {
			throw new IllegalArgumentException("'capacity' must be at least 2");
		}
		this.capacity = capacity;
		this.clock = clock;
		this.heapPoolNames = Set.copyOf(heapPoolNames);
	}

	/**
	 * Create a tracker for the running JVM's heap pools and start listening to its
	 * collectors.
	 * @param capacity the number of points to keep
	 * @return the started tracker
	 */
	public static LiveSetTracker startPlatform(int capacity) {
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		LiveSetTracker tracker = new LiveSetTracker(capacity, Clock.systemUTC(), heapPools);
		List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
		tracker.seed(collectors, ManagementFactory.getRuntimeMXBean().getStartTime());
		tracker.listenTo(collectors);
		return tracker;
	}

	/**
	 * Record the latest collection that ended before the tracker started, so that the
	 * live set is known from the start: a quiet application with a large young generation
	 * may not collect again for minutes after it has started, and the live-set gauge
	 * would read NaN all that time. It does not count in {@link #collections()}.
	 * @param collectors the collector beans
	 * @param jvmStartMillis when the JVM started (epoch milliseconds), which the
	 * collectors' times are relative to
	 */
	void seed(List<GarbageCollectorMXBean> collectors, long jvmStartMillis) {
		com.sun.management.GcInfo latest = null;
		String latestCollector = null;
		for (GarbageCollectorMXBean collector : collectors) {
			// Pause beans and G1's concurrent phases end with the heap not yet collected.
			if (!(collector instanceof com.sun.management.GarbageCollectorMXBean bean)
					|| !isCollection(collector.getName(), "") || collector.getName().equals("G1 Concurrent GC")) {
				continue;
			}
			com.sun.management.GcInfo info = bean.getLastGcInfo();
			if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
				latest = info;
				latestCollector = collector.getName();
			}
		}
		if (latest == null) {
			return;
		}
		long used = 0;
		for (Map.Entry<String, MemoryUsage> entry : latest.getMemoryUsageAfterGc().entrySet()) {
			if (this.heapPoolNames.contains(entry.getKey())) {
				used += entry.getValue().getUsed();
			}
		}
		add(new Point(Instant.ofEpochMilli(jvmStartMillis + latest.getEndTime()), Math.max(0, used),
				isMajorCollector(latestCollector)), false);
	}

	// The notification says "end of major GC"; a GcInfo does not, so go by the collector.
	private static boolean isMajorCollector(String name) {
		return name.contains("Old") || name.contains("MarkSweep") || name.contains("Major");
	}

	/**
	 * Listen to the notifications of the given collectors.
	 * @param collectors the collector beans; those that emit no notifications are skipped
	 * @return the number of collectors listened to
	 */
	public int listenTo(List<GarbageCollectorMXBean> collectors) {
		int count = 0;
		for (GarbageCollectorMXBean collector : collectors) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
				synchronized (this.lock) {
					this.emitters.add(emitter);
				}
				count++;
			}
		}
		return count;
	}

	private void handle(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
				|| !(notification.getUserData() instanceof CompositeData data)) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
		if (!isCollection(info.getGcName(), info.getGcCause())) {
			return;
		}
		Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
		long used = 0;
		for (Map.Entry<String, MemoryUsage> entry : after.entrySet()) {
			if (this.heapPoolNames.contains(entry.getKey())) {
				used += entry.getValue().getUsed();
			}
		}
		record(this.clock.instant(), used, info.getGcAction().contains("major"));
	}

	// ZGC and Shenandoah report each collection twice: once for its pauses and once for
	// the whole cycle. Only the cycle ends with the heap collected. "No GC" marks G1's
	// concurrent-cycle pauses (Remark, Cleanup), which collect nothing yet.
	static boolean isCollection(String collector, String cause) {
		return !collector.endsWith("Pauses") && !"No GC".equals(cause);
	}

	/**
	 * Record a point. Public so that tests and replays can feed the tracker directly.
	 * @param time when the collection ended
	 * @param bytes heap used right after it
	 * @param major whether it was a major (full or old-generation) collection
	 */
	public void record(Instant time, long bytes, boolean major) {
		add(new Point(time, Math.max(0, bytes), major), true);
	}

	private void add(Point point, boolean count) {
		synchronized (this.lock) {
			List<Point> current = this.points;
			int from = (current.size() >= this.capacity) ? current.size() - this.capacity + 1 : 0;
			List<Point> next = new ArrayList<>(Math.min(current.size() + 1, this.capacity));
			next.addAll(current.subList(from, current.size()));
			next.add(point);
			this.points = Collections.unmodifiableList(next);
			if (count) {
				this.collections++;
			}
		}
	}

	/**
	 * Return the recorded points, oldest first.
	 * @return an immutable list of at most {@code capacity} points
	 */
	public List<Point> points() {
		return this.points;
	}

	/**
	 * Return the heap used right after the latest collection.
	 * @return the bytes, or empty before the first collection
	 */
	public OptionalLong latest() {
		List<Point> current = this.points;
		return current.isEmpty() ? OptionalLong.empty() : OptionalLong.of(current.get(current.size() - 1).bytes());
	}

	/**
	 * Return how many collections were recorded since the tracker started.
	 * @return the count
	 */
	public long collections() {
		return this.collections;
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			for (NotificationEmitter emitter : this.emitters) {
				try {
					emitter.removeNotificationListener(this.listener);
				}
				catch (ListenerNotFoundException ex) {
					// Already removed: nothing to undo.
				}
			}
			this.emitters.clear();
		}
	}

	/**
	 * The heap used right after one collection.
	 *
	 * @param time when the collection ended
	 * @param bytes heap used right after it
	 * @param major whether it was a major (full or old-generation) collection
	 */
	public record Point(Instant time, long bytes, boolean major) {
	}

}
