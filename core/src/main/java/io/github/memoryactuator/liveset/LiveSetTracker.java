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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import org.jspecify.annotations.Nullable;

/**
 * Records the heap right after each garbage collection, from GC notifications, and says
 * of each point whether it is a live-set reading or only an upper bound of the live set:
 * see {@link CollectionScope} for the rules per collector. A G1 marking phase's points
 * are upper bounds when they arrive, and its lowest point becomes a reading when the
 * phase ends; a ZGC cycle's reading leaves out what was allocated while it ran. The
 * points go to a {@link LiveSetHistory}, bounded by time.
 *
 * @since 0.1.0
 */
public class LiveSetTracker implements AutoCloseable {

	/**
	 * The trend window the history is sized for when none is given.
	 */
	public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

	private static final String G1_OLD_GEN = "G1 Old Gen";

	private static final String SHENANDOAH_OLD_GEN = "Shenandoah Old Gen";

	private static final String ZGC_OLD_GEN = "ZGC Old Generation";

	private static final String G1_CONCURRENT = "G1 Concurrent GC";

	private final Clock clock;

	private final Set<String> heapPoolNames;

	private final @Nullable MemoryPoolMXBean g1OldGen;

	private final boolean generationalShenandoah;

	private final LiveSetHistory history;

	private final MarkingPhase phase = new MarkingPhase();

	private final @Nullable CycleAllocation allocation;

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::handle;

	/**
	 * Create a tracker that knows the heap pools only by name, sized for the default
	 * window. Without the pool beans it cannot tell G1's mixed collections from young
	 * ones, so it counts them all as young.
	 * @param recent how many of the most recent points to keep for display
	 * @param clock the clock that times points
	 * @param heapPoolNames the names of the heap pools whose after-GC usage is summed
	 */
	public LiveSetTracker(int recent, Clock clock, Set<String> heapPoolNames) {
		this(clock, heapPoolNames, null, false, null,
				LiveSetHistory.forWindow(DEFAULT_WINDOW, recent, clock.instant()));
	}

	LiveSetTracker(Clock clock, Set<String> heapPoolNames, @Nullable MemoryPoolMXBean g1OldGen,
			boolean generationalShenandoah, @Nullable CycleAllocation allocation, LiveSetHistory history) {
		this.clock = clock;
		this.heapPoolNames = Set.copyOf(heapPoolNames);
		this.g1OldGen = g1OldGen;
		this.generationalShenandoah = generationalShenandoah;
		this.allocation = allocation;
		this.history = history;
	}

	/**
	 * Create a tracker for the running JVM's heap pools and start listening to its
	 * collectors, sized for the default window.
	 * @param recent how many of the most recent points to keep for display
	 * @return the started tracker
	 */
	public static LiveSetTracker startPlatform(int recent) {
		return startPlatform(recent, DEFAULT_WINDOW);
	}

	/**
	 * Create a tracker for the running JVM's heap pools and start listening to its
	 * collectors.
	 * @param recent how many of the most recent points to keep for display
	 * @param window the trend window the history is sized for
	 * @return the started tracker
	 */
	public static LiveSetTracker startPlatform(int recent, Duration window) {
		List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
		Set<String> names = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
		MemoryPoolMXBean g1OldGen = heapPools.stream()
			.filter((pool) -> pool.getName().equals(G1_OLD_GEN))
			.findFirst()
			.orElse(null);
		Clock clock = Clock.systemUTC();
		List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
		boolean zgc = collectors.stream().anyMatch((collector) -> collector.getName().startsWith("ZGC "));
		LiveSetTracker tracker = new LiveSetTracker(clock, names, g1OldGen, names.contains(SHENANDOAH_OLD_GEN),
				zgc ? new CycleAllocation(CycleAllocation.platformAllocatedBytes()) : null,
				LiveSetHistory.forWindow(window, recent, clock.instant()));
		tracker.seed(collectors, ManagementFactory.getRuntimeMXBean().getStartTime());
		tracker.listenTo(collectors);
		return tracker;
	}

