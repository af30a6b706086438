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

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * Fills a {@link MemoryHistory} from one background thread: a fresh gauge-depth snapshot
 * every {@link MemoryHistory#interval() interval} (the cost of reading
 * {@code /proc/self/status}, the cgroup files and the MXBeans) and a full capture with
 * its breakdown every {@link MemoryHistory#breakdownInterval() breakdown interval}. Reads
 * of the history never sample anything.
 *
 * @since 0.1.0
 */
public final class HistorySampler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HistorySampler.class);

	private final MemoryHistory history;

	private final Supplier<GaugeSnapshot> snapshots;

	private final Supplier<FullSnapshot> fullSnapshots;

	private final Function<FullSnapshot, Reading<RssBreakdown>> breakdowns;

	private final List<Consumer<GaugeSnapshot>> listeners;

	private final Supplier<@Nullable SoftLimitStatus> softLimit;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a sampler; nothing runs before {@link #start()}.
	 * @param history where the points go
	 * @param snapshots fresh gauge-depth snapshots (not a cache: each point is a reading
	 * of its own)
	 * @param fullSnapshots full captures (a rate-limited cache is fine: a capture
	 * recorded already is ignored)
	 * @param breakdowns the breakdown of a full capture
	 */
	public HistorySampler(MemoryHistory history, Supplier<GaugeSnapshot> snapshots,
			Supplier<FullSnapshot> fullSnapshots, Function<FullSnapshot, Reading<RssBreakdown>> breakdowns) {
		this(history, snapshots, fullSnapshots, breakdowns, List.of());
	}

	/**
	 * Create a sampler that also hands every gauge-depth point to listeners, on its
	 * thread.
	 * @param history where the points go
	 * @param snapshots fresh gauge-depth snapshots
	 * @param fullSnapshots full captures
	 * @param breakdowns the breakdown of a full capture
	 * @param listeners told about every gauge-depth point after it is recorded
	 */
	public HistorySampler(MemoryHistory history, Supplier<GaugeSnapshot> snapshots,
			Supplier<FullSnapshot> fullSnapshots, Function<FullSnapshot, Reading<RssBreakdown>> breakdowns,
			List<Consumer<GaugeSnapshot>> listeners) {
		this(history, snapshots, fullSnapshots, breakdowns, listeners, () -> null);
	}

	/**
	 * Create a sampler that also records the soft limit's target and state with every
	 * gauge-depth point.
	 * @param history where the points go
	 * @param snapshots fresh gauge-depth snapshots
	 * @param fullSnapshots full captures
	 * @param breakdowns the breakdown of a full capture
	 * @param listeners told about every gauge-depth point after it is recorded
	 * @param softLimit the soft limit's current status, or {@code null} without a
	 * controller
	 */
	public HistorySampler(MemoryHistory history, Supplier<GaugeSnapshot> snapshots,
			Supplier<FullSnapshot> fullSnapshots, Function<FullSnapshot, Reading<RssBreakdown>> breakdowns,
			List<Consumer<GaugeSnapshot>> listeners, Supplier<@Nullable SoftLimitStatus> softLimit) {
		this.softLimit = softLimit;
		this.history = history;
		this.snapshots = snapshots;
		this.fullSnapshots = fullSnapshots;
		this.breakdowns = breakdowns;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Take the first points now and then start sampling in the background.
	 */
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "memory-actuator-history");
			thread.setDaemon(true);
			return thread;
		});
		long gauge = this.history.interval().toMillis();
		long breakdown = this.history.breakdownInterval().toMillis();
		executor.scheduleAtFixedRate(this::sampleGauge, 0, gauge, TimeUnit.MILLISECONDS);
		executor.scheduleAtFixedRate(this::sampleBreakdown, 0, breakdown, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	/**
	 * Record one gauge-depth point now.
	 */
	public void sampleGauge() {
		try {
			GaugeSnapshot snapshot = this.snapshots.get();
			this.history.record(snapshot, this.softLimit.get());
			for (Consumer<GaugeSnapshot> listener : this.listeners) {
				listener.accept(snapshot);
			}
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again: keep sampling.
			logger.warn("Memory history: a gauge point could not be taken", ex);
		}
	}

	/**
	 * Record one breakdown point now, when the full capture has a breakdown.
	 */
	public void sampleBreakdown() {
		try {
			FullSnapshot full = this.fullSnapshots.get();
			RssBreakdown breakdown = this.breakdowns.apply(full).orNull();
			if (breakdown != null) {
				this.history.record(full, breakdown);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Memory history: a breakdown point could not be taken", ex);
		}
	}

	/**
	 * Stop sampling.
	 */
	@Override
	public synchronized void close() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

}
