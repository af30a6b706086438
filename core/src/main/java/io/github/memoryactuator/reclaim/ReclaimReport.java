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

package io.github.memoryactuator.reclaim;

import java.time.Duration;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.HeapSettings;

/**
 * What one reclaim did: the figures before and after, and what each step released.
 *
 * @param before the snapshot taken before the first step
 * @param after the snapshot taken after the last step
 * @param tuning the heap-shrink flags before and after, or {@code null} if the request
 * tuned nothing
 * @param gc the collection and the wait for the heap uncommit
 * @param trim the native heap trim
 * @param collector which collector held the heap and why it did or did not shrink
 * @param released what the whole reclaim released, from {@code before} to {@code after}
 * @param duration how long the whole reclaim took
 * @param summary one line for people, such as
 * {@code released 1.9 GB: heap uncommit 1.0 GB, native trim 0.9 GB}
 * @since 0.1.0
 */
public record ReclaimReport(GaugeSnapshot before, GaugeSnapshot after, @Nullable TuningChange tuning, GcStep gc,
		TrimStep trim, Collector collector, Released released, Duration duration, String summary) {

	/**
	 * How a step ended.
	 */
	public enum Status {

		/**
		 * The step ran.
		 */
		COMPLETED,

		/**
		 * The request turned the step off.
		 */
		SKIPPED,

		/**
		 * This JVM or C library cannot run the step; the other steps still ran.
		 */
		UNAVAILABLE,

		/**
		 * The step was attempted and failed; the other steps still ran.
		 */
		FAILED

	}

	/**
	 * Memory given back between two snapshots, in bytes: positive when it fell, negative
	 * when it grew.
	 *
	 * @param rss resident set size ({@code VmRSS}), empty where {@code /proc} cannot be
	 * read
	 * @param rssAnon resident anonymous memory ({@code RssAnon}), empty where it cannot
	 * be read
	 * @param heapCommitted heap committed
	 */
	public record Released(OptionalLong rss, OptionalLong rssAnon, long heapCommitted) {

		/**
		 * Nothing released, for a step that did not run.
		 */
		public static final Released NONE = new Released(OptionalLong.of(0), OptionalLong.of(0), 0);

		/**
		 * Return what was released from one snapshot to a later one.
		 * @param from the earlier snapshot
		 * @param to the later snapshot
		 * @return the figures
		 */
		public static Released between(GaugeSnapshot from, GaugeSnapshot to) {
			ProcStatus a = from.process().orNull();
			ProcStatus b = to.process().orNull();
			OptionalLong rss = (a != null && b != null) ? OptionalLong.of(a.rss() - b.rss()) : OptionalLong.empty();
			OptionalLong anon = (a != null && b != null && a.rssAnon().isPresent() && b.rssAnon().isPresent())
					? OptionalLong.of(a.rssAnon().getAsLong() - b.rssAnon().getAsLong()) : OptionalLong.empty();
			return new Released(rss, anon, from.jvm().heapCommitted() - to.jvm().heapCommitted());
		}

		/**
		 * Return the best single figure: RSS when it can be read, heap committed
		 * otherwise.
		 * @return the bytes
		 */
		public long best() {
			return this.rss.orElse(this.heapCommitted);
		}

	}

	/**
	 * The full collection and the wait for the heap uncommit.
	 *
	 * @param status how the step ended
	 * @param reason why it was skipped, unavailable or failed, or {@code null} if it ran
	 * @param pause how long the collection itself took (the application pause)
	 * @param settle how long the wait for RSS and heap committed to stop falling took
	 * @param settled whether they stopped falling before the settle timeout
	 * @param polls how many snapshots the wait took
	 * @param released what the collection and the uncommit released
	 */
	public record GcStep(Status status, @Nullable String reason, Duration pause, Duration settle, boolean settled,
			int polls, Released released) {

		static GcStep notRun(Status status, String reason) {
			return new GcStep(status, reason, Duration.ZERO, Duration.ZERO, false, 0, Released.NONE);
		}

	}

	/**
	 * The native heap trim ({@code System.trim_native_heap}, glibc {@code malloc_trim}).
	 *
	 * @param status how the step ended
	 * @param reason why it was skipped, unavailable or failed, or why the JVM's text was
	 * not understood; {@code null} if it ran and was understood
	 * @param output the JVM's text, verbatim, or {@code null} if the command did not run
	 * @param reported what the JVM said the trim released (RSS plus swap), or
	 * {@code null} if it said nothing this library understands
	 * @param duration how long the trim took
	 * @param released what was measured to be released around the trim
	 */
	public record TrimStep(Status status, @Nullable String reason, @Nullable String output,
			@Nullable NativeTrim reported, Duration duration, Released released) {

		static TrimStep notRun(Status status, String reason) {
			return new TrimStep(status, reason, null, null, Duration.ZERO, Released.NONE);
		}

	}

	/**
	 * The heap-shrink flags around the reclaim.
	 *
	 * @param before the values before the change
	 * @param after the values after the change
	 */
	public record TuningChange(HeapSettings before, HeapSettings after) {
	}

	/**
	 * The collector that held the heap, and why the heap did or did not shrink.
	 *
	 * @param kind the collector
	 * @param explanation one or two sentences, such as
	 * {@code Parallel GC does not uncommit heap after a full GC}
	 */
	public record Collector(CollectorKind kind, String explanation) {
	}

}