	/**
	 * Record the latest collection of each collector that ended before the tracker
	 * started, so that the live set is known from the start: a quiet application with a
	 * large young generation may not collect again for minutes, and the live-set gauge
	 * would read NaN all that time. Seeded points do not count in
	 * {@link LiveSet#collections()}. Only a full collection is a reading here: what came
	 * before a G1 mixed collection, or what was allocated while a ZGC cycle ran, is not
	 * known.
	 * @param collectors the collector beans
	 * @param jvmStartMillis when the JVM started (epoch milliseconds), which the
	 * collectors' times are relative to
	 */
	void seed(List<GarbageCollectorMXBean> collectors, long jvmStartMillis) {
		for (GarbageCollectorMXBean collector : collectors) {
			if (!(collector instanceof com.sun.management.GarbageCollectorMXBean bean)) {
				continue;
			}
			GcInfo info = bean.getLastGcInfo();
			// A GcInfo does not carry the action; the collector's name decides.
			CollectionScope scope = (info != null) ? scope(collector.getName(), "", info) : null;
			if (scope != null) {
				LiveSet.Point point = point(Instant.ofEpochMilli(jvmStartMillis + info.getEndTime()),
						collector.getName(), scope, info);
				this.history.addSeed((scope == CollectionScope.FULL) ? point.asLiveSet() : point.asUpperBound());
			}
		}
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
				synchronized (this.emitters) {
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
		String collector = info.getGcName();
		GcInfo gcInfo = info.getGcInfo();
		CycleAllocation cycles = this.allocation;
		CollectionScope scope = scope(collector, info.getGcAction(), gcInfo);
		if (scope == null) {
			if (cycles != null) {
				cycles.paused(collector, gcInfo.getStartTime());
			}
			return;
		}
		long allocated = (cycles != null && collector.startsWith("ZGC "))
				? cycles.ended(collector, gcInfo.getStartTime()) : -1;
		MemoryUsage oldGen = gcInfo.getMemoryUsageAfterGc().get(ZGC_OLD_GEN);
		collected(collector, point(this.clock.instant(), collector, scope, gcInfo), allocated,
				(oldGen != null) ? oldGen.getUsed() : 0);
	}

	/**
	 * Record a collection and decide whether it gives a live-set reading.
	 * @param collector the collector bean's name
	 * @param point the heap right after it, not yet marked as a reading
	 * @param allocatedDuring for a ZGC cycle, the bytes allocated while it ran, negative
	 * when unknown
	 * @param floor for a ZGC cycle, the least its reading can be: the old generation's
	 * figure after it (generational ZGC), else 0
	 */
	synchronized void collected(String collector, LiveSet.Point point, long allocatedDuring, long floor) {
		switch (point.scope()) {
			case FULL -> {
				endPhase();
				this.history.add(point.asLiveSet());
			}
			case MIXED -> marking(point);
			case CONCURRENT -> {
				if (collector.equals(G1_CONCURRENT)) {
					marking(point);
				}
				else if (collector.startsWith("ZGC ") && allocatedDuring >= 0
						&& Math.max(floor, point.bytes() - allocatedDuring) > 0) {
					this.history.add(new LiveSet.Point(point.time(), Math.max(floor, point.bytes() - allocatedDuring),
							point.committed(), point.scope(), true));
				}
				else {
					this.history.add(point.asUpperBound());
				}
			}
			case YOUNG -> {
				this.history.add(point.asUpperBound());
				if (CollectionScope.isG1Young(collector)) {
					// old regions are no longer collected: the marking phase is over
					endPhase();
				}
			}
		}
	}

	private void marking(LiveSet.Point point) {
		this.history.add(point.asUpperBound());
		LiveSet.Point reading = this.phase.add(point);
		if (reading != null) {
			this.history.addReading(reading);
		}
	}

	private void endPhase() {
		LiveSet.Point reading = this.phase.end();
		if (reading != null) {
			this.history.addReading(reading);
		}
	}

	private @Nullable CollectionScope scope(String collector, String action, GcInfo info) {
		boolean collectedOld = false;
		MemoryPoolMXBean oldGen = this.g1OldGen;
		if (CollectionScope.isG1Young(collector) && oldGen != null) {
			collectedOld = collectedOld(info.getMemoryUsageBeforeGc().get(G1_OLD_GEN),
					info.getMemoryUsageAfterGc().get(G1_OLD_GEN), oldGen.getCollectionUsage());
		}
		return CollectionScope.classify(collector, action, collectedOld, this.generationalShenandoah);
	}

	/**
	 * Return whether a G1 young-bean collection collected old regions: the old
	 * generation's usage after it is its collection usage, which HotSpot sets only when
	 * old regions are collected, and differs from its usage before it. An old generation
	 * the collection left as it was equals the collection usage only because nothing was
	 * promoted since the last mixed collection: no old region was collected.
	 * @param before the old generation before the collection, if reported
	 * @param after the old generation after it, if reported
	 * @param collection the old generation's collection usage, if reported
	 * @return whether the collection was mixed
	 */
	static boolean collectedOld(@Nullable MemoryUsage before, @Nullable MemoryUsage after,
			@Nullable MemoryUsage collection) {
		return after != null && collection != null && after.getUsed() == collection.getUsed()
				&& after.getCommitted() == collection.getCommitted()
				&& (before == null || before.getUsed() != after.getUsed());
	}

	private LiveSet.Point point(Instant time, String collector, CollectionScope scope, GcInfo info) {
		// G1's Remark and Cleanup pauses leave eden as it is: what was allocated since
		// the last young collection, which no marking has looked at.
		boolean skipEden = collector.equals(G1_CONCURRENT);
		long used = 0;
		long committed = 0;
		for (Map.Entry<String, MemoryUsage> entry : info.getMemoryUsageAfterGc().entrySet()) {
			if (this.heapPoolNames.contains(entry.getKey())) {
				committed += entry.getValue().getCommitted();
				if (!(skipEden && entry.getKey().contains("Eden"))) {
					used += entry.getValue().getUsed();
				}
			}
		}
		return new LiveSet.Point(time, Math.max(0, used), Math.max(0, committed), scope);
	}

	/**
	 * Record a point as it is: a live-set reading unless its scope is young. Public so
	 * that tests and replays can feed the tracker directly.
	 * @param time when the collection ended
	 * @param bytes heap used right after it
	 * @param committed heap committed right after it
	 * @param scope what the collection collected or marked
	 */
	public void record(Instant time, long bytes, long committed, CollectionScope scope) {
		this.history.add(new LiveSet.Point(time, Math.max(0, bytes), Math.max(0, committed), scope));
	}

	/**
	 * Return what the collections so far say about the live set.
	 * @return the view, shared by every reader until the next collection
	 */
	public LiveSet liveSet() {
		return this.history.view();
	}

	@Override
	public void close() {
		synchronized (this.emitters) {
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

}
