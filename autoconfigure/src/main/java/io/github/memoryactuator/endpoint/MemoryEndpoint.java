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

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.histogram.HistogramOutcome;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.reclaim.ReclaimListener;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitStatus;
import io.github.memoryactuator.tuning.HeapTuning;
import io.github.memoryactuator.tuning.TuningException;

/**
 * {@link Endpoint @Endpoint} that shows where this process's memory goes, says whether it
 * is a leak, shows where the heap is allocated when profiling is on, and (when access is
 * unrestricted) gives memory back to the OS or takes a class histogram. Neutral: it
 * returns typed results, {@code null} for an unknown section, and throws for a refused
 * write or a section that cannot be served, so that JMX clients get plain values and
 * messages; {@link MemoryEndpointWebExtension} turns the same outcomes into HTTP statuses
 * and adds the allocation profile in pprof's format, which is for HTTP clients only.
 * <p>
 * Read-only by default: the reclaim needs
 * {@code management.endpoint.memory.access=unrestricted}.
 *
 * @since 0.1.0
 */
@Endpoint(id = "memory", defaultAccess = Access.READ_ONLY)
public class MemoryEndpoint {

	static final String ALLOCATIONS = MemorySections.ALLOCATIONS;

	static final String HISTOGRAM = "histogram";

	static final String SOFT_LIMIT = "softLimit";

	static final String TARGET_ONLY_FOR_SOFT_LIMIT = "'target' applies only to POST /actuator/memory/" + SOFT_LIMIT;

	private final MemorySections sections;

	private final MemoryWrites writes;

	private final boolean reclaimAllowed;

	/**
	 * Create an endpoint.
	 * @param snapshots the gauge-depth snapshots
	 * @param diagnoser the full captures, the breakdown and the diagnosis
	 * @param tuning the heap-shrink flags
	 * @param reclaimer what runs a reclaim
	 * @param listeners told about every completed reclaim
	 * @param histograms what takes a class histogram
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 * @param history the memory history, or {@code null} when none is kept
	 */
	public MemoryEndpoint(GaugeSnapshotCache snapshots, CaptureDiagnoser diagnoser, HeapTuning tuning,
			ReclaimService reclaimer, List<ReclaimListener> listeners, ClassHistogramService histograms,
			@Nullable AllocationProfiler profiler, @Nullable MemoryHistory history) {
		this(snapshots, diagnoser, tuning, reclaimer, listeners, histograms, profiler, history, false, null);
	}

	/**
	 * Create an endpoint that says whether its write operations are open, with the soft
	 * memory limit's controller when there is one.
	 * @param snapshots the gauge-depth snapshots
	 * @param diagnoser the full captures, the breakdown and the diagnosis
	 * @param tuning the heap-shrink flags
	 * @param reclaimer what runs a reclaim
	 * @param listeners told about every completed reclaim
	 * @param histograms what takes a class histogram
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 * @param history the memory history, or {@code null} when none is kept
	 * @param reclaimAllowed whether the configuration opens the write operations (Spring
	 * Boot's access decision for this endpoint), shown as the report's
	 * {@code reclaimAllowed}
	 * @param softLimit the soft limit's controller, or {@code null} when there is none
	 * @since 0.1.0
	 */
	public MemoryEndpoint(GaugeSnapshotCache snapshots, CaptureDiagnoser diagnoser, HeapTuning tuning,
			ReclaimService reclaimer, List<ReclaimListener> listeners, ClassHistogramService histograms,
			@Nullable AllocationProfiler profiler, @Nullable MemoryHistory history, boolean reclaimAllowed,
			@Nullable SoftLimitController softLimit) {
		Assert.notNull(snapshots, "'snapshots' must not be null");
		Assert.notNull(diagnoser, "'diagnoser' must not be null");
		Assert.notNull(tuning, "'tuning' must not be null");
		Assert.notNull(reclaimer, "'reclaimer' must not be null");
		Assert.notNull(histograms, "'histograms' must not be null");
		this.sections = new MemorySections(snapshots, diagnoser, tuning, profiler, history, softLimit);
		this.writes = new MemoryWrites(snapshots, diagnoser, reclaimer, listeners, histograms, softLimit);
		this.reclaimAllowed = reclaimAllowed;
	}

	@ReadOperation
	public MemoryReport memory() {
		return this.sections.report(this.reclaimAllowed);
	}

