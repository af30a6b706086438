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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums allocation samples per stack in one-minute buckets over a sliding window, in
 * bounded memory: each minute keeps at most a fixed number of distinct stacks; past it a
 * new stack is kept cut after its allocation site, and past a quarter more it is counted
 * only in the totals, as unattributed. When a minute leaves the window, the frame
 * interner forgets the frames that only its stacks used. Thread-safe; samples arrive on
 * the recording stream's thread, which alone uses the interner.
 */
final class AllocationAggregator {

	private static final long MINUTE_MILLIS = 60_000;

	private final Clock clock;

	private final Duration window;

	private final int stacksPerMinute;

	private final Instant since;

	private final ArrayDeque<Minute> minutes = new ArrayDeque<>();

	private final FrameInterner interner;

	AllocationAggregator(Clock clock, Duration window, int stacksPerMinute, FrameInterner interner) {
		this.clock = clock;
		this.window = window;
		this.stacksPerMinute = stacksPerMinute;
		this.interner = interner;
		this.since = clock.instant();
	}

	synchronized void add(SampledStack stack, long weight) {
		long now = this.clock.millis();
		Minute minute = this.minutes.peekLast();
		if (minute == null || minute.index != now / MINUTE_MILLIS) {
			minute = new Minute(now / MINUTE_MILLIS);
			this.minutes.addLast(minute);
			if (expire(now)) {
				List<SampledStack> inUse = new ArrayList<>();
				this.minutes.forEach((kept) -> inUse.addAll(kept.stacks.keySet()));
				inUse.add(stack);
				this.interner.retainOnly(inUse);
			}
		}
		minute.add(stack, Math.max(0, weight), this.stacksPerMinute);
	}

	/**
	 * Return the interner whose frames the stacks of this aggregator share.
	 * @return the interner
	 */
	FrameInterner interner() {
		return this.interner;
	}

	/**
	 * Return every stack's sums over the window, and the window's totals.
	 * @return the sums
	 */
	synchronized Totals totals() {
		long now = this.clock.millis();
		expire(now);
		Map<SampledStack, long[]> merged = new LinkedHashMap<>();
		long samples = 0;
		long bytes = 0;
		long unattributedSamples = 0;
		long unattributedBytes = 0;
		for (Minute minute : this.minutes) {
			for (Map.Entry<SampledStack, long[]> entry : minute.stacks.entrySet()) {
				long[] sum = merged.computeIfAbsent(entry.getKey(), (key) -> new long[2]);
				sum[0] += entry.getValue()[0];
				sum[1] += entry.getValue()[1];
			}
			samples += minute.samples;
			bytes += minute.bytes;
			unattributedSamples += minute.unattributedSamples;
			unattributedBytes += minute.unattributedBytes;
		}
		Instant start = Instant.ofEpochMilli(Math.max(this.since.toEpochMilli(), now - this.window.toMillis()));
		Duration covered = Duration.between(start, Instant.ofEpochMilli(now));
		return new Totals(this.since, covered, merged, samples, bytes, unattributedSamples, unattributedBytes);
	}

	private boolean expire(long now) {
		long oldest = (now - this.window.toMillis()) / MINUTE_MILLIS;
		boolean expired = false;
		for (Iterator<Minute> iterator = this.minutes.iterator(); iterator.hasNext();) {
			if (iterator.next().index < oldest) {
				iterator.remove();
				expired = true;
			}
		}
		return expired;
	}

	/**
	 * What the window holds.
	 *
	 * @param since when sampling began
	 * @param covered how much time the sums cover: the window, or less since sampling
	 * began
	 * @param stacks samples and bytes per stack
	 * @param samples every sample in the window
	 * @param bytes the weights of every sample in the window
	 * @param unattributedSamples samples counted only in the totals
	 * @param unattributedBytes their weights
	 */
	record Totals(Instant since, Duration covered, Map<SampledStack, long[]> stacks, long samples, long bytes,
			long unattributedSamples, long unattributedBytes) {
	}

	private static final class Minute {

		private final long index;

		private final Map<SampledStack, long[]> stacks = new HashMap<>();

		private long samples;

		private long bytes;

		private long unattributedSamples;

		private long unattributedBytes;

		Minute(long index) {
			this.index = index;
		}

		void add(SampledStack stack, long weight, int capacity) {
			this.samples++;
			this.bytes += weight;
			long[] sum = this.stacks.get(stack);
			if (sum == null && this.stacks.size() >= capacity) {
				SampledStack shorter = stack.truncatedToSite();
				sum = this.stacks.get(shorter);
				if (sum == null && this.stacks.size() < capacity + capacity / 4) {
					sum = new long[2];
					this.stacks.put(shorter, sum);
				}
			}
			else if (sum == null) {
				sum = new long[2];
				this.stacks.put(stack, sum);
			}
			if (sum == null) {
				this.unattributedSamples++;
				this.unattributedBytes += weight;
				return;
			}
			sum[0]++;
			sum[1] += weight;
		}

	}

}
