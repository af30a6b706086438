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

package io.github.memoryactuator.preoom;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.probe.CgroupMemory;
import io.github.memoryactuator.probe.ProcStatus;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.MemorySnapshot;

/**
 * Warns once, in one log line, when the memory charged to this process crosses a share of
 * its effective limit (the cgroup's, the tightest of its and its parents'): the kernel
 * kills at the limit without a heap dump, so this line is often the only record of what
 * memory held. The line has the share, the limit, the verdict and the three largest
 * categories of the most recent breakdown point.
 * <p>
 * It fires on the way up only: after a warning it stays quiet until the share has fallen
 * below the threshold by the hysteresis, so a process that hovers at the threshold warns
 * once, not at every point. It reads only what the caller gives it (a gauge-depth
 * snapshot and the newest breakdown point of the history): nothing heavy runs near the
 * limit.
 *
 * @since 0.1.0
 */
public final class PreOomWatch implements Consumer<MemorySnapshot> {

	private static final Logger logger = LoggerFactory.getLogger(PreOomWatch.class);

	private final double threshold;

	private final double hysteresis;

	private final Function<MemorySnapshot, String> verdicts;

	private final Supplier<@Nullable BreakdownPoint> breakdowns;

	private final Consumer<String> warnings;

	private boolean armed = true;

	/**
	 * Create a watch that logs its warning.
	 * @param threshold the share of the limit that warns, above 0 and at most 1
	 * @param hysteresis how far below the threshold the share must fall before the watch
	 * warns again
	 * @param verdicts the verdict for a snapshot (a diagnosis without a full capture)
	 * @param breakdowns the newest breakdown point, or {@code null} if there is none
	 */
	public PreOomWatch(double threshold, double hysteresis, Function<MemorySnapshot, String> verdicts,
			Supplier<@Nullable BreakdownPoint> breakdowns) {
		this(threshold, hysteresis, verdicts, breakdowns, logger::warn);
	}

	PreOomWatch(double threshold, double hysteresis, Function<MemorySnapshot, String> verdicts,
			Supplier<@Nullable BreakdownPoint> breakdowns, Consumer<String> warnings) {
		if (!(threshold > 0 && threshold <= 1)) {
			throw new IllegalArgumentException("'threshold' must be above 0 and at most 1, but was " + threshold);
		}
		if (!(hysteresis >= 0 && hysteresis < threshold)) {
			throw new IllegalArgumentException(
					"'hysteresis' must be at least 0 and below the threshold, but was " + hysteresis);
		}
		this.threshold = threshold;
		this.hysteresis = hysteresis;
		this.verdicts = verdicts;
		this.breakdowns = breakdowns;
		this.warnings = warnings;
	}

	/**
	 * Look at one gauge-depth point; warn if it crossed the threshold.
	 * @param snapshot the point
	 */
	@Override
	public synchronized void accept(MemorySnapshot snapshot) {
		CgroupMemory cgroup = snapshot.container().orNull();
		if (cgroup == null || cgroup.limit().isUnlimited()) {
			return;
		}
		long limit = cgroup.limit().bytes().getAsLong();
		ProcStatus status = snapshot.process().orNull();
		long rss = (status != null) ? status.rss() : 0;
		// What the kernel weighs: the cgroup's usage less the page cache it can drop, or
		// RSS where that is larger (a cgroup shared with other processes is not ours).
		long charged = Math.max(rss, cgroup.workingSet().orElse(cgroup.usage()));
		double share = (limit > 0) ? (double) charged / limit : 0;
		if (share < this.threshold - this.hysteresis) {
			this.armed = true;
			return;
		}
		if (share < this.threshold || !this.armed) {
			return;
		}
		this.armed = false;
		this.warnings.accept(String.format(Locale.ROOT,
				"Memory is at %.0f%% of the limit of %s (RSS %s, cgroup usage %s); the kernel kills the process at "
						+ "the limit. %s%s",
				share * 100, ByteSizes.format(limit), ByteSizes.format(rss), ByteSizes.format(cgroup.usage()),
				this.verdicts.apply(snapshot), largest(this.breakdowns.get())));
	}

	private static String largest(@Nullable BreakdownPoint point) {
		if (point == null) {
			return " No breakdown has been taken yet.";
		}
		List<Map.Entry<Category, Long>> top = point.categories()
			.entrySet()
			.stream()
			.sorted(Map.Entry.<Category, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(3)
			.toList();
		StringBuilder text = new StringBuilder(" Largest at ").append(point.time()).append(": ");
		for (int i = 0; i < top.size(); i++) {
			text.append((i > 0) ? ", " : "")
				.append(top.get(i).getKey().label())
				.append(' ')
				.append(ByteSizes.format(top.get(i).getValue()));
		}
		return text.append('.').toString();
	}

}
