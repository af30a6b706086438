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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.history.GaugePoint;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.softlimit.SoftLimitState;

/**
 * The {@code history} section: the memory history in a time range, oldest first. Sizes
 * are bytes; a figure that could not be read is {@code null}.
 *
 * @param from the start of the range
 * @param to its end
 * @param intervalSeconds how often gauge-depth points are taken
 * @param breakdownIntervalSeconds how often breakdown points are taken
 * @param retentionSeconds how long points are kept
 * @param startedAt since when points are recorded
 * @param footprintBytes what the history's rings hold in the heap, fixed at start
 * @param points the gauge-depth points
 * @param breakdowns the breakdown points
 * @since 0.1.0
 */
public record HistorySection(Instant from, Instant to, long intervalSeconds, long breakdownIntervalSeconds,
		long retentionSeconds, Instant startedAt, long footprintBytes, List<Point> points,
		List<Breakdown> breakdowns) implements OperationResponseBody {

	static HistorySection of(MemoryHistory history, Instant from, Instant to) {
		// Seconds, not Duration: Jackson 2 and 3 write a Duration differently.
		return new HistorySection(from, to, history.interval().toSeconds(), history.breakdownInterval().toSeconds(),
				history.retention().toSeconds(), history.startedAt(), history.footprintBytes(),
				history.gauge(from, to).stream().map(Point::of).toList(),
				history.breakdowns(from, to).stream().map(Breakdown::of).toList());
	}

	private static @Nullable Long bytes(OptionalLong value) {
		return value.isPresent() ? value.getAsLong() : null;
	}

	/**
	 * A gauge-depth point.
	 *
	 * @param time when it was read
	 * @param rss resident set size
	 * @param rssAnon resident anonymous memory
	 * @param rssFile resident file-backed memory
	 * @param heapUsed heap used
	 * @param heapCommitted heap committed
	 * @param liveSet the live set at that moment, {@code null} before the first reading
	 * @param headroomRatio (committed - live) / live, {@code null} before the first
	 * reading
	 * @param containerUsage memory charged to the cgroup
	 * @param containerLimit the cgroup's effective limit, {@code null} without one
	 * @param softLimitTarget the soft limit's target, {@code null} when none was set
	 * @param softLimitState the soft limit's state ({@code HOLDING}, {@code OVER},
	 * {@code THROTTLED}, {@code UNREACHABLE}), {@code null} when no target was set
	 */
	public record Point(Instant time, @Nullable Long rss, @Nullable Long rssAnon, @Nullable Long rssFile, long heapUsed,
			long heapCommitted, @Nullable Long liveSet, @Nullable Double headroomRatio, @Nullable Long containerUsage,
			@Nullable Long containerLimit, @Nullable Long softLimitTarget, @Nullable String softLimitState) {

		static Point of(GaugePoint point) {
			double ratio = point.headroomRatio();
			SoftLimitState state = point.softLimitState();
			return new Point(point.time(), bytes(point.rss()), bytes(point.rssAnon()), bytes(point.rssFile()),
					point.heapUsed(), point.heapCommitted(), bytes(point.live()),
					(Double.isNaN(ratio) || Double.isInfinite(ratio)) ? null : ratio, bytes(point.containerUsage()),
					bytes(point.containerLimit()), bytes(point.softLimitTarget()),
					(state != null) ? state.name() : null);
		}

	}

	/**
	 * A breakdown point.
	 *
	 * @param time when the full capture was taken
	 * @param rss the RSS the categories add up to
	 * @param categories bytes by category (the tag values of
	 * {@code process.memory.breakdown})
	 * @param mallocInUse glibc's bytes allocated and not freed, {@code null} without its
	 * statistics
	 * @param mallocFree glibc's free bytes in its arenas
	 * @param nmtCommitted committed bytes by NMT category, empty with NMT off
	 */
	public record Breakdown(Instant time, long rss, Map<String, Long> categories, @Nullable Long mallocInUse,
			@Nullable Long mallocFree, Map<String, Long> nmtCommitted) {

		static Breakdown of(BreakdownPoint point) {
			Map<String, Long> categories = new java.util.LinkedHashMap<>();
			point.categories().forEach((category, bytes) -> categories.put(category.tag(), bytes));
			return new Breakdown(point.time(), point.rss(), categories, bytes(point.mallocInUse()),
					bytes(point.mallocFree()), point.nmtCommitted());
		}

	}

}
