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

package io.github.memoryactuator.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.probe.Reading;

/**
 * The gauge {@code process.memory.breakdown{category}}: RSS split into categories that
 * sum to RSS. Computing it walks {@code /proc/self/smaps}, so it is refreshed on its own
 * interval by one daemon thread, and a scrape only reads the latest result.
 * <p>
 * When no breakdown is available, the gauges are not registered and one line says why: at
 * INFO, or at DEBUG when the registry has no {@code process.memory.rss} either (no
 * {@code /proc}, as off Linux), because {@link MemoryMetrics} has already said so and a
 * breakdown of an RSS that cannot be read is no news.
 *
 * @since 0.1.0
 */
public class BreakdownMetrics implements MeterBinder, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BreakdownMetrics.class);

	private final Supplier<Reading<RssBreakdown>> breakdowns;

	private final Duration interval;

	private final Iterable<Tag> tags;

	private final AtomicBoolean loggedUnavailable = new AtomicBoolean();

	private volatile boolean rssGaugeMissing;

	private volatile @Nullable RssBreakdown latest;

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a binder.
	 * @param breakdowns what computes a breakdown (served from the full-capture cache)
	 * @param interval how often to refresh
	 * @param tags extra tags for every gauge
	 */
	public BreakdownMetrics(Supplier<Reading<RssBreakdown>> breakdowns, Duration interval, Iterable<Tag> tags) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("'interval' must be positive");
		}
		this.breakdowns = breakdowns;
		this.interval = interval;
		this.tags = tags;
	}

	/**
	 * Create a binder with no extra tags.
	 * @param breakdowns what computes a breakdown
	 * @param interval how often to refresh
	 */
	public BreakdownMetrics(Supplier<Reading<RssBreakdown>> breakdowns, Duration interval) {
		this(breakdowns, interval, Tags.empty());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this) {
			this.rssGaugeMissing = registry.find("process.memory.rss").meter() == null;
			if (this.latest == null && !refresh()) {
				return;
			}
			if (this.scheduler == null) {
				ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "memory-actuator-breakdown");
					thread.setDaemon(true);
					return thread;
				});
				long millis = this.interval.toMillis();
				executor.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
				this.scheduler = executor;
			}
		}
		for (Category category : Category.values()) {
			Gauge.builder("process.memory.breakdown", this, (metrics) -> metrics.bytes(category))
				.tags(this.tags)
				.tag("category", category.tag())
				.description("Resident memory by category; the categories sum to process.memory.rss")
				.baseUnit(BaseUnits.BYTES)
				.strongReference(true)
				.register(registry);
		}
	}

	/**
	 * Compute a fresh breakdown now.
	 * @return whether a breakdown is available
	 */
	boolean refresh() {
		Reading<RssBreakdown> reading;
		try {
			reading = this.breakdowns.get();
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again; keep the old figures.
			logger.warn("RSS breakdown refresh failed; keeping the previous figures", ex);
			return this.latest != null;
		}
		if (reading instanceof Reading.Available<RssBreakdown> available) {
			this.latest = available.value();
			return true;
		}
		if (this.latest == null && this.loggedUnavailable.compareAndSet(false, true)) {
			String message = "RSS breakdown gauges are not registered: " + reading.reason();
			if (this.rssGaugeMissing) {
				logger.debug(message);
			}
			else {
				logger.info(message);
			}
		}
		return this.latest != null;
	}

	private double bytes(Category category) {
		RssBreakdown breakdown = this.latest;
		return (breakdown != null) ? breakdown.bytes(category) : Double.NaN;
	}

	/**
	 * Return the latest breakdown.
	 * @return the breakdown, or {@code null} before the first
	 */
	public @Nullable RssBreakdown latest() {
		return this.latest;
	}

	@Override
	public void close() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

}
