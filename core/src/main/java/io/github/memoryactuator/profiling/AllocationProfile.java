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
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Where the heap is allocated and what survives, from Flight Recorder's samples. Every
 * byte figure here is an estimate from samples, and each says how it is estimated.
 *
 * @param since when sampling began
 * @param allocations the top allocation sites over the window
 * @param survivors the surviving sampled objects, grouped by type and site
 * @since 0.1.0
 */
public record AllocationProfile(Instant since, Allocations allocations, Survivors survivors) {

	/**
	 * The allocation samples ({@code jdk.ObjectAllocationSample}) of the window. Each
	 * sample carries a weight: the bytes its thread allocated since its previous sample,
	 * so the weights of many samples add up to an estimate of the bytes allocated where
	 * they were taken.
	 *
	 * @param covered the time the sums cover
	 * @param samples the samples taken
	 * @param bytes the sum of their weights: estimated bytes allocated
	 * @param unattributedSamples samples past the table's bound, counted only here
	 * @param unattributedBytes their weights
	 * @param sites the top sites by estimated bytes
	 */
	public record Allocations(Duration covered, long samples, long bytes, long unattributedSamples,
			long unattributedBytes, List<Site> sites) {

		/**
		 * Return the estimated allocation rate.
		 * @return bytes per minute over the covered time, 0 before any time has passed
		 */
		public double bytesPerMinute() {
			return PerMinute.of(this.bytes, this.covered);
		}

	}

	/**
	 * One allocation site: a type and the first frame outside the JDK.
	 *
	 * @param type the allocated type
	 * @param site the site, or {@code null} for samples without a stack
	 * @param frames the top frames of its most sampled stack, leaf first, down to the
	 * site
	 * @param samples the samples taken here
	 * @param bytes the sum of their weights: estimated bytes allocated here
	 * @param bytesPerMinute the estimated allocation rate
	 * @param share this site's part of all the weights, 0 to 1
	 */
	public record Site(String type, @Nullable Frame site, List<Frame> frames, long samples, long bytes,
			double bytesPerMinute, double share) {
	}

	/**
	 * The objects the JVM's leak profiler ({@code jdk.OldObjectSample}) sampled at
	 * allocation and found alive at its latest emission. It keeps a small set of samples
	 * (256 by default), chosen in proportion to the bytes allocated, and drops each one
	 * its object dies; so a site's share of the survivors estimates its share of the
	 * memory that has survived since sampling began.
	 *
	 * @param unavailable why there are no survivors to show, or {@code null}
	 * @param harvestedAt when the samples were emitted, or {@code null} before the first
	 * emission
	 * @param samples the surviving samples
	 * @param liveSet the live set the estimates are shares of, when known
	 * @param groups the groups, most samples first
	 */
	public record Survivors(@Nullable String unavailable, @Nullable Instant harvestedAt, int samples,
			OptionalLong liveSet, List<SurvivorGroup> groups) {

		/**
		 * Return the survivors' table when they cannot be sampled.
		 * @param reason why not
		 * @return the empty table
		 */
		public static Survivors unavailable(String reason) {
			return new Survivors(reason, null, 0, OptionalLong.empty(), List.of());
		}

	}

	/**
	 * Surviving samples of one type allocated at one site.
	 *
	 * @param type the type
	 * @param site the site, or {@code null} for samples without a stack
	 * @param frames the top frames of its most sampled stack, down to the site
	 * @param samples how many sampled objects are alive
	 * @param share their part of all surviving samples, 0 to 1
	 * @param sampledBytes the sampled objects' own sizes added up (a floor: each stands
	 * for many), where the JVM records sizes (JDK 21 and later)
	 * @param estimatedBytes the share of the live set, when the live set is known
	 * @param oldest the age of the oldest sampled object
	 * @param youngest the age of the youngest
	 */
	public record SurvivorGroup(String type, @Nullable Frame site, List<Frame> frames, int samples, double share,
			OptionalLong sampledBytes, OptionalLong estimatedBytes, Duration oldest, Duration youngest) {
	}

}