	/**
	 * Return one section of the report. Only {@code history} takes parameters; the
	 * {@code allocations} section is served only alone.
	 * @param section its name, one of {@link #sectionNames()}
	 * @param from the start of the history's range: an instant such as
	 * {@code 2026-01-01T10:00:00Z}, or a duration back from now such as {@code 15m}
	 * (default: the whole retention)
	 * @param to the end of the range, the same way (default: now)
	 * @return the section, or {@code null} when there is none of that name
	 * @throws InvalidEndpointRequestException for a range that is not one, or a range on
	 * another section
	 * @throws SectionUnavailableException for the allocations when profiling is off or
	 * cannot record here
	 */
	// Spring's @Nullable as well as JSpecify's, for Boot 3.5: see reclaim.
	@ReadOperation
	@SuppressWarnings("deprecation")
	public @Nullable OperationResponseBody section(@Selector String section,
			@org.springframework.lang.Nullable @Nullable String from,
			@org.springframework.lang.Nullable @Nullable String to) {
		if (from != null || to != null) {
			HistorySection history = section.equals(MemorySections.HISTORY) ? this.sections.history(from, to) : null;
			if (history != null) {
				return history;
			}
			String parameter = (from != null) ? "from" : "to";
			throw new InvalidParameterException(parameter, "'" + parameter + "' applies only to the history section");
		}
		if (section.equals(ALLOCATIONS) && !this.sections.profiles()) {
			// A known section that is off: say how to turn it on, not that it is unknown.
			throw new SectionUnavailableException(ProfilingSections.OFF);
		}
		return this.sections.section(section);
	}

	Reading<ProfilingSections.AllocationsSection> allocations() {
		return this.sections.allocations();
	}

	Reading<byte[]> pprof() {
		return this.sections.pprof();
	}

	/**
	 * Return whether a memory history is kept, so that the {@code history} section
	 * exists.
	 * @return whether it is kept
	 */
	public boolean keepsHistory() {
		return this.sections.keepsHistory();
	}

	/**
	 * Return the names of the sections, in the report's order.
	 * @return the names
	 */
	public List<String> sectionNames() {
		return this.sections.names();
	}

	/**
	 * Give memory back: a full GC, the wait for the heap uncommit, and a glibc trim.
	 * Every parameter is optional.
	 * @param gc whether to run the full GC (default true)
	 * @param trim whether to trim the native heap (default true)
	 * @param minHeapFreeRatio a new {@code MinHeapFreeRatio}, 0-100
	 * @param maxHeapFreeRatio a new {@code MaxHeapFreeRatio}, 0-100
	 * @param g1PeriodicGcInterval a new {@code G1PeriodicGCInterval}: milliseconds or a
	 * duration such as {@code 5m}; 0 turns it off, anything else must be at least 10 s
	 * @return the report
	 * @throws InvalidEndpointRequestException for a parameter that is wrong in itself
	 * @throws WriteRefusedException when another write runs or ran within the cooldown,
	 * or this JVM cannot honour the tuning
	 */
	// Boot 3.5 takes a parameter as optional only when it carries Spring's own @Nullable
	// (deprecated in Spring Framework 7, still read there by simple name); Boot 4 reads
	// JSpecify's. Without both, a POST without every parameter answers 400 on one line.
	// The interval is text: JMX would otherwise ask its clients for a java.time.Duration.
	@WriteOperation
	@SuppressWarnings("deprecation")
	public ReclaimSections.ReclaimResult reclaim(@org.springframework.lang.Nullable @Nullable Boolean gc,
			@org.springframework.lang.Nullable @Nullable Boolean trim,
			@org.springframework.lang.Nullable @Nullable Integer minHeapFreeRatio,
			@org.springframework.lang.Nullable @Nullable Integer maxHeapFreeRatio,
			@org.springframework.lang.Nullable @Nullable String g1PeriodicGcInterval) {
		ReclaimOutcome outcome = reclaim(
				ReclaimParameters.request(gc, trim, minHeapFreeRatio, maxHeapFreeRatio, g1PeriodicGcInterval));
		if (outcome instanceof ReclaimOutcome.Completed completed) {
			return ReclaimSections.ReclaimResult.of(completed.report());
		}
		if (outcome instanceof ReclaimOutcome.Refused refused) {
			throw new WriteRefusedException(refusal(refused.refusal()));
		}
		ReclaimOutcome.Rejected rejected = (ReclaimOutcome.Rejected) outcome;
		if (rejected.kind() == TuningException.Kind.INVALID) {
			throw new InvalidParameterException(rejected.parameter(), rejected.message());
		}
		throw new WriteRefusedException(rejected.message());
	}

	ReclaimOutcome reclaim(ReclaimRequest request) {
		return this.writes.reclaim(request);
	}

