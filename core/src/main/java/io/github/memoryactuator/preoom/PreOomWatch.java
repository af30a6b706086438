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

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.breakdown.Category;
import io.github.memoryactuator.diagnosis.Diagnostician;
import io.github.memoryactuator.diagnosis.Finding;
import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.watch.ChargedMemory;
import io.github.memoryactuator.watch.MemoryWatch;
import io.github.memoryactuator.watch.WatchListener;

/**
 * Warns once, in one log line, when the memory charged to this process crosses a share of
 * its effective limit (the cgroup's, the tightest of its and its parents'): the kernel
 * kills at the limit without a heap dump, so this line is often the only record of what
 * memory held. The line has the share, the growth rate, the verdict and the three largest
 * categories of the most recent breakdown point.
 * <p>
 * It listens to the {@link MemoryWatch}, and asks it for the next sample in time: when
 * growth at the fastest recent rate could first reach the threshold, and never later than
 * such growth takes to cover {@value #OVERSHOOT} of the way from the threshold to the
 * limit, so that a crossing is seen at most that far past the threshold. Far below the
 * threshold that is the watch's interval; near it, at a fast leak, a fraction of a
 * second.
 * <p>
 * It fires on the way up only: after a warning it stays quiet until the share has fallen
 * below the threshold by the hysteresis, so a process that hovers at the threshold warns
 * once, not at every sample. Only a crossing costs more than the sample: a gauge-depth
 * snapshot and its diagnosis for the verdict; the report goes to a thread of its own.
 * <p>
 * A stop-the-world collection can move a young generation full of live objects into the
 * old generation, into pages never charged before, within one pause that no sample sees
 * ({@link ChargedMemory#pauseGrowth()}): when one more move like the largest recent one
 * would take memory past the limit, the watch warns at that distance from the limit,
 * below the threshold, and says why.
 * <p>
 * On its first sample it also checks, once, that the heap fits the limit
 * ({@link Diagnostician#heapMaxAboveLimit}), and logs the finding when it does not.
 *
 * @since 0.1.0
 */
public final class PreOomWatch implements WatchListener {

	/**
	 * The share of the distance from the threshold to the limit that memory growing at
	 * the fastest recent rate may cover before a sample sees the crossing.
	 */
	static final double OVERSHOOT = 0.1;

	private static final Logger logger = LoggerFactory.getLogger(PreOomWatch.class);

	private final double threshold;

	private final double hysteresis;

	private final Supplier<GaugeSnapshot> snapshots;

	private final Function<GaugeSnapshot, String> verdicts;

	private final Supplier<Reading<BreakdownPoint>> breakdowns;

	private final Consumer<String> warnings;

	private final Consumer<PreOomWarning> reports;

	private final Clock clock;

	private boolean armed = true;

	private boolean started;

	/**
	 * Create a watch that logs its warning and then hands it to a report writer.
	 * @param threshold the share of the limit that warns, above 0 and at most 1
	 * @param hysteresis how far below the threshold the share must fall before the watch
	 * warns again
	 * @param snapshots fresh gauge-depth snapshots, taken at a crossing for the verdict
	 * and the report
	 * @param verdicts the verdict for a snapshot (a diagnosis without a full capture)
	 * @param breakdowns the newest breakdown point, or why there is none
	 * @param reports told about every warning, on the watch's thread: it must return at
	 * once (a {@link PreOomReportWriter} does)
	 */
	public PreOomWatch(double threshold, double hysteresis, Supplier<GaugeSnapshot> snapshots,
			Function<GaugeSnapshot, String> verdicts, Supplier<Reading<BreakdownPoint>> breakdowns,
			Consumer<PreOomWarning> reports) {
		this(threshold, hysteresis, snapshots, verdicts, breakdowns, logger::warn, reports, Clock.systemUTC());
	}

