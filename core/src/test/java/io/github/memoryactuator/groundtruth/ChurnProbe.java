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

package io.github.memoryactuator.groundtruth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.github.memoryactuator.liveset.CollectionScope;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.metrics.MemoryMetrics;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

/**
 * A busy service for the live-set gauge, run in a fresh JVM by {@link GroundTruthProbe}'s
 * {@code churn} mode: short-lived garbage for frequent young collections, and chunks of
 * small arrays, each held a fixed time, so that they are promoted and die in the old
 * generation. It knows at every moment how many bytes it holds, and reads the product's
 * own gauge ({@code jvm.memory.heap.live}) ten times a second. Printed, as
 * {@code key=value} lines: the baseline (the live-set reading after a full collection at
 * the start, before the workload), each live-set reading against the bytes held at its
 * collection plus the baseline, young collections a second, and how long the gauge read
 * NaN after the collector first marked.
 * <p>
 * Steady state from the start: the first chunks are made at once, with lifetimes spread
 * over one lifetime, so the held bytes are level from the start and the old generation
 * fills with dead chunks at the promoted rate.
 */
final class ChurnProbe {

	private static final long MB = 1024 * 1024;

	private static final int ARRAY = 4096;

	private static final int ARRAYS_PER_CHUNK = 16;

	// 16 byte[4096] with 16-byte array headers, and the Object[16] that holds them
	private static final long CHUNK = ARRAYS_PER_CHUNK * (16L + ARRAY) + 16 + 8L * ARRAYS_PER_CHUNK;

	private static volatile Object sink;

	private final Duration duration;

	private final long shortLivedPerSecond;

	private final long promotedPerSecond;

	private final Duration lifetime;

	private final long baselineBytes;

	private final double spread;

	// chunks by when they die (System.nanoTime())
	private final TreeMap<Long, Object[]> chunks = new TreeMap<>();

	private final Random random = new Random(42);

	private volatile long held;

	private volatile boolean stop;

	ChurnProbe(String[] args) {
		this.duration = Duration.ofSeconds(Long.parseLong(args[1]));
		this.shortLivedPerSecond = Long.parseLong(args[2]) * MB;
		this.promotedPerSecond = Long.parseLong(args[3]) * MB;
		this.lifetime = Duration.ofSeconds(Long.parseLong(args[4]));
		this.baselineBytes = Long.parseLong(args[5]) * MB;
		this.spread = (args.length > 6) ? Double.parseDouble(args[6]) : 0;
	}

	void run() throws Exception {
		LiveSetTracker tracker = LiveSetTracker.startPlatform(8192);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		GaugeSnapshotter snapshotter = GroundTruthProbe.snapshotter(tracker);
		new MemoryMetrics(snapshotter::capture).bindTo(registry);
		Gauge gauge = registry.get("jvm.memory.heap.live").gauge();
		// the application's own long-lived data, part of the baseline
		List<byte[]> application = new ArrayList<>();
		for (long bytes = 0; bytes < this.baselineBytes; bytes += 16 + ARRAY) {
			application.add(new byte[ARRAY]);
		}
		long baseline = baseline(tracker, snapshotter);
		GroundTruthProbe.print("baseline", baseline);
		Thread workload = new Thread(this::work, "churn");
		workload.setDaemon(true);
		// steady state at once: one lifetime's chunks, dying evenly over the next
		// lifetime;
		// readings count from a second later, when no cycle that saw them made starts
		long prefill = System.nanoTime();
		long initial = this.promotedPerSecond * this.lifetime.toSeconds() / CHUNK;
		for (long i = 0; i < initial; i++) {
			hold(prefill + (long) (lifetime() * (i + 1) / initial));
		}
		Thread.sleep(1000);
		Instant start = Instant.now();
		long youngAtStart = GroundTruthProbe.youngCollections();
		workload.start();
		TreeMap<Instant, Long> heldAt = new TreeMap<>();
		heldAt.put(start, this.held);
		List<String> readings = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		List<Double> markingRatios = new ArrayList<>();
		LiveSet.Point lastReading = tracker.liveSet().liveSet();
		// the baseline's full collection is the first marking
		Instant lastMarking = (lastReading != null) ? lastReading.time() : start;
		Duration longestWithoutMarking = Duration.ZERO;
		Duration oldestReading = Duration.ZERO;
		int nanSamples = 0;
		long end = System.nanoTime() + this.duration.toNanos();
		while (System.nanoTime() < end) {
			Thread.sleep(100);
			Instant now = Instant.now();
			heldAt.put(now, this.held);
			double value = gauge.value();
			LiveSet liveSet = tracker.liveSet();
			// every collection that marked or collected the old generation
			for (LiveSet.Point point : liveSet.recent()) {
				if (point.time().isAfter(start) && point.scope() != CollectionScope.YOUNG
						&& point.time().isAfter(lastMarking)) {
					if (Duration.between(lastMarking, point.time()).compareTo(longestWithoutMarking) > 0) {
						longestWithoutMarking = Duration.between(lastMarking, point.time());
					}
					lastMarking = point.time();
					markingRatios.add((double) point.bytes() / (baseline + held(heldAt, point.time())));
				}
			}
			nanSamples += Double.isNaN(value) ? 1 : 0;
			LiveSet.Point reading = liveSet.liveSet();
			if (reading != null && Duration.between(reading.time(), now).compareTo(oldestReading) > 0) {
				oldestReading = Duration.between(reading.time(), now);
			}
			if (reading != null && !reading.equals(lastReading) && reading.time().isAfter(start)) {
				lastReading = reading;
				long truth = baseline + held(heldAt, reading.time());
				double ratio = value / truth;
				ratios.add(ratio);
				readings.add(String.format(Locale.ROOT, "%.1fs:%s:%.1f/%.1fMB=%.2f",
						Duration.between(start, reading.time()).toMillis() / 1000.0, reading.scope().label(),
						value / MB, truth / (double) MB, ratio));
			}
		}
		double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
		this.stop = true;
		GroundTruthProbe.print("youngPerSecond", (GroundTruthProbe.youngCollections() - youngAtStart) / elapsed);
		GroundTruthProbe.print("held", this.held);
		GroundTruthProbe.print("readings", readings.size());
		GroundTruthProbe.print("readingList", String.join(" ", readings));
		summary("ratio", ratios);
		GroundTruthProbe.print("markings", markingRatios.size());
		summary("markingRatio", markingRatios);
		GroundTruthProbe.print("nanSamples", nanSamples);
		GroundTruthProbe.print("longestWithoutMarkingSeconds", longestWithoutMarking.toMillis() / 1000.0);
		GroundTruthProbe.print("oldestReadingSeconds", oldestReading.toMillis() / 1000.0);
		GroundTruthProbe.print("applicationHeld", application.size());
	}

