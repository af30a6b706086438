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

package io.github.memoryactuator.snapshot;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.memoryactuator.probe.kernel.ProcStatus;

/**
 * Serves a {@link FullSnapshot} and captures a new one at most once per interval, however
 * often it is asked: walking {@code smaps} stalls the process's page faults while it
 * runs. The first capture happens on the first read, not at start-up. After a reclaim,
 * which changes everything, {@link #invalidate()} lets the next read capture; the
 * reclaim's own cooldown bounds how often that happens.
 * <p>
 * A cached capture must not answer a fresh question: when RSS has moved more than
 * {@value #DRIFT_PERCENT}% since the capture, {@link #get(GaugeSnapshot)} captures again,
 * at most once per {@link #DRIFT_FLOOR}.
 *
 * @since 0.1.0
 */
public class FullSnapshotCache extends ExpiringCache<FullSnapshot> {

	/**
	 * How far, in percent of the current RSS, the capture's RSS may be from it before a
	 * read captures again.
	 */
	public static final int DRIFT_PERCENT = 10;

	/**
	 * The shortest time between two captures forced by RSS having moved.
	 */
	public static final Duration DRIFT_FLOOR = Duration.ofSeconds(1);

	/**
	 * Create a cache.
	 * @param source what captures a full snapshot
	 * @param interval the shortest time between two captures
	 */
	public FullSnapshotCache(Supplier<FullSnapshot> source, Duration interval) {
		this(source, interval, System::nanoTime);
	}

	FullSnapshotCache(Supplier<FullSnapshot> source, Duration interval, LongSupplier nanoTime) {
		super(source, interval, nanoTime);
	}

	/**
	 * Return the cached capture, or a fresh one when it has expired or when the RSS just
	 * read is more than {@value #DRIFT_PERCENT}% away from the capture's (and the capture
	 * is at least {@link #DRIFT_FLOOR} old).
	 * @param now the freshest gauge-depth snapshot
	 * @return a capture whose RSS is within {@value #DRIFT_PERCENT}% of {@code now}'s,
	 * unless RSS moved that much within the last {@link #DRIFT_FLOOR}
	 */
	public FullSnapshot get(GaugeSnapshot now) {
		return get((full) -> drifted(full.gauge(), now), DRIFT_FLOOR);
	}

	/**
	 * Return the gauge-depth snapshot a report built with a full capture should quote, so
	 * that it describes one moment: the fresher of the two, unless RSS moved more than
	 * {@value #DRIFT_PERCENT}% since the capture (which happens within
	 * {@link #DRIFT_FLOOR} of it), when the capture's own snapshot is.
	 * @param cached the gauge-depth snapshot the request read
	 * @param full the full capture it got
	 * @return the snapshot to quote with the capture
	 */
	public static GaugeSnapshot freshest(GaugeSnapshot cached, FullSnapshot full) {
		if (full.gauge().capturedAt().isAfter(cached.capturedAt()) || drifted(full.gauge(), cached)) {
			return full.gauge();
		}
		return cached;
	}

	static boolean drifted(GaugeSnapshot captured, GaugeSnapshot now) {
		ProcStatus then = captured.process().orNull();
		ProcStatus current = now.process().orNull();
		return then != null && current != null
				&& Math.abs(then.rss() - current.rss()) * 100 > current.rss() * (long) DRIFT_PERCENT;
	}

}
