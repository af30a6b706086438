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

package io.github.memoryactuator.endpoint;

import java.time.Duration;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.reclaim.ReclaimReport;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.tuning.HeapTuning;

/**
 * The JSON of {@code POST /actuator/memory} and of the {@code tuning} section. Sizes are
 * bytes, durations milliseconds.
 *
 * @since 0.1.0
 */
public final class ReclaimSections {

	private ReclaimSections() {
	}

	static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 10_000.0) / 100.0;
	}

	static @Nullable Long bytes(OptionalLong value) {
		return GaugeSections.bytes(value);
	}

	/**
	 * The report of one reclaim.
	 *
	 * @param summary one line, such as "released 1.9 GB: heap uncommit 1.0 GB, native
	 * trim 0.9 GB"
	 * @param released what the whole reclaim released (positive = given back)
	 * @param durationMillis how long it took
	 * @param collector which collector held the heap, and why it did or did not shrink
	 * @param gc the full collection and the wait for the heap uncommit
	 * @param trim the native heap trim
	 * @param tuning the heap-shrink flags before and after, or {@code null}
	 * @param before figures before the first step
	 * @param after figures after the last step
	 */
	public record ReclaimResult(String summary, Released released, double durationMillis, Collector collector,
			GcStep gc, TrimStep trim, @Nullable TuningChange tuning, Figures before,
			Figures after) implements OperationResponseBody {

		static ReclaimResult of(ReclaimReport report) {
			ReclaimReport.GcStep gc = report.gc();
			ReclaimReport.TrimStep trim = report.trim();
			return new ReclaimResult(report.summary(), Released.of(report.released()), millis(report.duration()),
					new Collector(report.collector().kind().displayName(), report.collector().explanation()),
					new GcStep(gc.status().name().toLowerCase(java.util.Locale.ROOT), gc.reason(), millis(gc.pause()),
							millis(gc.settle()), gc.settled(), Released.of(gc.released())),
					new TrimStep(trim.status().name().toLowerCase(java.util.Locale.ROOT), trim.reason(), trim.output(),
							(trim.reported() != null) ? trim.reported().released() : null, millis(trim.duration()),
							Released.of(trim.released())),
					(report.tuning() != null)
							? new TuningChange(Tuning.of(report.tuning().before()), Tuning.of(report.tuning().after()))
							: null,
					Figures.of(report.before()), Figures.of(report.after()));
		}

	}

	/**
	 * Memory given back; positive when it fell.
	 *
	 * @param rss resident set size, {@code null} where /proc cannot be read
	 * @param rssAnon resident anonymous memory, {@code null} where unknown
	 * @param heapCommitted heap committed
	 */
	public record Released(@Nullable Long rss, @Nullable Long rssAnon, long heapCommitted) {

		static Released of(ReclaimReport.Released released) {
			return new Released(GaugeSections.bytes(released.rss()), GaugeSections.bytes(released.rssAnon()),
					released.heapCommitted());
		}

	}

	/**
	 * The collector.
	 *
	 * @param name its name
	 * @param explanation why the heap did or did not shrink
	 */
	public record Collector(String name, String explanation) {
	}

	/**
	 * The GC step.
	 *
	 * @param status completed, skipped, unavailable or failed
	 * @param reason why it did not complete, or {@code null}
	 * @param pauseMillis the collection's own time: the application pause
	 * @param settleMillis the wait for RSS and heap committed to stop falling
	 * @param settled whether they stopped falling before the timeout
	 * @param released what the collection and the uncommit released
	 */
	public record GcStep(String status, @Nullable String reason, double pauseMillis, double settleMillis,
			boolean settled, Released released) {
	}

	/**
	 * The trim step.
	 *
	 * @param status completed, skipped, unavailable or failed
	 * @param reason why it did not complete, or {@code null}
	 * @param jvmOutput what the JVM printed, verbatim
	 * @param jvmReportedReleased what the JVM said it released (RSS + swap)
	 * @param durationMillis how long it took
	 * @param released what was measured around it
	 */
	public record TrimStep(String status, @Nullable String reason, @Nullable String jvmOutput,
			@Nullable Long jvmReportedReleased, double durationMillis, Released released) {
	}

	/**
	 * The heap-shrink flags before and after.
	 *
	 * @param before before
	 * @param after after
	 */
	public record TuningChange(Tuning before, Tuning after) {
	}

	/**
	 * The gauge-depth figures a reclaim is judged by.
	 *
	 * @param capturedAt when they were read
	 * @param rss resident set size
	 * @param rssAnon resident anonymous memory
	 * @param heapUsed heap used
	 * @param heapCommitted heap committed
	 * @param live the live set after the latest GC
	 * @param committedTotal heap + non-heap + direct buffers
	 */
	public record Figures(java.time.Instant capturedAt, @Nullable Long rss, @Nullable Long rssAnon, long heapUsed,
			long heapCommitted, @Nullable Long live, long committedTotal) {

		static Figures of(GaugeSnapshot snapshot) {
			var status = snapshot.process().orNull();
			return new Figures(snapshot.capturedAt(), (status != null) ? status.rss() : null,
					(status != null) ? GaugeSections.bytes(status.rssAnon()) : null, snapshot.jvm().heapUsed(),
					snapshot.jvm().heapCommitted(), GaugeSections.bytes(snapshot.live()), snapshot.committedTotal());
		}

	}

	/**
	 * The {@code tuning} section: the heap-shrink flags, Java's answer to Go's
	 * {@code GOGC}. After a GC the heap keeps between {@code minHeapFreeRatio} and
	 * {@code maxHeapFreeRatio} percent of itself free.
	 *
	 * @param collector the running collector
	 * @param minHeapFreeRatio {@code MinHeapFreeRatio}: the heap grows when less is free
	 * @param maxHeapFreeRatio {@code MaxHeapFreeRatio}: the heap shrinks when more is
	 * free
	 * @param g1PeriodicGcIntervalMillis {@code G1PeriodicGCInterval}; 0 = off
	 * @param honoured whether the running collector uses the two ratios
	 */
	public record Tuning(@Nullable String collector, @Nullable Integer minHeapFreeRatio,
			@Nullable Integer maxHeapFreeRatio, @Nullable Long g1PeriodicGcIntervalMillis,
			@Nullable Boolean honoured) implements OperationResponseBody {

		static Tuning of(HeapSettings settings) {
			return new Tuning(null, settings.minHeapFreeRatio(), settings.maxHeapFreeRatio(),
					(settings.g1PeriodicGcInterval() != null) ? settings.g1PeriodicGcInterval().toMillis() : null,
					null);
		}

		static Tuning of(HeapTuning tuning) {
			HeapSettings current = tuning.current();
			return new Tuning(tuning.collector().displayName(), current.minHeapFreeRatio(), current.maxHeapFreeRatio(),
					(current.g1PeriodicGcInterval() != null) ? current.g1PeriodicGcInterval().toMillis() : null,
					tuning.collector().usesFreeRatios());
		}

	}

}