	private static long held(TreeMap<Instant, Long> heldAt, Instant time) {
		Map.Entry<Instant, Long> entry = heldAt.floorEntry(time);
		return (entry != null) ? entry.getValue() : heldAt.firstEntry().getValue();
	}

	private static void summary(String name, List<Double> values) {
		if (!values.isEmpty()) {
			List<Double> sorted = new ArrayList<>(values);
			Collections.sort(sorted);
			GroundTruthProbe.print(name + "Min", sorted.get(0));
			GroundTruthProbe.print(name + "Median", sorted.get(sorted.size() / 2));
			GroundTruthProbe.print(name + "Max", sorted.get(sorted.size() - 1));
		}
	}

	// The heap after a full collection (for Shenandoah, after its cycle: an upper bound,
	// since its cycles give no reading), once its notification has been seen.
	private static long baseline(LiveSetTracker tracker, GaugeSnapshotter snapshotter) throws InterruptedException {
		long collections = tracker.liveSet().collections();
		System.gc();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		boolean shenandoah = GaugeSnapshotter.platformCollectors().contains("Shenandoah Cycles");
		while (System.nanoTime() < deadline) {
			LiveSet liveSet = tracker.liveSet();
			LiveSet.Point point = shenandoah ? liveSet.latest() : liveSet.liveSet();
			if (liveSet.collections() > collections && point != null && point.scope() != CollectionScope.YOUNG) {
				return point.bytes();
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("no reading after System.gc()");
	}

	private void work() {
		long start = System.nanoTime();
		long shortLived = 0;
		long promoted = 0;
		while (!this.stop) {
			long now = System.nanoTime();
			double seconds = (now - start) / 1e9;
			boolean idle = true;
			if (shortLived < seconds * this.shortLivedPerSecond) {
				for (int i = 0; i < 64; i++) {
					sink = new byte[1024];
				}
				shortLived += 64 * 1040;
				idle = false;
			}
			if (promoted < seconds * this.promotedPerSecond) {
				hold(now + (long) lifetime());
				promoted += CHUNK;
				idle = false;
			}
			while (!this.chunks.isEmpty() && this.chunks.firstKey() <= now) {
				this.chunks.pollFirstEntry();
				this.held -= CHUNK;
			}
			if (idle) {
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	// nanoseconds: the lifetime, or with a spread, uniform within it either side
	private double lifetime() {
		return this.lifetime.toNanos() * (1 - this.spread + 2 * this.spread * this.random.nextDouble());
	}

	private void hold(long death) {
		long key = death;
		while (this.chunks.containsKey(key)) {
			key++;
		}
		this.chunks.put(key, chunk());
		this.held += CHUNK;
	}

	private static Object[] chunk() {
		Object[] chunk = new Object[ARRAYS_PER_CHUNK];
		for (int i = 0; i < chunk.length; i++) {
			chunk[i] = new byte[ARRAY];
		}
		return chunk;
	}

}
