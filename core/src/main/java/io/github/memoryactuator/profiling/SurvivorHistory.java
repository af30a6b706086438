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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The surviving samples of past emissions, counted by type and allocation site: a small
 * time series per group, so that a group that grows can be told from one that is only
 * large (a cache filled once and held is large, and no leak). Bounded: at most
 * {@value #EMISSIONS} emissions of at most {@value #GROUPS} groups each. Past that, the
 * older emissions are thinned, so that the series still reaches back hours while the
 * newest stay as dense as they came. Thread-safe.
 */
final class SurvivorHistory {

	static final int EMISSIONS = 64;

	static final int GROUPS = 64;

	private final List<Emission> emissions = new ArrayList<>();

	synchronized void add(SurvivorCollector.Harvest harvest) {
		this.emissions.add(Emission.of(harvest));
		if (this.emissions.size() > EMISSIONS) {
			this.emissions.remove(thinnest());
		}
	}

	// The rest of the newest emission arrived late: it replaces what came first.
	synchronized void replaceNewest(SurvivorCollector.Harvest harvest) {
		if (this.emissions.isEmpty()) {
			add(harvest);
			return;
		}
		this.emissions.set(this.emissions.size() - 1, Emission.of(harvest));
	}

	// The emission whose removal leaves the smallest gap for its age: the newest are
	// kept as they came, the older thinned out, and the first and the newest always
	// stay.
	private int thinnest() {
		Instant newest = this.emissions.get(this.emissions.size() - 1).at();
		int thinnest = 1;
		double smallest = Double.MAX_VALUE;
		for (int i = 1; i < this.emissions.size() - 1; i++) {
			double gap = Duration.between(this.emissions.get(i - 1).at(), this.emissions.get(i + 1).at()).toMillis();
			double age = Duration.between(this.emissions.get(i).at(), newest).toMillis() + 1;
			if (gap / age < smallest) {
				smallest = gap / age;
				thinnest = i;
			}
		}
		return thinnest;
	}

	synchronized List<Emission> emissions() {
		return List.copyOf(this.emissions);
	}

	/**
	 * A type allocated at a site.
	 *
	 * @param type the type
	 * @param site the first frame outside the JDK, or {@code null} for samples without a
	 * stack
	 */
	record Group(String type, @Nullable Frame site) {

		static Group of(SampledStack stack) {
			return new Group(stack.type(), stack.site());
		}

	}

	/**
	 * One group's surviving samples in one emission.
	 *
	 * @param group the group
	 * @param samples how many
	 * @param oldest the age of its oldest sampled object
	 * @param youngest the age of its youngest
	 */
	record Count(Group group, int samples, Duration oldest, Duration youngest) {

		/**
		 * Return whether the group holds a sampled object allocated at or before the
		 * given time: one that was alive then and still is.
		 * @param at the emission's time
		 * @param since the time
		 * @return whether one is that old
		 */
		boolean keptSince(Instant at, Instant since) {
			return !at.minus(this.oldest).isAfter(since);
		}

		/**
		 * Return whether the group holds a sampled object allocated after the given time.
		 * @param at the emission's time
		 * @param since the time
		 * @return whether one is that young
		 */
		boolean addedSince(Instant at, Instant since) {
			return at.minus(this.youngest).isAfter(since);
		}

	}

	/**
	 * One emission of surviving samples, grouped.
	 *
	 * @param at when it was published
	 * @param samples the surviving samples in all
	 * @param floor the most samples of a group left out past {@value #GROUPS}, 0 when
	 * every group is kept: a group not listed had at most this many
	 * @param groups the groups, most samples first
	 */
	record Emission(Instant at, int samples, int floor, List<Count> groups) {

		static Emission of(SurvivorCollector.Harvest harvest) {
			Map<Group, int[]> counts = new LinkedHashMap<>();
			Map<Group, Duration[]> ages = new LinkedHashMap<>();
			for (SurvivorSample sample : harvest.samples()) {
				Group group = Group.of(sample.stack());
				counts.computeIfAbsent(group, (key) -> new int[1])[0]++;
				Duration[] range = ages.computeIfAbsent(group, (key) -> new Duration[] { sample.age(), sample.age() });
				if (sample.age().compareTo(range[0]) > 0) {
					range[0] = sample.age();
				}
				if (sample.age().compareTo(range[1]) < 0) {
					range[1] = sample.age();
				}
			}
			List<Count> groups = new ArrayList<>(counts.size());
			counts.forEach((group, count) -> {
				Duration[] range = ages.get(group);
				groups.add(new Count(group, count[0], range[0], range[1]));
			});
			groups.sort(Comparator.comparingInt(Count::samples).reversed());
			int floor = (groups.size() > GROUPS) ? groups.get(GROUPS).samples() : 0;
			return new Emission(harvest.at(), harvest.samples().size(), floor,
					List.copyOf(groups.subList(0, Math.min(GROUPS, groups.size()))));
		}

		/**
		 * Return a group's count in this emission.
		 * @param group the group
		 * @return its count, or {@code null} if it is not listed
		 */
		@Nullable Count count(Group group) {
			for (Count count : this.groups) {
				if (count.group().equals(group)) {
					return count;
				}
			}
			return null;
		}

	}

}
