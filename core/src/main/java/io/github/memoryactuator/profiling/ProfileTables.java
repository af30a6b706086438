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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Groups samples into the two tables: by type and allocation site, the heaviest first.
 */
final class ProfileTables {

	// Enough frames to see the path into the site; the pprof export has them all.
	private static final int MIN_FRAMES = 3;

	private static final int MAX_FRAMES = 8;

	private static final Comparator<Group> WEIGHT_FIRST = Comparator.comparingLong((Group group) -> group.weight)
		.thenComparingLong((group) -> group.samples);

	// Survivors are counted, not weighed: the verdict speaks of shares of samples.
	private static final Comparator<Group> SAMPLES_FIRST = Comparator.comparingLong((Group group) -> group.samples)
		.thenComparingLong((group) -> group.weight);

	private ProfileTables() {
	}

	static AllocationProfile.Allocations allocations(AllocationAggregator.Totals totals, int limit) {
		Map<Key, Group> groups = new LinkedHashMap<>();
		for (Map.Entry<SampledStack, long[]> entry : totals.stacks().entrySet()) {
			SampledStack stack = entry.getKey();
			groups.computeIfAbsent(Key.of(stack), (key) -> new Group())
				.add(stack, entry.getValue()[0], entry.getValue()[1]);
		}
		List<AllocationProfile.Site> sites = new ArrayList<>();
		for (Map.Entry<Key, Group> entry : sorted(groups, limit)) {
			Group group = entry.getValue();
			sites.add(new AllocationProfile.Site(entry.getKey().type(), entry.getKey().site(), group.frames(),
					group.samples, group.weight, PerMinute.of(group.weight, totals.covered()),
					share(group.weight, totals.bytes())));
		}
		return new AllocationProfile.Allocations(totals.covered(), totals.samples(), totals.bytes(),
				totals.unattributedSamples(), totals.unattributedBytes(), List.copyOf(sites));
	}

	static AllocationProfile.Survivors survivors(SurvivorCollector.@Nullable Harvest harvest, OptionalLong liveSet,
			int limit) {
		if (harvest == null) {
			return new AllocationProfile.Survivors(null, null, 0, liveSet, List.of());
		}
		Map<Key, Group> groups = new LinkedHashMap<>();
		for (SurvivorSample sample : harvest.samples()) {
			groups.computeIfAbsent(Key.of(sample.stack()), (key) -> new Group()).add(sample);
		}
		int total = harvest.samples().size();
		List<AllocationProfile.SurvivorGroup> rows = new ArrayList<>();
		for (Map.Entry<Key, Group> entry : sorted(groups, limit, SAMPLES_FIRST)) {
			Group group = entry.getValue();
			double share = share(group.samples, total);
			OptionalLong estimated = liveSet.isPresent() ? OptionalLong.of(Math.round(share * liveSet.getAsLong()))
					: OptionalLong.empty();
			rows.add(new AllocationProfile.SurvivorGroup(entry.getKey().type(), entry.getKey().site(), group.frames(),
					(int) group.samples, share, group.sizesKnown ? OptionalLong.of(group.weight) : OptionalLong.empty(),
					estimated, group.oldest, group.youngest));
		}
		return new AllocationProfile.Survivors(null, harvest.at(), total, liveSet, List.copyOf(rows));
	}

	private static List<Map.Entry<Key, Group>> sorted(Map<Key, Group> groups, int limit) {
		return sorted(groups, limit, WEIGHT_FIRST);
	}

	private static List<Map.Entry<Key, Group>> sorted(Map<Key, Group> groups, int limit, Comparator<Group> order) {
		return groups.entrySet()
			.stream()
			.sorted(Map.Entry.<Key, Group>comparingByValue(order).reversed())
			.limit(limit)
			.toList();
	}

	private static double share(long part, long whole) {
		return (whole <= 0) ? 0 : (double) part / whole;
	}

	private record Key(String type, @Nullable Frame site) {

		static Key of(SampledStack stack) {
			return new Key(stack.type(), stack.site());
		}

	}

	private static final class Group {

		private long samples;

		// Allocation weights, or survivor sizes; survivors without sizes sort by count.
		private long weight;

		private boolean sizesKnown = true;

		private @Nullable SampledStack heaviest;

		private long heaviestSamples;

		private final Map<SampledStack, Long> perStack = new LinkedHashMap<>();

		private Duration oldest = Duration.ZERO;

		private Duration youngest = Duration.ofSeconds(Long.MAX_VALUE);

		void add(SampledStack stack, long samples, long weight) {
			this.samples += samples;
			this.weight += weight;
			heaviest(stack, samples);
		}

		void add(SurvivorSample sample) {
			this.samples++;
			if (sample.size().isPresent()) {
				this.weight += sample.size().getAsLong();
			}
			else {
				this.sizesKnown = false;
			}
			if (sample.age().compareTo(this.oldest) > 0) {
				this.oldest = sample.age();
			}
			if (sample.age().compareTo(this.youngest) < 0) {
				this.youngest = sample.age();
			}
			heaviest(sample.stack(), this.perStack.merge(sample.stack(), 1L, Long::sum));
		}

		private void heaviest(SampledStack stack, long samples) {
			if (this.heaviest == null || samples > this.heaviestSamples) {
				this.heaviest = stack;
				this.heaviestSamples = samples;
			}
		}

		List<Frame> frames() {
			List<Frame> frames = Objects.requireNonNull(this.heaviest).frames();
			Frame site = this.heaviest.site();
			int toSite = (site != null) ? frames.indexOf(site) + 1 : 0;
			int end = Math.min(frames.size(), Math.min(MAX_FRAMES, Math.max(MIN_FRAMES, toSite)));
			return List.copyOf(frames.subList(0, end));
		}

	}

}
