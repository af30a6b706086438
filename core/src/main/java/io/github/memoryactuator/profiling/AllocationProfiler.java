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
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;

/**
 * Continuous, opt-in allocation profiling with Java Flight Recorder: where the heap is
 * allocated ({@code jdk.ObjectAllocationSample}, throttled) and which sampled objects
 * survive ({@code jdk.OldObjectSample}, with their allocation stacks), aggregated in
 * bounded memory. One daemon thread starts the recording (so the application's start does
 * not wait for Flight Recorder) and asks the JVM for its surviving samples at an
 * interval; Flight Recorder adds its own threads.
 * <p>
 * A JVM without Flight Recorder ({@code -XX:-FlightRecorder}, or a runtime image without
 * the {@code jdk.jfr} module) is not an error: the profiler reports why it is
 * unavailable. Nothing in this class refers to {@code jdk.jfr}, so that such a JVM can
 * load it.
 *
 * @since 0.1.0
 */
public final class AllocationProfiler implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AllocationProfiler.class);

	static final int STACKS_PER_MINUTE = 1024;

	static final int FRAMES = 8192;

	static final int SURVIVORS = 4096;

	private final ProfilingSettings settings;

	private final Clock clock;

	private final Instant since;

	private final AllocationAggregator allocations;

	private final SurvivorCollector survivors;

	private final @Nullable String survivorsUnavailable;

	private final ScheduledExecutorService thread;

	private final AtomicLong unreadable = new AtomicLong();

	private volatile State state = State.STARTING;

	private volatile @Nullable String unavailableReason;

	private volatile @Nullable Recorder recorder;

	AllocationProfiler(ProfilingSettings settings, Clock clock, List<String> collectors, RecorderFactory factory) {
		this.settings = settings;
		this.clock = clock;
		this.since = clock.instant();
		this.allocations = new AllocationAggregator(clock, settings.window(), STACKS_PER_MINUTE,
				new FrameInterner(FRAMES));
		this.survivors = new SurvivorCollector(clock, SURVIVORS);
		this.survivorsUnavailable = OldObjectSampling.unsupportedReason(collectors);
		this.thread = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "memory-actuator-profiler");
			thread.setDaemon(true);
			return thread;
		});
		this.thread.execute(() -> begin(factory));
	}

	/**
	 * Start profiling this JVM. Never throws: when Flight Recorder cannot record,
	 * {@link #status()} says why.
	 * @param settings how much to sample
	 * @return the profiler, starting in the background
	 */
	public static AllocationProfiler start(ProfilingSettings settings) {
		return new AllocationProfiler(settings, Clock.systemUTC(), OldObjectSampling.platformCollectors(),
				AllocationProfiler::startFlightRecorder);
	}

	private static Recorder startFlightRecorder(ProfilingSettings settings, boolean oldObjects, Sink sink,
			FrameInterner interner) throws UnavailableException {
		// A runtime image built without jdk.jfr has none of its classes; checking first
		// keeps a NoClassDefFoundError out of the log.
		if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
			throw new UnavailableException("this Java runtime has no jdk.jfr module (an image built with jlink "
					+ "without it): Flight Recorder cannot sample allocations");
		}
		try {
			return JfrRecorder.start(settings, oldObjects, sink, interner);
		}
		catch (LinkageError ex) {
			throw new UnavailableException("Flight Recorder cannot be loaded: " + ex);
		}
	}

	private void begin(RecorderFactory factory) {
		try {
			Recorder started = factory.start(this.settings, this.survivorsUnavailable == null, new Sink(),
					this.allocations.interner());
			synchronized (this) {
				if (this.state == State.STOPPED) {
					started.close();
					return;
				}
				this.recorder = started;
				this.state = State.RECORDING;
			}
			if (this.survivorsUnavailable == null) {
				long interval = this.settings.survivorInterval().toMillis();
				this.thread.scheduleWithFixedDelay(this::harvest, interval, interval, TimeUnit.MILLISECONDS);
			}
			logger.info("Allocation profiling started: up to {} allocation samples a second{}",
					this.settings.allocationSamplesPerSecond(),
					(this.survivorsUnavailable != null) ? "; no survivors, because " + this.survivorsUnavailable
							: ", surviving objects every " + this.settings.survivorInterval().toSeconds() + " s");
		}
		catch (UnavailableException | RuntimeException ex) {
			synchronized (this) {
				if (this.state == State.STOPPED) {
					return;
				}
				this.unavailableReason = (ex instanceof UnavailableException) ? ex.getMessage()
						: "Flight Recorder failed to start: " + ex;
				this.state = State.UNAVAILABLE;
			}
			this.thread.shutdown();
			logger.warn("Allocation profiling is unavailable: {}", this.unavailableReason);
		}
	}

	private void harvest() {
		Recorder current = this.recorder;
		if (current == null || this.state != State.RECORDING) {
			return;
		}
		try {
			this.survivors.requested();
			current.harvest();
		}
		catch (RuntimeException ex) {
			// One failed emission is no reason to stop sampling; the next may succeed.
			logger.debug("Emitting the surviving samples failed", ex);
		}
	}

	/**
	 * Return whether the profiler is recording, starting, stopped or unavailable, and
	 * why.
	 * @return the status
	 */
	public Status status() {
		return new Status(this.state, this.unavailableReason, this.survivorsUnavailable, this.since,
				this.survivors.harvests(), this.unreadable.get());
	}

	/**
	 * Return the settings the profiler runs with.
	 * @return the settings
	 */
	public ProfilingSettings settings() {
		return this.settings;
	}

	/**
	 * Return the two tables.
	 * @param liveSet the live set that the survivors' estimates are shares of, if known
	 * @param limit the most rows per table
	 * @return the profile, or why there is none
	 */
	public Reading<AllocationProfile> profile(OptionalLong liveSet, int limit) {
		String reason = unavailable();
		if (reason != null) {
			return Reading.unavailable(reason);
		}
		return Reading.of(new AllocationProfile(this.since, ProfileTables.allocations(this.allocations.totals(), limit),
				survivorTable(liveSet, limit)));
	}

	/**
	 * Return what profiling says about heap growth over a window: the type and site whose
	 * surviving samples grew most, or the largest surviving group and that it did not
	 * grow, or why it cannot say.
	 * @param liveSet the collections so far: the live set that estimates are a share of,
	 * and the heap after collections when each emission was read
	 * @param now the end of the window
	 * @param window how far back growth is measured
	 * @return the evidence
	 */
	public LeakEvidence leakEvidence(LiveSet liveSet, Instant now, Duration window) {
		Reading<AllocationProfile> profile = profile(liveSet.bytes(), 1);
		AllocationProfile value = profile.orNull();
		if (value == null) {
			return new LeakEvidence(LeakEvidence.State.UNAVAILABLE, profile.reason(), null, null, null);
		}
		return LeakEvidence.of(value, SurvivorGrowth.of(this.survivors.history(), liveSet, now, window),
				liveSet.bytes());
	}

	/**
	 * Return the profile as a gzipped pprof protobuf ({@code profile.proto}), with the
	 * sample types {@code alloc_objects}, {@code alloc_space}, {@code inuse_objects} and
	 * {@code inuse_space}.
	 * @param liveSet the live set that {@code inuse_space} is shared out from, if known
	 * @return the bytes, or why there are none
	 */
	public Reading<byte[]> pprof(OptionalLong liveSet) {
		String reason = unavailable();
		if (reason != null) {
			return Reading.unavailable(reason);
		}
		SurvivorCollector.Harvest harvest = (this.survivorsUnavailable != null) ? null : this.survivors.latest();
		return Reading.of(PprofExport.gzip(this.allocations.totals(), harvest, liveSet, this.clock.instant(),
				this.survivorsUnavailable));
	}

	private AllocationProfile.Survivors survivorTable(OptionalLong liveSet, int limit) {
		if (this.survivorsUnavailable != null) {
			return AllocationProfile.Survivors.unavailable(this.survivorsUnavailable);
		}
		return ProfileTables.survivors(this.survivors.latest(), liveSet, limit);
	}

	private @Nullable String unavailable() {
		return switch (this.state) {
			case UNAVAILABLE -> String.valueOf(this.unavailableReason);
			case STOPPED -> "allocation profiling has stopped";
			default -> null;
		};
	}

	/**
	 * Stop recording and the profiler's thread.
	 */
	@Override
	public void close() {
		Recorder current;
		synchronized (this) {
			this.state = State.STOPPED;
			current = this.recorder;
			this.recorder = null;
		}
		this.thread.shutdownNow();
		if (current != null) {
			current.close();
		}
	}

	/**
	 * Where the profiler is.
	 */
	public enum State {

		/**
		 * Flight Recorder is being started in the background.
		 */
		STARTING,

		/**
		 * Samples are being taken.
		 */
		RECORDING,

		/**
		 * Flight Recorder cannot record in this JVM; the status says why.
		 */
		UNAVAILABLE,

		/**
		 * The profiler was closed.
		 */
		STOPPED

	}

	/**
	 * The profiler's status.
	 *
	 * @param state where it is
	 * @param reason why it is unavailable, or {@code null}
	 * @param survivorsUnavailable why surviving objects are not sampled, or {@code null}
	 * @param since when it started
	 * @param harvests how many sets of surviving samples it has read
	 * @param unreadableEvents events it could not read (a JDK whose events differ)
	 */
	public record Status(State state, @Nullable String reason, @Nullable String survivorsUnavailable, Instant since,
			int harvests, long unreadableEvents) {
	}

	/**
	 * Flight Recorder cannot record here.
	 */
	static final class UnavailableException extends Exception {

		UnavailableException(String message) {
			super(message);
		}

	}

	/**
	 * A running recording.
	 */
	interface Recorder {

		/**
		 * Make the JVM emit its surviving samples into the recording.
		 */
		void harvest();

		void close();

	}

	/**
	 * Starts a recording; a seam for tests.
	 */
	@FunctionalInterface
	interface RecorderFactory {

		Recorder start(ProfilingSettings settings, boolean oldObjects, Sink sink, FrameInterner interner)
				throws UnavailableException;

	}

	/**
	 * Where a recording delivers what it reads.
	 */
	final class Sink {

		void allocation(SampledStack stack, long weight) {
			AllocationProfiler.this.allocations.add(stack, weight);
		}

		void survivor(SurvivorSample sample) {
			AllocationProfiler.this.survivors.add(sample);
		}

		void flushed() {
			AllocationProfiler.this.survivors.flushed();
		}

		void unreadable(RuntimeException ex) {
			if (AllocationProfiler.this.unreadable.getAndIncrement() == 0) {
				logger.debug("An event could not be read; counting the rest", ex);
			}
		}

	}

}
