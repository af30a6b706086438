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
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.histogram.ClassHistogram;
import io.github.memoryactuator.histogram.HistogramReport;

/**
 * The answer to {@code POST /actuator/memory/histogram}.
 *
 * @since 0.1.0
 */
public final class HistogramSections {

	private static final String PAUSE = "the command's duration: an upper bound of the application's pause, which is "
			+ "a full GC and a walk of the heap, both stop-the-world";

	private static final String FIRST = "the first histogram since the application started: POST again in a few "
			+ "minutes to see which classes grew";

	private HistogramSections() {
	}

	private static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 10_000.0) / 100.0;
	}

	/**
	 * A class histogram.
	 *
	 * @param capturedAt when it was taken
	 * @param pauseMillis how long the command took
	 * @param pauseNote what that duration is
	 * @param instances live instances of every class
	 * @param bytes their shallow bytes (each object without what it references)
	 * @param top the classes with the most bytes
	 * @param diff what grew since the previous histogram, or {@code null} for the first
	 * @param note why there is no diff, or {@code null}
	 */
	public record HistogramSection(Instant capturedAt, double pauseMillis, String pauseNote, long instances, long bytes,
			List<ClassEntry> top, @Nullable DiffSection diff, @Nullable String note) implements OperationResponseBody {

		static HistogramSection of(HistogramReport report) {
			List<ClassEntry> top = report.top().stream().map(ClassEntry::of).toList();
			HistogramReport.Diff diff = report.diff();
			return new HistogramSection(report.capturedAt(), millis(report.pause()), PAUSE, report.instances(),
					report.bytes(), top, (diff != null) ? DiffSection.of(report.capturedAt(), diff) : null,
					(diff != null) ? null : FIRST);
		}

	}

	/**
	 * One class.
	 *
	 * @param className the class, as Java writes it
	 * @param instances its live instances
	 * @param bytes their shallow bytes
	 */
	public record ClassEntry(String className, long instances, long bytes) {

		static ClassEntry of(ClassHistogram.Entry entry) {
			return new ClassEntry(entry.className(), entry.instances(), entry.bytes());
		}

	}

	/**
	 * The change since the previous histogram.
	 *
	 * @param since when the previous histogram was taken
	 * @param seconds the time between the two
	 * @param instances the change of all live instances
	 * @param bytes the change of all bytes
	 * @param grew the classes whose bytes grew most
	 */
	public record DiffSection(Instant since, double seconds, long instances, long bytes, List<ChangeEntry> grew) {

		static DiffSection of(Instant now, HistogramReport.Diff diff) {
			List<ChangeEntry> grew = diff.grew()
				.stream()
				.map((change) -> new ChangeEntry(change.className(), change.instances(), change.bytes(),
						change.instancesDelta(), change.bytesDelta(), change.atLeast()))
				.toList();
			return new DiffSection(diff.since(), Duration.between(diff.since(), now).toMillis() / 1000.0,
					diff.instances(), diff.bytes(), grew);
		}

	}

	/**
	 * One class that grew.
	 *
	 * @param className the class
	 * @param instances its live instances now
	 * @param bytes its bytes now
	 * @param instancesDelta the change of its instances
	 * @param bytesDelta the change of its bytes
	 * @param atLeast whether the change is a lower bound (the class was below the
	 * previous histogram's kept classes)
	 */
	public record ChangeEntry(String className, long instances, long bytes, long instancesDelta, long bytesDelta,
			boolean atLeast) {
	}

}
