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

package io.github.memoryactuator.histogram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;

/**
 * Takes a class histogram on demand ({@code GC.class_histogram}, in-process through the
 * DiagnosticCommand MBean) and compares it with the previous one: the classes whose
 * instances grow between two histograms taken minutes apart are what a leak is made of.
 * <p>
 * The command runs a full GC and then walks the heap, both with the application stopped,
 * so it runs under the {@link PauseGuard} that the reclaim uses: one at a time, and not
 * during the cooldown after either. The previous histogram is kept for the comparison,
 * bounded to its largest classes.
 *
 * @since 0.1.0
 */
public class ClassHistogramService {

	// Enough for the classes that matter; a class below the smallest kept is compared
	// against that bound.
	static final int KEPT = 10_000;

	private final DiagnosticCommands commands;

	private final PauseGuard guard;

	private final Clock clock;

	private final LongSupplier nanoTime;

	// Written and read only inside the guard, so by one operation at a time.
	private volatile @Nullable Previous previous;

	/**
	 * Create a service.
	 * @param commands runs {@code GC.class_histogram}
	 * @param guard the guard shared by every operation that pauses the application
	 */
	public ClassHistogramService(DiagnosticCommands commands, PauseGuard guard) {
		this(commands, guard, Clock.systemUTC(), System::nanoTime);
	}

	ClassHistogramService(DiagnosticCommands commands, PauseGuard guard, Clock clock, LongSupplier nanoTime) {
		this.commands = commands;
		this.guard = guard;
		this.clock = clock;
		this.nanoTime = nanoTime;
	}

	/**
	 * Take a histogram. Never throws: every refusal is an outcome.
	 * @param limit the most classes to list, in the top and in the growth
	 * @return the report, or why none was taken
	 */
	public HistogramOutcome histogram(int limit) {
		if (!this.commands.supports(DiagnosticCommands.CLASS_HISTOGRAM)) {
			return new HistogramOutcome.Unavailable("this JVM has no GC.class_histogram diagnostic command");
		}
		// Once invoked, the command may have paused the application even if it then
		// failed, so every run starts the cooldown.
		PauseGuard.Admission<HistogramOutcome> admission = this.guard.run(PausingOperation.CLASS_HISTOGRAM,
				() -> take(limit), (outcome) -> true);
		if (admission instanceof PauseGuard.Admission.Refused<HistogramOutcome> refused) {
			return new HistogramOutcome.Refused(refused.refusal());
		}
		return ((PauseGuard.Admission.Ran<HistogramOutcome>) admission).result();
	}

	private HistogramOutcome take(int limit) {
		long start = this.nanoTime.getAsLong();
		Reading<String> output = this.commands.invoke(DiagnosticCommands.CLASS_HISTOGRAM);
		Duration pause = Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - start));
		Instant now = this.clock.instant();
		Reading<ClassHistogram> parsed = output.flatMap(ClassHistogramParser::parse);
		ClassHistogram histogram = parsed.orNull();
		if (histogram == null) {
			return new HistogramOutcome.Unavailable(String.valueOf(parsed.reason()));
		}
		List<ClassHistogram.Entry> byBytes = new ArrayList<>(histogram.classes());
		byBytes.sort(Comparator.comparingLong(ClassHistogram.Entry::bytes).reversed());
		Previous before = this.previous;
		HistogramReport.Diff diff = (before != null) ? diff(before, histogram, byBytes, limit) : null;
		this.previous = Previous.of(now, histogram, byBytes);
		return new HistogramOutcome.Completed(new HistogramReport(now, pause, histogram.instances(), histogram.bytes(),
				List.copyOf(byBytes.subList(0, Math.min(limit, byBytes.size()))), diff));
	}

	private static HistogramReport.Diff diff(Previous before, ClassHistogram now, List<ClassHistogram.Entry> classes,
			int limit) {
		List<HistogramReport.Change> grew = new ArrayList<>();
		for (Map.Entry<String, long[]> entry : byName(classes, classes.size()).entrySet()) {
			String name = entry.getKey();
			long instances = entry.getValue()[0];
			long bytes = entry.getValue()[1];
			long[] then = before.classes.get(name);
			HistogramReport.Change change;
			if (then != null) {
				change = new HistogramReport.Change(name, instances, bytes, instances - then[0], bytes - then[1],
						false);
			}
			else if (before.truncated) {
				change = new HistogramReport.Change(name, instances, bytes, 0, bytes - before.floor, true);
			}
			else {
				change = new HistogramReport.Change(name, instances, bytes, instances, bytes, false);
			}
			if (change.bytesDelta() > 0) {
				grew.add(change);
			}
		}
		grew.sort(Comparator.comparingLong(HistogramReport.Change::bytesDelta).reversed());
		return new HistogramReport.Diff(before.at, now.instances() - before.instances, now.bytes() - before.bytes,
				List.copyOf(grew.subList(0, Math.min(limit, grew.size()))));
	}

	// Classes of two loaders can share a name (and hidden classes print their address,
	// which differs between JVMs only): one entry per name, counts summed.
	private static Map<String, long[]> byName(List<ClassHistogram.Entry> byBytes, int limit) {
		Map<String, long[]> classes = new LinkedHashMap<>(Math.min(limit, byBytes.size()) * 2);
		for (ClassHistogram.Entry entry : byBytes.subList(0, Math.min(limit, byBytes.size()))) {
			long[] counts = classes.computeIfAbsent(entry.className(), (name) -> new long[2]);
			counts[0] += entry.instances();
			counts[1] += entry.bytes();
		}
		return classes;
	}

	private static final class Previous {

		private final Instant at;

		private final long instances;

		private final long bytes;

		private final Map<String, long[]> classes;

		private final boolean truncated;

		private final long floor;

		private Previous(Instant at, long instances, long bytes, Map<String, long[]> classes, boolean truncated,
				long floor) {
			this.at = at;
			this.instances = instances;
			this.bytes = bytes;
			this.classes = classes;
			this.truncated = truncated;
			this.floor = floor;
		}

		static Previous of(Instant at, ClassHistogram histogram, List<ClassHistogram.Entry> byBytes) {
			int kept = Math.min(KEPT, byBytes.size());
			Map<String, long[]> classes = byName(byBytes, kept);
			long floor = (kept > 0) ? byBytes.get(kept - 1).bytes() : 0;
			return new Previous(at, histogram.instances(), histogram.bytes(), classes, byBytes.size() > kept, floor);
		}

	}

}