	/**
	 * Run the named write operation (the name is the JMX operation's, and JMX is part of
	 * the contract). Take a class histogram ({@code histogram}): a full GC, then every
	 * class's live instances, and what grew since the previous histogram; or set, change
	 * or remove the soft limit's target ({@code softLimit}). Both obey the reclaim's
	 * rules: write access, one at a time, and the cooldown.
	 * @param operation {@code histogram} or {@code softLimit}
	 * @param target for {@code softLimit} only: a size such as {@code 1500MB}, a share of
	 * the memory limit such as {@code 85%}, or {@code off}
	 * @return the histogram, or the soft limit's section after the change
	 * @throws InvalidEndpointRequestException for an unknown operation, a target refused
	 * or a target given to the histogram
	 * @throws WriteRefusedException when another write runs or ran within the cooldown,
	 * this JVM cannot take a class histogram, or another application context keeps the
	 * soft limit
	 */
	@WriteOperation
	@SuppressWarnings("deprecation")
	public OperationResponseBody run(@Selector String operation,
			@org.springframework.lang.Nullable @Nullable String target) {
		if (isSoftLimit(operation)) {
			PauseGuard.Admission<SoftLimitStatus> admission = changeSoftLimit(target);
			if (admission instanceof PauseGuard.Admission.Ran<SoftLimitStatus> ran) {
				return SoftLimitSections.SoftLimitSection.of(ran.result());
			}
			throw new WriteRefusedException(
					refusal(((PauseGuard.Admission.Refused<SoftLimitStatus>) admission).refusal()));
		}
		if (!isHistogram(operation)) {
			throw new InvalidParameterException("operation", unknownOperation(operation));
		}
		if (target != null) {
			throw new InvalidParameterException("target", TARGET_ONLY_FOR_SOFT_LIMIT);
		}
		HistogramOutcome outcome = histogram();
		if (outcome instanceof HistogramOutcome.Completed completed) {
			return HistogramSections.HistogramSection.of(completed.report());
		}
		if (outcome instanceof HistogramOutcome.Refused refused) {
			throw new WriteRefusedException(refusal(refused.refusal()));
		}
		throw new WriteRefusedException(unavailable((HistogramOutcome.Unavailable) outcome));
	}

	HistogramOutcome histogram() {
		return this.writes.histogram();
	}

	PauseGuard.Admission<SoftLimitStatus> changeSoftLimit(@Nullable String target) {
		return this.writes.changeSoftLimit(target);
	}

	static boolean isHistogram(String operation) {
		return operation.equals(HISTOGRAM);
	}

	boolean isSoftLimit(String operation) {
		return operation.equals(SOFT_LIMIT) && this.writes.keepsSoftLimit();
	}

	static String unknownOperation(String operation) {
		return "Unknown operation '" + abbreviate(operation) + "'; POST /actuator/memory reclaims memory and POST "
				+ "/actuator/memory/" + HISTOGRAM + " takes a class histogram";
	}

	/**
	 * Return why a write did not run, in a sentence: the one place a refusal is worded.
	 * @param refusal why the guard refused it
	 * @return the sentence
	 */
	static String refusal(Refusal refusal) {
		if (refusal instanceof Refusal.CoolingDown cooling) {
			return "A " + cooling.finished().description() + " ran recently; the next write is allowed in "
					+ cooling.retryAfterSeconds() + " s (memory-actuator.reclaim.cooldown)";
		}
		if (refusal instanceof Refusal.Busy busy) {
			return "A " + busy.running().description() + " is running (for " + busy.runningFor().toMillis()
					+ " ms); only one write runs at a time";
		}
		Refusal.HeldBySoftLimit held = (Refusal.HeldBySoftLimit) refusal;
		return held.flag() + " is held by the soft limit (" + held.setting() + "=" + held.target()
				+ "); remove the target first: POST /actuator/memory/" + SOFT_LIMIT + " {\"target\": \""
				+ SoftLimitSections.OFF + "\"}";
	}

	static String unavailable(HistogramOutcome.Unavailable unavailable) {
		return "No class histogram: " + unavailable.reason();
	}

	static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

	/**
	 * The whole report.
	 *
	 * @param capturedAt when the gauge-depth figures were read
	 * @param verdict one sentence: leak or not, and where RSS goes
	 * @param reclaimAllowed whether the configuration lets a caller that may read this
	 * report also {@code POST} a reclaim ({@code management.endpoint.memory.access}, as
	 * Spring Boot decides it); a 429 during the cooldown is still possible
	 * @param process {@code /proc/self/status}
	 * @param jvm the MXBeans and the live set
	 * @param gc collectors, headroom and recent live-set points
	 * @param container the memory cgroup
	 * @param tuning the heap-shrink flags (the GOGC analog)
	 * @param nmt Native Memory Tracking's summary, or why it is off
	 * @param breakdown RSS split into categories that sum to it
	 * @param diagnosis the verdict and the findings
	 * @param softLimit the soft memory limit, or {@code null} when there is none
	 */
	public record MemoryReport(Instant capturedAt, String verdict, boolean reclaimAllowed,
			GaugeSections.ProcessSection process, GaugeSections.JvmSection jvm, GaugeSections.GcSection gc,
			GaugeSections.ContainerSection container, ReclaimSections.Tuning tuning, FullCaptureSections.NmtSection nmt,
			FullCaptureSections.BreakdownSection breakdown, FullCaptureSections.DiagnosisSection diagnosis,
			SoftLimitSections.@Nullable SoftLimitSection softLimit) implements OperationResponseBody {
	}

}
