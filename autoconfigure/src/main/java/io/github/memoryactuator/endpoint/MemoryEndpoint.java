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

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.Assert;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.diagnosis.Assessor;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.SoftLimitFinding;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.histogram.HistogramOutcome;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfile;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.reclaim.ReclaimListener;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.reclaim.ReclaimReport;
import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitException;
import io.github.memoryactuator.softlimit.SoftLimitStatus;
import io.github.memoryactuator.tuning.HeapSettings;
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

	static final String ALLOCATIONS = "allocations";

	static final String HISTOGRAM = "histogram";

	static final String SOFT_LIMIT = "softLimit";

	// Rows of the allocation tables and of the class histogram.
	private static final int ROWS = 20;

	private static final Log logger = LogFactory.getLog(MemoryEndpoint.class);

	private final GaugeSnapshotCache snapshots;

	private final Assessor assessor;

	private final HeapTuning tuning;

	private final ReclaimService reclaimer;

	private final List<ReclaimListener> listeners;

	private final ClassHistogramService histograms;

	private final @Nullable AllocationProfiler profiler;

	private final @Nullable MemoryHistory history;

	private final boolean reclaimAllowed;

	private final @Nullable SoftLimitController softLimit;

	// A section is one entry here: its name and what builds it.
	private final Map<String, Supplier<OperationResponseBody>> sections = new LinkedHashMap<>();

	/**
	 * Create an endpoint.
	 * @param snapshots the gauge-depth snapshots
	 * @param assessor the full captures, the breakdown and the diagnosis
	 * @param tuning the heap-shrink flags
	 * @param reclaimer what runs a reclaim
	 * @param listeners told about every completed reclaim
	 * @param histograms what takes a class histogram
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 * @param history the memory history, or {@code null} when none is kept
	 */
	public MemoryEndpoint(GaugeSnapshotCache snapshots, Assessor assessor, HeapTuning tuning, ReclaimService reclaimer,
			List<ReclaimListener> listeners, ClassHistogramService histograms, @Nullable AllocationProfiler profiler,
			@Nullable MemoryHistory history) {
		this(snapshots, assessor, tuning, reclaimer, listeners, histograms, profiler, history, false, null);
	}

	/**
	 * Create an endpoint that says whether its write operations are open, with the soft
	 * memory limit's controller when there is one.
	 * @param snapshots the gauge-depth snapshots
	 * @param assessor the full captures, the breakdown and the diagnosis
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
	public MemoryEndpoint(GaugeSnapshotCache snapshots, Assessor assessor, HeapTuning tuning, ReclaimService reclaimer,
			List<ReclaimListener> listeners, ClassHistogramService histograms, @Nullable AllocationProfiler profiler,
			@Nullable MemoryHistory history, boolean reclaimAllowed, @Nullable SoftLimitController softLimit) {
		Assert.notNull(snapshots, "'snapshots' must not be null");
		Assert.notNull(assessor, "'assessor' must not be null");
		Assert.notNull(tuning, "'tuning' must not be null");
		Assert.notNull(reclaimer, "'reclaimer' must not be null");
		Assert.notNull(histograms, "'histograms' must not be null");
		this.snapshots = snapshots;
		this.assessor = assessor;
		this.tuning = tuning;
		this.reclaimer = reclaimer;
		this.listeners = List.copyOf(listeners);
		this.histograms = histograms;
		this.profiler = profiler;
		this.history = history;
		this.reclaimAllowed = reclaimAllowed;
		this.softLimit = softLimit;
		this.sections.put("process", () -> Sections.ProcessSection.of(snapshots.get().process()));
		this.sections.put("jvm", () -> Sections.JvmSection.of(snapshots.get()));
		this.sections.put("gc", () -> Sections.GcSection.of(snapshots.get()));
		this.sections.put("container", () -> Sections.ContainerSection.of(snapshots.get().container()));
		this.sections.put("tuning", () -> ReclaimSections.Tuning.of(tuning));
		this.sections.put("nmt", () -> DeepSections.NmtSection.of(assessor.full(snapshots.get()).nmt()));
		this.sections.put("breakdown", () -> {
			FullSnapshot full = assessor.full(snapshots.get());
			return DeepSections.BreakdownSection.of(full, BreakdownCalculator.compute(full));
		});
		this.sections.put("diagnosis",
				() -> DeepSections.DiagnosisSection.of(withSoftLimit(assessor.assess(snapshots.get()).diagnosis())));
		if (history != null) {
			this.sections.put("history", () -> history(history, null, null));
		}
		if (profiler != null) {
			this.sections.put(ALLOCATIONS, () -> served(allocations()));
		}
		if (softLimit != null) {
			this.sections.put(SOFT_LIMIT, () -> SoftLimitSections.SoftLimitSection.of(softLimit.status()));
		}
	}

	@ReadOperation
	public MemoryReport memory() {
		Assessor.Assessment assessment = this.assessor.assess(this.snapshots.get());
		GaugeSnapshot snapshot = assessment.gauge();
		return new MemoryReport(snapshot.capturedAt(), assessment.diagnosis().verdict(), this.reclaimAllowed,
				Sections.ProcessSection.of(snapshot.process()), Sections.JvmSection.of(snapshot),
				Sections.GcSection.of(snapshot), Sections.ContainerSection.of(snapshot.container()),
				ReclaimSections.Tuning.of(this.tuning), DeepSections.NmtSection.of(assessment.full().nmt()),
				DeepSections.BreakdownSection.of(assessment.full(), assessment.breakdown()),
				DeepSections.DiagnosisSection.of(withSoftLimit(assessment.diagnosis())),
				(this.softLimit != null) ? SoftLimitSections.SoftLimitSection.of(this.softLimit.status()) : null);
	}

	private Diagnosis withSoftLimit(Diagnosis diagnosis) {
		SoftLimitController controller = this.softLimit;
		return (controller != null) ? SoftLimitFinding.with(diagnosis, controller.status()) : diagnosis;
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
			MemoryHistory history = this.history;
			if (section.equals("history") && history != null) {
				return history(history, from, to);
			}
			String parameter = (from != null) ? "from" : "to";
			throw new InvalidParameterException(parameter, "'" + parameter + "' applies only to the history section");
		}
		if (section.equals(ALLOCATIONS) && this.profiler == null) {
			// A known section that is off: say how to turn it on, not that it is unknown.
			throw new SectionUnavailableException(ProfilingSections.OFF);
		}
		Supplier<OperationResponseBody> builder = this.sections.get(section);
		return (builder != null) ? builder.get() : null;
	}

	/**
	 * Return the allocation profile's tables.
	 * @return the tables, or why there are none: {@link Reading.Cause#NOT_ENABLED} when
	 * profiling is off (the reason says how to turn it on), another cause when Flight
	 * Recorder cannot record here
	 */
	Reading<ProfilingSections.AllocationsSection> allocations() {
		AllocationProfiler profiler = this.profiler;
		if (profiler == null) {
			return Reading.unavailable(Reading.Cause.NOT_ENABLED, ProfilingSections.OFF);
		}
		// No lambda over the profile: Spring lists this class's declared methods, which
		// would load the profile's class with profiling off.
		Reading<AllocationProfile> profile = profiler.profile(this.snapshots.get().live(), ROWS);
		AllocationProfile value = profile.orNull();
		return (value != null) ? Reading.of(ProfilingSections.AllocationsSection.of(profiler.status(), value))
				: Reading.unavailable(String.valueOf(profile.reason()));
	}

	/**
	 * Return the allocation profile as a gzipped pprof protobuf, for
	 * {@code go tool pprof} and Grafana Pyroscope.
	 * @return the bytes, or why there are none, as {@link #allocations()} says it
	 */
	Reading<byte[]> pprof() {
		AllocationProfiler profiler = this.profiler;
		if (profiler == null) {
			return Reading.unavailable(Reading.Cause.NOT_ENABLED, ProfilingSections.OFF);
		}
		return profiler.pprof(this.snapshots.get().live());
	}

	private static <T> T served(Reading<T> reading) {
		T value = reading.orNull();
		if (value == null) {
			throw new SectionUnavailableException(String.valueOf(reading.reason()));
		}
		return value;
	}

	/**
	 * Return whether a memory history is kept, so that the {@code history} section
	 * exists.
	 * @return whether it is kept
	 */
	public boolean keepsHistory() {
		return this.history != null;
	}

	private static HistorySection history(MemoryHistory history, @Nullable String from, @Nullable String to) {
		Instant now = Instant.now();
		Instant start = instant("from", from, now, now.minus(history.retention()));
		Instant end = instant("to", to, now, now);
		if (start.isAfter(end)) {
			throw new InvalidParameterException("from", "'from' (" + start + ") must not be after 'to' (" + end + ")");
		}
		return HistorySection.of(history, start, end);
	}

	// An instant, or a duration back from now ("15m", "PT15M", "90s").
	private static Instant instant(String name, @Nullable String value, Instant now, Instant fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		String text = value.strip();
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Not an instant: try a duration.
		}
		Duration ago;
		try {
			ago = DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			throw new InvalidParameterException(name,
					"'" + name + "' must be an instant such as 2026-01-01T10:00:00Z or a duration back from now "
							+ "such as 15m, but was '" + abbreviate(text) + "'");
		}
		if (ago.isNegative()) {
			throw new InvalidParameterException(name,
					"'" + name + "' must not be a negative duration, but was '" + abbreviate(text) + "'");
		}
		try {
			return now.minus(ago);
		}
		catch (ArithmeticException | DateTimeException ex) {
			throw new InvalidParameterException(name,
					"'" + name + "' reaches back before the start of time: '" + abbreviate(text) + "'");
		}
	}

	/**
	 * Return the names of the sections, in the report's order.
	 * @return the names
	 */
	public List<String> sectionNames() {
		return List.copyOf(this.sections.keySet());
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
		ReclaimOutcome outcome = reclaim(request(gc, trim, minHeapFreeRatio, maxHeapFreeRatio, g1PeriodicGcInterval));
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

	/**
	 * Take a class histogram ({@code histogram}): a full GC, then every class's live
	 * instances, and what grew since the previous histogram; or set, change or remove the
	 * soft limit's target ({@code softLimit}). Both obey the reclaim's rules: write
	 * access, one at a time, and the cooldown.
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

	/**
	 * Take a class histogram, and log one that was taken.
	 * @return the outcome
	 */
	HistogramOutcome histogram() {
		HistogramOutcome outcome = this.histograms.histogram(ROWS);
		if (outcome instanceof HistogramOutcome.Completed completed) {
			logger.info("Class histogram: " + completed.report().top().size() + " classes in "
					+ completed.report().pause().toMillis() + " ms");
		}
		return outcome;
	}

	static boolean isHistogram(String operation) {
		return operation.equals(HISTOGRAM);
	}

	boolean isSoftLimit(String operation) {
		return operation.equals(SOFT_LIMIT) && this.softLimit != null;
	}

	static final String TARGET_ONLY_FOR_SOFT_LIMIT = "'target' applies only to POST /actuator/memory/" + SOFT_LIMIT;

	/**
	 * Set, change or remove the soft limit's target, under the rules of every write; log
	 * the change.
	 * @param target the target, such as {@code 1500MB} or {@code 85%}, or {@code off} to
	 * remove it
	 * @return the status after the change, or why it did not run
	 * @throws InvalidParameterException for a missing or refused target
	 * @throws WriteRefusedException when another application context keeps the soft limit
	 */
	PauseGuard.Admission<SoftLimitStatus> changeSoftLimit(@Nullable String target) {
		SoftLimitController controller = this.softLimit;
		Assert.state(controller != null, "no soft limit");
		if (target == null || target.isBlank()) {
			throw new InvalidParameterException("target",
					"'target' is required: a size such as 1500MB, a share of the memory limit such as 85%, or "
							+ SoftLimitSections.OFF + " to remove it");
		}
		String value = target.strip();
		try {
			return controller.change(value.equalsIgnoreCase(SoftLimitSections.OFF) ? null : value);
		}
		catch (SoftLimitException ex) {
			String message = String.valueOf(ex.getMessage()).replace(controller.targetName(), "target");
			if (ex.kind() == SoftLimitException.Kind.CONFLICT) {
				throw new WriteRefusedException(message);
			}
			throw new InvalidParameterException("target", message);
		}
	}

	static String unknownOperation(String operation) {
		return "Unknown operation '" + abbreviate(operation) + "'; POST /actuator/memory reclaims memory and POST "
				+ "/actuator/memory/" + HISTOGRAM + " takes a class histogram";
	}

	/**
	 * Run a reclaim; on completion, refresh the cached snapshots, log and tell the
	 * listeners.
	 * @param request what to do
	 * @return the outcome
	 */
	ReclaimOutcome reclaim(ReclaimRequest request) {
		ReclaimOutcome.Refused held = heldBySoftLimit(request.tuning());
		if (held != null) {
			return held;
		}
		ReclaimOutcome outcome = this.reclaimer.reclaim(request);
		if (outcome instanceof ReclaimOutcome.Completed completed) {
			ReclaimReport report = completed.report();
			this.snapshots.refresh();
			this.assessor.invalidate();
			logger.info("Memory reclaim: " + report.summary() + " (" + report.collector().explanation() + ")");
			for (ReclaimListener listener : this.listeners) {
				listener.reclaimed(report);
			}
		}
		return outcome;
	}

	// A flag the soft limit holds is not the user's to set until the target is removed:
	// the controller would otherwise let go of it and leave it at the user's value.
	private ReclaimOutcome.@Nullable Refused heldBySoftLimit(HeapSettings requested) {
		SoftLimitController controller = this.softLimit;
		if (controller == null) {
			return null;
		}
		Map<String, String> held = controller.heldFlags();
		String parameter = null;
		String flag = null;
		if (requested.minHeapFreeRatio() != null && held.containsKey("MinHeapFreeRatio")) {
			parameter = HeapSettings.MIN_HEAP_FREE_RATIO;
			flag = "MinHeapFreeRatio";
		}
		else if (requested.maxHeapFreeRatio() != null && held.containsKey("MaxHeapFreeRatio")) {
			parameter = HeapSettings.MAX_HEAP_FREE_RATIO;
			flag = "MaxHeapFreeRatio";
		}
		else if (requested.g1PeriodicGcInterval() != null && held.containsKey("G1PeriodicGCInterval")) {
			parameter = HeapSettings.G1_PERIODIC_GC_INTERVAL;
			flag = "G1PeriodicGCInterval";
		}
		if (parameter == null || flag == null) {
			return null;
		}
		return new ReclaimOutcome.Refused(new Refusal.HeldBySoftLimit(parameter, flag, controller.targetName(),
				String.valueOf(controller.status().targetText())));
	}

	/**
	 * Build a request from the operation's parameters; {@code null} means the default.
	 * @param gc whether to collect
	 * @param trim whether to trim
	 * @param minHeapFreeRatio a new {@code MinHeapFreeRatio}
	 * @param maxHeapFreeRatio a new {@code MaxHeapFreeRatio}
	 * @param g1PeriodicGcInterval a new {@code G1PeriodicGCInterval}, as text
	 * @return the request
	 * @throws InvalidParameterException when the interval is not a duration
	 */
	static ReclaimRequest request(@Nullable Boolean gc, @Nullable Boolean trim, @Nullable Integer minHeapFreeRatio,
			@Nullable Integer maxHeapFreeRatio, @Nullable String g1PeriodicGcInterval) {
		return new ReclaimRequest(gc == null || gc, trim == null || trim, new HeapSettings(minHeapFreeRatio,
				maxHeapFreeRatio, interval(HeapSettings.G1_PERIODIC_GC_INTERVAL, g1PeriodicGcInterval)));
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

	private static @Nullable Duration interval(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			return text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text))
					: DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new InvalidParameterException(name, "'" + name
					+ "' must be milliseconds or a duration such as 5m, but was '" + abbreviate(value) + "'");
		}
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
			Sections.ProcessSection process, Sections.JvmSection jvm, Sections.GcSection gc,
			Sections.ContainerSection container, ReclaimSections.Tuning tuning, DeepSections.NmtSection nmt,
			DeepSections.BreakdownSection breakdown, DeepSections.DiagnosisSection diagnosis,
			SoftLimitSections.@Nullable SoftLimitSection softLimit) implements OperationResponseBody {
	}

}
