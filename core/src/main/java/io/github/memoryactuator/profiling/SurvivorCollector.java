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

package io.github.memoryactuator.profiling;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Gathers the old-object samples of one emission and publishes them together, keeping
 * each emission's counts by group in a {@link SurvivorHistory}. The JVM writes every live
 * sample at once when a recording stops, and the stream delivers them over one or two
 * flushes; a batch is published at the first flush that brought none, so that a reader
 * never sees half an emission. Bounded: a batch keeps at most a fixed number of samples
 * (the JVM keeps 256 unless {@code old-object-queue-size} is raised). Thread-safe.
 * <p>
 * An emission that brings nothing within two flushes is taken for one in which nothing
 * survived, but it replaces samples only after {@value #QUIET_REQUESTS} such emissions in
 * a row: on a loaded machine the stream can read the chunk that holds an emission after
 * two flushes have passed, and an empty batch would then replace a full one, so that the
 * survivors' table (and the verdict's culprit) went empty until the next emission. The
 * samples that arrive late are published when they come.
 * <p>
 * On a loaded machine the stream can also read one emission over flushes with quiet ones
 * between: samples that arrive within {@value #CONTINUATION_SECONDS} s of a batch (or of
 * the empty batch of an emission that seemed to bring nothing), with no emission asked
 * for since, are the rest of that batch and join it, so that neither the table nor the
 * history counts part of an emission as a whole one.
 */
final class SurvivorCollector {

	static final int QUIET_REQUESTS = 3;

	static final int CONTINUATION_SECONDS = 5;

	private final Clock clock;

	private final int capacity;

	private List<SurvivorSample> pending = new ArrayList<>();

	private boolean arrivedSinceFlush;

	private boolean requested;

	private boolean requestedSincePublish;

	private int quietFlushes;

	private int quietRequests;

	private @Nullable Harvest latest;

	private int harvests;

	private final SurvivorHistory history = new SurvivorHistory();

	SurvivorCollector(Clock clock, int capacity) {
		this.clock = clock;
		this.capacity = capacity;
	}

	synchronized void add(SurvivorSample sample) {
		this.arrivedSinceFlush = true;
		if (this.pending.size() < this.capacity) {
			this.pending.add(sample);
		}
	}

	/**
	 * Note that an emission was asked for: if two flushes pass and no sample arrives,
	 * nothing had survived, and an empty harvest says so.
	 */
	synchronized void requested() {
		this.requested = true;
		this.requestedSincePublish = true;
		this.quietFlushes = 0;
	}

	synchronized void flushed() {
		if (this.arrivedSinceFlush) {
			this.arrivedSinceFlush = false;
			return;
		}
		if (!this.pending.isEmpty()) {
			publish(List.copyOf(this.pending));
			this.pending = new ArrayList<>();
			this.quietRequests = 0;
		}
		else if (this.requested && ++this.quietFlushes >= 2) {
			this.requested = false;
			Harvest previous = this.latest;
			if (previous == null || previous.samples().isEmpty() || ++this.quietRequests >= QUIET_REQUESTS) {
				publish(List.of());
			}
		}
	}

	private void publish(List<SurvivorSample> samples) {
		Instant now = this.clock.instant();
		Harvest previous = this.latest;
		if (!this.requestedSincePublish && previous != null && !samples.isEmpty()
				&& !now.isAfter(previous.at().plusSeconds(CONTINUATION_SECONDS))) {
			List<SurvivorSample> whole = new ArrayList<>(previous.samples());
			whole.addAll(samples.subList(0, Math.min(samples.size(), this.capacity - whole.size())));
			Harvest merged = new Harvest(previous.at(), List.copyOf(whole));
			this.latest = merged;
			this.history.replaceNewest(merged);
		}
		else {
			Harvest harvest = new Harvest(now, samples);
			this.latest = harvest;
			this.history.add(harvest);
			this.harvests++;
		}
		this.requested = false;
		this.requestedSincePublish = false;
	}

	synchronized @Nullable Harvest latest() {
		return this.latest;
	}

	synchronized int harvests() {
		return this.harvests;
	}

	/**
	 * Return the emissions published so far, counted by group, oldest first.
	 * @return the emissions, bounded
	 */
	List<SurvivorHistory.Emission> history() {
		return this.history.emissions();
	}

	/**
	 * The samples of one emission.
	 *
	 * @param at when they were published
	 * @param samples the surviving samples
	 */
	record Harvest(Instant at, List<SurvivorSample> samples) {
	}

}
