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
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.profiling.AllocationProfile;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.Frame;

/**
 * The {@code allocations} section: where the heap is allocated and what survives, from
 * Flight Recorder's samples.
 *
 * @since 0.1.0
 */
public final class ProfilingSections {

	static final String OFF = "allocation profiling is off: start the application with "
			+ "memory-actuator.profiling.enabled=true to sample allocations and surviving objects with Java Flight "
			+ "Recorder; they are then served here and, as a pprof profile, at /actuator/memory/allocations/pprof";

	static final String PPROF = "/actuator/memory/allocations/pprof";

	private static final String ALLOCATIONS_HOW_TO_READ = "Estimates from jdk.ObjectAllocationSample: each sample's "
			+ "weight is the bytes its thread allocated since its previous sample, so the weights of a site add up to "
			+ "an estimate of what it allocated. Trust the ranking of sites with many samples; a site with a few is "
			+ "noise.";

	private static final String SURVIVORS_HOW_TO_READ = "From jdk.OldObjectSample: the JVM samples allocations in "
			+ "proportion to their bytes, keeps at most 256 samples, and drops a sample when its object dies. A site "
			+ "whose share of the survivors keeps rising holds more and more of the heap. estimatedBytes is that "
			+ "share of the live set (an estimate); sampledBytes adds up the sampled objects' own sizes (JDK 21+), "
			+ "a floor.";

	private ProfilingSections() {
	}

	private static @Nullable String site(@Nullable Frame site) {
		return (site != null) ? site.toString() : null;
	}

	private static List<String> frames(List<Frame> frames) {
		return frames.stream().map(Frame::toString).toList();
	}

	private static double percent(double share) {
		return Math.round(share * 1000) / 10.0;
	}

	private static double seconds(Duration duration) {
		return Math.round(duration.toMillis() / 100.0) / 10.0;
	}

	/**
	 * The {@code allocations} section.
	 *
	 * @param status {@code recording} or {@code starting}
	 * @param since when sampling began
	 * @param allocations the top allocation sites over the window
	 * @param survivors the surviving sampled objects by type and site
	 * @param pprof where the same samples are served as a pprof profile
	 */
	public record AllocationsSection(String status, Instant since, AllocationsTable allocations,
			SurvivorsTable survivors, String pprof) implements OperationResponseBody {

		static AllocationsSection of(AllocationProfiler.Status status, AllocationProfile profile) {
			return new AllocationsSection(status.state().name().toLowerCase(Locale.ROOT), profile.since(),
					AllocationsTable.of(profile.allocations()), SurvivorsTable.of(profile.survivors()), PPROF);
		}

	}

	/**
	 * The allocation sites of the window.
	 *
	 * @param coveredSeconds the time the figures cover
	 * @param samples the samples taken
	 * @param estimatedBytes the bytes they stand for
	 * @param estimatedBytesPerMinute the estimated allocation rate
	 * @param unattributedSamples samples past the table's bound, counted only here
	 * @param howToRead what the figures are
	 * @param sites the top sites by estimated bytes
	 */
	public record AllocationsTable(double coveredSeconds, long samples, long estimatedBytes,
			long estimatedBytesPerMinute, long unattributedSamples, String howToRead, List<SiteEntry> sites) {

		static AllocationsTable of(AllocationProfile.Allocations allocations) {
			List<SiteEntry> sites = allocations.sites()
				.stream()
				.map((site) -> new SiteEntry(site.type(), site(site.site()), frames(site.frames()), site.samples(),
						site.bytes(), Math.round(site.bytesPerMinute()), percent(site.share())))
				.toList();
			return new AllocationsTable(seconds(allocations.covered()), allocations.samples(), allocations.bytes(),
					Math.round(allocations.bytesPerMinute()), allocations.unattributedSamples(),
					ALLOCATIONS_HOW_TO_READ, sites);
		}

	}

	/**
	 * One allocation site.
	 *
	 * @param type the allocated type
	 * @param site the first frame outside the JDK, as a stack trace prints it
	 * @param frames the top frames, leaf first, down to the site
	 * @param samples the samples taken here
	 * @param estimatedBytes the bytes they stand for
	 * @param estimatedBytesPerMinute the estimated rate
	 * @param percent share of all the estimated bytes, one decimal
	 */
	public record SiteEntry(String type, @Nullable String site, List<String> frames, long samples, long estimatedBytes,
			long estimatedBytesPerMinute, double percent) {
	}

	/**
	 * The surviving sampled objects.
	 *
	 * @param unavailable why survivors are not sampled here, or {@code null}
	 * @param harvestedAt when the JVM last emitted them, or {@code null} before the first
	 * time
	 * @param samples how many sampled objects are alive
	 * @param liveSet the live set the estimates are shares of
	 * @param howToRead what the figures are
	 * @param groups the groups, most samples first
	 */
	public record SurvivorsTable(@Nullable String unavailable, @Nullable Instant harvestedAt, int samples,
			@Nullable Long liveSet, String howToRead, List<SurvivorEntry> groups) {

		static SurvivorsTable of(AllocationProfile.Survivors survivors) {
			List<SurvivorEntry> groups = survivors.groups()
				.stream()
				.map((group) -> new SurvivorEntry(group.type(), site(group.site()), frames(group.frames()),
						group.samples(), percent(group.share()),
						group.sampledBytes().isPresent() ? group.sampledBytes().getAsLong() : null,
						group.estimatedBytes().isPresent() ? group.estimatedBytes().getAsLong() : null,
						seconds(group.oldest()), seconds(group.youngest())))
				.toList();
			return new SurvivorsTable(survivors.unavailable(), survivors.harvestedAt(), survivors.samples(),
					survivors.liveSet().isPresent() ? survivors.liveSet().getAsLong() : null, SURVIVORS_HOW_TO_READ,
					groups);
		}

	}

	/**
	 * Surviving samples of one type allocated at one site.
	 *
	 * @param type the type
	 * @param site the first frame outside the JDK
	 * @param frames the top frames, leaf first, down to the site
	 * @param samples how many sampled objects are alive
	 * @param percent their share of all surviving samples, one decimal
	 * @param sampledBytes the sampled objects' own sizes added up (JDK 21+), a floor
	 * @param estimatedBytes their share of the live set, an estimate
	 * @param oldestAgeSeconds the age of the oldest
	 * @param youngestAgeSeconds the age of the youngest
	 */
	public record SurvivorEntry(String type, @Nullable String site, List<String> frames, int samples, double percent,
			@Nullable Long sampledBytes, @Nullable Long estimatedBytes, double oldestAgeSeconds,
			double youngestAgeSeconds) {
	}

}