	PreOomWatch(double threshold, double hysteresis, Supplier<GaugeSnapshot> snapshots,
			Function<GaugeSnapshot, String> verdicts, Supplier<Reading<BreakdownPoint>> breakdowns,
			Consumer<String> warnings, Consumer<PreOomWarning> reports, Clock clock) {
		if (!(threshold > 0 && threshold <= 1)) {
			throw new IllegalArgumentException("'threshold' must be above 0 and at most 1, but was " + threshold);
		}
		if (!(hysteresis >= 0 && hysteresis < threshold)) {
			throw new IllegalArgumentException(
					"'hysteresis' must be at least 0 and below the threshold, but was " + hysteresis);
		}
		this.threshold = threshold;
		this.hysteresis = hysteresis;
		this.snapshots = snapshots;
		this.verdicts = verdicts;
		this.breakdowns = breakdowns;
		this.warnings = warnings;
		this.reports = reports;
		this.clock = clock;
	}

	/**
	 * Look at one sample; warn if it crossed the threshold.
	 * @param sample the sample
	 * @return how soon the next sample is needed to see a crossing in time
	 */
	@Override
	public synchronized Duration onSample(ChargedMemory sample) {
		if (!this.started) {
			this.started = true;
			checkHeapMax();
		}
		LimitUse use = sample.use().orNull();
		if (use == null) {
			return NO_HURRY;
		}
		long level = level(sample, use);
		if (use.used() < level - (long) (this.hysteresis * use.limit())) {
			this.armed = true;
		}
		else if (use.used() >= level && this.armed) {
			this.armed = false;
			warn(sample, use, level);
		}
		if (!this.armed) {
			return NO_HURRY;
		}
		long margin = (long) (OVERSHOOT * (use.limit() - level));
		return sample.timeToGrow(Math.max(level - use.used(), margin));
	}

	// The threshold, or lower: one more stop-the-world collection like the largest
	// recent one must not be able to reach the limit unseen.
	private long level(ChargedMemory sample, LimitUse use) {
		long threshold = (long) (this.threshold * use.limit());
		return Math.max(0, Math.min(threshold, use.limit() - sample.pauseGrowth()));
	}

	private void checkHeapMax() {
		Finding finding = Diagnostician.heapMaxAboveLimit(this.snapshots.get());
		if (finding != null) {
			this.warnings.accept(finding.summary() + ". " + finding.action());
		}
	}

	private void warn(ChargedMemory sample, LimitUse use, long level) {
		GaugeSnapshot snapshot = this.snapshots.get();
		String memory = String.format(Locale.ROOT, "Memory is at %.0f%% of the limit of %s (RSS %s, cgroup usage %s)",
				use.share() * 100, ByteSizes.format(use.limit()), ByteSizes.format(use.rss()),
				ByteSizes.format(use.cgroupUsage()));
		String kill = "; the kernel kills the process at the limit" + growth(sample, use);
		String pause = (level < (long) (this.threshold * use
			.limit())) ? ", or sooner: a stop-the-world collection may move up to "
					+ ByteSizes.format(sample.pauseGrowth())
					+ " into the old generation within one pause, judged by the recent ones, and that would reach it"
					: "";
		String text = memory + kill + pause + ". " + this.verdicts.apply(snapshot) + largest(this.breakdowns.get());
		this.warnings.accept(text);
		this.reports.accept(new PreOomWarning(text, sample, snapshot, this.clock.instant()));
	}

	// The time to the limit at the fastest recent rate, which the watch's cadence follows
	// too; the latest rate beside it when slower (right after a collection it reads near
	// zero).
	private static String growth(ChargedMemory sample, LimitUse use) {
		double peak = sample.peakBytesPerSecond();
		if (!(peak > 0)) {
			return "";
		}
		double rate = sample.bytesPerSecond();
		String seconds = String.format(Locale.ROOT, ", in about %.1f s at the %s/s it ",
				(use.limit() - use.used()) / peak, ByteSizes.format((long) peak));
		if (rate >= 0.9 * peak) {
			return seconds + "grows";
		}
		return seconds + "grew recently" + ((rate > 0) ? " (" + ByteSizes.format((long) rate) + "/s now)" : "");
	}

	private static String largest(Reading<BreakdownPoint> reading) {
		BreakdownPoint point = reading.orNull();
		if (point == null) {
			return " No breakdown point: " + reading.reason() + ".";
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
