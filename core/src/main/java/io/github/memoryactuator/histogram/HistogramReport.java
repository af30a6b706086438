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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The classes that hold the most heap, and what grew since the previous histogram.
 *
 * @param capturedAt when the histogram was taken
 * @param pause how long the command took: an upper bound of the application's pause,
 * which is the full GC and the walk of the heap, both stop-the-world
 * @param instances live instances of every class
 * @param bytes their shallow bytes (each object without what it references)
 * @param top the classes with the most bytes
 * @param diff the change since the previous histogram, or {@code null} for the first
 * @since 0.1.0
 */
public record HistogramReport(Instant capturedAt, Duration pause, long instances, long bytes,
		List<ClassHistogram.Entry> top, @Nullable Diff diff) {

	/**
	 * What changed since the previous histogram.
	 *
	 * @param since when the previous one was taken
	 * @param instances the change of all live instances
	 * @param bytes the change of all bytes
	 * @param grew the classes whose bytes grew most, largest growth first
	 */
	public record Diff(Instant since, long instances, long bytes, List<Change> grew) {
	}

	/**
	 * One class's change.
	 *
	 * @param className the class
	 * @param instances its live instances now
	 * @param bytes its bytes now
	 * @param instancesDelta the change of its instances
	 * @param bytesDelta the change of its bytes
	 * @param atLeast whether the change is a lower bound: the class was not among the
	 * previous histogram's largest classes that were kept, so its previous bytes were at
	 * most the smallest kept
	 */
	public record Change(String className, long instances, long bytes, long instancesDelta, long bytesDelta,
			boolean atLeast) {
	}

}
