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

package io.github.memoryactuator.watch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * How much one stop-the-world collection can add to the old generation at once: growth no
 * thread of the application can watch as it happens. A young collection copies what
 * survives into the old generation inside the pause; when the old generation grows into
 * pages it never touched, they are charged then, all at once. A leak whose young
 * generation is full of live objects (a young generation the JVM sized for a heap larger
 * than the container) can so take a process from below the pre-OOM threshold past the
 * limit within one pause, during which no sampler runs.
 * <p>
 * The figure is the larger of two: the most the old generation grew within one of the
 * last {@value #REMEMBERED} collections, and what the latest young collection moved, as a
 * share of the young generation it found, applied to the young generation's size now. The
 * second sees a leak coming when the JVM has just grown its young generation: the next
 * collection then moves more than any before it. Both are upper bounds of what a pause
 * charges: the old generation may grow into pages it used before. Only the collectors
 * that move objects in a pause count (Serial, Parallel, G1's young and full collections);
 * ZGC's and Shenandoah's work runs beside the application, where the watch sees it.
 *
 * @since 0.1.0
 */
final class PauseGrowth {

	/**
	 * How many of the latest stop-the-world collections are remembered: enough to span
	 * the young collections of a leak, few enough that start-up's are soon forgotten.
	 */
	static final int REMEMBERED = 8;

	private static final Set<String> YOUNG = Set.of("Copy", "PS Scavenge", "G1 Young Generation");

	private static final Set<String> STOP_THE_WORLD = Set.of("Copy", "MarkSweepCompact", "PS Scavenge", "PS MarkSweep",
			"G1 Young Generation", "G1 Old Generation");

	private final long[] growths = new long[REMEMBERED];

	private int next;

	// What the latest young collection moved, as a share of the young generation it
	// found; the young generation's size after the latest collection.
	private double moved;

	private long youngSize;

	private final NotificationListener listener = this::handle;

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final List<MemoryPoolMXBean> youngPools = new ArrayList<>();

	/**
	 * Listen to the collections of this JVM.
	 */
	synchronized void start() {
		if (!this.emitters.isEmpty()) {
			return;
		}
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && isYoungGeneration(pool.getName())) {
				this.youngPools.add(pool);
			}
		}
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter && STOP_THE_WORLD.contains(collector.getName())) {
				emitter.addNotificationListener(this.listener, null, null);
				this.emitters.add(emitter);
			}
		}
	}

	/**
	 * Stop listening.
	 */
	synchronized void stop() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// Already removed: nothing to undo.
			}
		}
		this.emitters.clear();
		this.youngPools.clear();
	}

	/**
	 * Return how much one stop-the-world collection can add to the old generation: the
	 * most one of the remembered collections did, or the latest young collection's share
	 * of the young generation applied to its size now, whichever is larger.
	 * @return the bytes, 0 before any collection
	 */
	synchronized long largest() {
		long largest = (long) (this.moved * this.youngSize);
		for (long growth : this.growths) {
			largest = Math.max(largest, growth);
		}
		return largest;
	}

	/**
	 * Record one collection.
	 * @param collector the collector bean's name
	 * @param before the pools' usage before it
	 * @param after the pools' usage after it
	 * @param youngSize the young generation's committed size after it
	 */
	synchronized void record(String collector, Map<String, MemoryUsage> before, Map<String, MemoryUsage> after,
			long youngSize) {
		if (!STOP_THE_WORLD.contains(collector)) {
			return;
		}
		long growth = 0;
		long young = 0;
		for (Map.Entry<String, MemoryUsage> pool : after.entrySet()) {
			MemoryUsage earlier = before.get(pool.getKey());
			if (earlier == null) {
				continue;
			}
			if (isOldGeneration(pool.getKey())) {
				growth += Math.max(0, pool.getValue().getUsed() - earlier.getUsed());
			}
			else if (isYoungGeneration(pool.getKey())) {
				young += earlier.getUsed();
			}
		}
		this.growths[this.next] = growth;
		this.next = (this.next + 1) % REMEMBERED;
		if (YOUNG.contains(collector) && young > 0) {
			this.moved = Math.min(1, (double) growth / young);
		}
		this.youngSize = youngSize;
	}

	// "Tenured Gen" (Serial), "PS Old Gen" (Parallel), "G1 Old Gen".
	private static boolean isOldGeneration(String pool) {
		return pool.contains("Old Gen") || pool.contains("Tenured");
	}

	// "Eden Space" and "Survivor Space" (Serial), "PS Eden Space", "G1 Eden Space", ...
	private static boolean isYoungGeneration(String pool) {
		return pool.contains("Eden") || pool.contains("Survivor");
	}

	private void handle(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
				|| !(notification.getUserData() instanceof CompositeData data)) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
		// The young generation's size read now rather than from the notification:
		// Serial resizes it after a full collection, later than the figures it reports.
		List<MemoryPoolMXBean> pools;
		synchronized (this) {
			pools = List.copyOf(this.youngPools);
		}
		long youngSize = 0;
		for (MemoryPoolMXBean pool : pools) {
			youngSize += pool.getUsage().getCommitted();
		}
		record(info.getGcName(), info.getGcInfo().getMemoryUsageBeforeGc(), info.getGcInfo().getMemoryUsageAfterGc(),
				youngSize);
	}

}
