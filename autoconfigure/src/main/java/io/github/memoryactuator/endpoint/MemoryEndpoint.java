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
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.DiagnosisInputs;
import io.github.memoryactuator.diagnosis.Diagnostician;
import io.github.memoryactuator.diagnosis.NativeGrowthTrend;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.profiling.AllocationProfile;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.reclaim.ClassHistogramService;
import io.github.memoryactuator.reclaim.HeapSettings;
import io.github.memoryactuator.reclaim.HeapTuning;
import io.github.memoryactuator.reclaim.HistogramOutcome;
import io.github.memoryactuator.reclaim.PausingOperation;
import io.github.memoryactuator.reclaim.ReclaimListener;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.reclaim.ReclaimReport;
import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.FullSnapshot;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.MemorySnapshot;
import io.github.memoryactuator.snapshot.SnapshotCache;

/**
 * {@link Endpoint @Endpoint} that shows where this process's memory goes, says whether it
 * is a leak, shows where the heap is allocated when profiling is on, and (when access is
 * unrestricted) gives memory back to the OS or takes a class histogram.
 * <p>
 * Read-only by default: {@code POST} needs
 * {@code management.endpoint.memory.access=unrestricted}.
 *
 * @since 0.1.0
 */
@Endpoint(id = "memory", defaultAccess = Access.READ_ONLY)
public class MemoryEndpoint {

	static final List<String> SECTIONS = List.of("process", "jvm", "gc", "container", "tuning", "nmt", "breakdown",
			"diagnosis", "history");

	// Sections served alone only: opt-in, or too large for the whole report.
	static final String ALLOCATIONS = "allocations";

	static final String PPROF = "pprof";

	static final String HISTOGRAM = "histogram";

	// Rows of the allocation tables and of the class histogram.
	private static final int ROWS = 20;

	private static final MimeType JSON = MimeTypeUtils.APPLICATION_JSON;

	private static final MimeType OCTET_STREAM = MimeTypeUtils.APPLICATION_OCTET_STREAM;

	private static final Log logger = LogFactory.getLog(MemoryEndpoint.class);

	private static final int STATUS_METHOD_NOT_ALLOWED = 405;

	private static final int STATUS_CONFLICT = 409;

	private final SnapshotCache snapshots;

	private final FullSnapshotCache fullSnapshots;

	private final Diagnostician diagnostician;

	private final HeapTuning tuning;

	private final ReclaimService reclaimer;

	private final List<ReclaimListener> listeners;

	private final ClassHistogramService histograms;

	private final @Nullable AllocationProfiler profiler;

	private final @Nullable MemoryHistory history;

	/**
	 * Create an endpoint.
	 * @param snapshots the gauge-depth snapshots
	 * @param fullSnapshots the rate-limited full-depth captures
	 * @param diagnostician what turns them into a verdict
	 * @param tuning the heap-shrink flags
	 * @param reclaimer what runs a reclaim
	 * @param listeners told about every completed reclaim
	 * @param histograms what takes a class histogram
	 * @param profiler the allocation profiler, or {@code null} when profiling is off
	 * @param history the memory history, or {@code null} when none is kept
	 */
	public MemoryEndpoint(SnapshotCache snapshots, FullSnapshotCache fullSnapshots, Diagnostician diagnostician,
			HeapTuning tuning, ReclaimService reclaimer, List<ReclaimListener> listeners,
			ClassHistogramService histograms, @Nullable AllocationProfiler profiler, @Nullable MemoryHistory history) {
		Assert.notNull(snapshots, "'snapshots' must not be null");
		Assert.notNull(fullSnapshots, "'fullSnapshots' must not be null");
		Assert.notNull(diagnostician, "'diagnostician' must not be null");
		Assert.notNull(tuning, "'tuning' must not be null");
		Assert.notNull(reclaimer, "'reclaimer' must not be null");
		Assert.notNull(histograms, "'histograms' must not be null");
		this.snapshots = snapshots;
		this.fullSnapshots = fullSnapshots;
		this.diagnostician = diagnostician;
		this.tuning = tuning;
		this.reclaimer = reclaimer;
		this.listeners = List.copyOf(listeners);
		this.histograms = histograms;
		this.profiler = profiler;
		this.history = history;
	}

	@ReadOperation
	public MemoryReport memory() {
		Deep deep = deep(this.snapshots.get());
		MemorySnapshot snapshot = deep.snapshot();
		return new MemoryReport(snapshot.capturedAt(), deep.diagnosis().verdict(),
				Sections.ProcessSection.of(snapshot.process()), Sections.JvmSection.of(snapshot),
				Sections.GcSection.of(snapshot), Sections.ContainerSection.of(snapshot.container()),
				ReclaimSections.Tuning.of(this.tuning), DeepSections.NmtSection.of(deep.full().nmt()),
				DeepSections.BreakdownSection.of(deep.full(), deep.breakdown()),
				DeepSections.DiagnosisSection.of(deep.diagnosis()));
	}

	/**
	 * Read one section. Only {@code history} takes parameters.
	 * @param section the section's name
	 * @param from the start of the history's range: an instant such as
	 * {@code 2026-01-01T10:00:00Z}, or a duration back from now such as {@code 15m}
	 * (default: the whole retention)
	 * @param to the end of the range, the same way (default: now)
	 * @return the section, or why not
	 */
	// Spring's @Nullable as well as JSpecify's, for Boot 3.5: see reclaim.
	@ReadOperation
	@SuppressWarnings("deprecation")
	public WebEndpointResponse<Object> section(@Selector String section,
			@org.springframework.lang.Nullable @Nullable String from,
			@org.springframework.lang.Nullable @Nullable String to) {
		if (section.equals("history")) {
			return history(from, to);
		}
		if (from != null || to != null) {
			String parameter = (from != null) ? "from" : "to";
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, parameter,
					"'" + parameter + "' applies only to the history section");
		}
		if (section.equals(ALLOCATIONS)) {
			return allocations();
		}
		if (section.equals(HISTOGRAM)) {
			return error(STATUS_METHOD_NOT_ALLOWED, null,
					"The class histogram is a write operation (it runs a full GC): POST /actuator/memory/" + HISTOGRAM
							+ ", with management.endpoint.memory.access=unrestricted");
		}
		MemorySnapshot snapshot = this.snapshots.get();
		Object body = switch (section) {
			case "process" -> Sections.ProcessSection.of(snapshot.process());
			case "jvm" -> Sections.JvmSection.of(snapshot);
			case "gc" -> Sections.GcSection.of(snapshot);
			case "container" -> Sections.ContainerSection.of(snapshot.container());
			case "tuning" -> ReclaimSections.Tuning.of(this.tuning);
			case "nmt" -> DeepSections.NmtSection.of(this.fullSnapshots.get(snapshot).nmt());
			case "breakdown" -> {
				FullSnapshot full = this.fullSnapshots.get(snapshot);
				yield DeepSections.BreakdownSection.of(full, BreakdownCalculator.compute(full));
			}
			case "diagnosis" -> DeepSections.DiagnosisSection.of(deep(snapshot).diagnosis());
			default -> null;
		};
		if (body == null) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, null, "Unknown section '" + abbreviate(section)
					+ "'; the sections are " + String.join(", ", SECTIONS) + ", " + ALLOCATIONS);
		}
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Object> history(@Nullable String from, @Nullable String to) {
		MemoryHistory history = this.history;
		if (history == null) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, null,
					"No memory history is kept: memory-actuator.history.enabled is false");
		}
		Instant now = Instant.now();
		Instant start;
		Instant end;
		try {
			start = instant("from", from, now, now.minus(history.retention()));
			end = instant("to", to, now, now);
		}
		catch (BadParameterException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.parameter, ex.getMessage());
		}
		if (start.isAfter(end)) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "from",
					"'from' (" + start + ") must not be after 'to' (" + end + ")");
		}
		return new WebEndpointResponse<>(HistorySection.of(history, start, end), WebEndpointResponse.STATUS_OK);
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
		try {
			Duration ago = DurationStyle.detectAndParse(text);
			if (ago.isNegative()) {
				throw new BadParameterException(name,
						"'" + name + "' must not be a negative duration, but was '" + abbreviate(text) + "'");
			}
			return now.minus(ago);
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			throw new BadParameterException(name,
					"'" + name + "' must be an instant such as 2026-01-01T10:00:00Z or a duration back from now "
							+ "such as 15m, but was '" + abbreviate(text) + "'");
		}
	}

	/**
	 * The allocation profile as a gzipped pprof protobuf, for {@code go tool pprof} and
	 * Grafana Pyroscope.
	 * @param section {@code allocations}
	 * @param format {@code pprof}
	 * @return the profile, or why there is none (as JSON)
	 */
	@ReadOperation(produces = "application/octet-stream")
	public WebEndpointResponse<Object> export(@Selector String section, @Selector String format) {
		if (!section.equals(ALLOCATIONS) || !format.equals(PPROF)) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, null, "Unknown path '" + abbreviate(section) + "/"
					+ abbreviate(format) + "'; the allocation profile is at " + ProfilingSections.PPROF, JSON);
		}
		if (this.profiler == null) {
			return error(STATUS_CONFLICT, null, ProfilingSections.OFF, JSON);
		}
		Reading<byte[]> profile = this.profiler.pprof(this.snapshots.get().live());
		byte[] bytes = profile.orNull();
		if (bytes == null) {
			return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, null, String.valueOf(profile.reason()), JSON);
		}
		return new WebEndpointResponse<>(bytes, WebEndpointResponse.STATUS_OK, OCTET_STREAM);
	}

	private WebEndpointResponse<Object> allocations() {
		if (this.profiler == null) {
			return error(STATUS_CONFLICT, null, ProfilingSections.OFF);
		}
		Reading<AllocationProfile> profile = this.profiler.profile(this.snapshots.get().live(), ROWS);
		AllocationProfile value = profile.orNull();
		if (value == null) {
			return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, null, String.valueOf(profile.reason()));
		}
		return new WebEndpointResponse<>(ProfilingSections.AllocationsSection.of(this.profiler.status(), value),
				WebEndpointResponse.STATUS_OK);
	}

	/**
	 * Take a class histogram: a full GC, then every class's live instances, and what grew
	 * since the previous histogram. It stops the application, so it obeys the reclaim's
	 * rules: write access, one at a time, and the cooldown.
	 * @param operation {@code histogram}
	 * @return the histogram, or why none was taken
	 */
	@WriteOperation
	public WebEndpointResponse<Object> run(@Selector String operation) {
		if (!operation.equals(HISTOGRAM)) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, null,
					"Unknown operation '" + abbreviate(operation) + "'; POST /actuator/memory reclaims memory and POST "
							+ "/actuator/memory/" + HISTOGRAM + " takes a class histogram");
		}
		HistogramOutcome outcome = this.histograms.histogram(ROWS);
		if (outcome instanceof HistogramOutcome.Completed completed) {
			logger.info("Class histogram: " + completed.report().top().size() + " classes in "
					+ completed.report().pause().toMillis() + " ms");
			return new WebEndpointResponse<>(HistogramSections.HistogramSection.of(completed.report()),
					WebEndpointResponse.STATUS_OK);
		}
		if (outcome instanceof HistogramOutcome.CoolingDown cooling) {
			return retryLater(recently(cooling.finished(), cooling.secondsLeft()), cooling.secondsLeft());
		}
		if (outcome instanceof HistogramOutcome.Busy busy) {
			return retryLater(running(busy.running(), busy.runningFor()), 1);
		}
		return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, null,
				((HistogramOutcome.Unavailable) outcome).reason());
	}

	/**
	 * Give memory back: a full GC, the wait for the heap uncommit, and a glibc trim.
	 * Every parameter is optional; text is accepted so that a wrong type gets a message
	 * naming the parameter rather than a generic conversion error.
	 * @param gc whether to run the full GC ({@code true} or {@code false}, default true)
	 * @param trim whether to trim the native heap (default true)
	 * @param minHeapFreeRatio a new {@code MinHeapFreeRatio}, 0-100
	 * @param maxHeapFreeRatio a new {@code MaxHeapFreeRatio}, 0-100
	 * @param g1PeriodicGcInterval a new {@code G1PeriodicGCInterval}: milliseconds or a
	 * duration such as {@code 5m}; 0 turns it off
	 * @return the report, or the reason it did not run
	 */
	// Boot 3.5 takes a parameter as optional only when it carries Spring's own @Nullable
	// (deprecated in Spring Framework 7, still read there by simple name); Boot 4 reads
	// JSpecify's. Without both, a POST without every parameter answers 400 on one line.
	@WriteOperation
	@SuppressWarnings("deprecation")
	public WebEndpointResponse<Object> reclaim(@org.springframework.lang.Nullable @Nullable String gc,
			@org.springframework.lang.Nullable @Nullable String trim,
			@org.springframework.lang.Nullable @Nullable String minHeapFreeRatio,
			@org.springframework.lang.Nullable @Nullable String maxHeapFreeRatio,
			@org.springframework.lang.Nullable @Nullable String g1PeriodicGcInterval) {
		ReclaimRequest request;
		try {
			request = new ReclaimRequest(bool("gc", gc), bool("trim", trim),
					new HeapSettings(ratio(HeapSettings.MIN_HEAP_FREE_RATIO, minHeapFreeRatio),
							ratio(HeapSettings.MAX_HEAP_FREE_RATIO, maxHeapFreeRatio),
							interval(HeapSettings.G1_PERIODIC_GC_INTERVAL, g1PeriodicGcInterval)));
		}
		catch (BadParameterException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.parameter, ex.getMessage());
		}
		ReclaimOutcome outcome = this.reclaimer.reclaim(request);
		if (outcome instanceof ReclaimOutcome.Completed completed) {
			ReclaimReport report = completed.report();
			this.snapshots.refresh();
			this.fullSnapshots.invalidate();
			logger.info("Memory reclaim: " + report.summary() + " (" + report.collector().explanation() + ")");
			for (ReclaimListener listener : this.listeners) {
				listener.reclaimed(report);
			}
			return new WebEndpointResponse<>(ReclaimSections.ReclaimResult.of(report), WebEndpointResponse.STATUS_OK);
		}
		if (outcome instanceof ReclaimOutcome.CoolingDown cooling) {
			return retryLater(recently(cooling.finished(), cooling.secondsLeft()), cooling.secondsLeft());
		}
		if (outcome instanceof ReclaimOutcome.Busy busy) {
			return retryLater(running(busy.running(), busy.runningFor()), 1);
		}
		ReclaimOutcome.Rejected rejected = (ReclaimOutcome.Rejected) outcome;
		return error(
				(rejected.kind() == io.github.memoryactuator.reclaim.TuningException.Kind.INVALID)
						? WebEndpointResponse.STATUS_BAD_REQUEST : STATUS_CONFLICT,
				rejected.parameter(), rejected.message());
	}

	private Deep deep(MemorySnapshot cached) {
		FullSnapshot full = this.fullSnapshots.get(cached);
		MemorySnapshot snapshot = FullSnapshotCache.freshest(cached, full);
		Reading<RssBreakdown> breakdown = BreakdownCalculator.compute(full);
		LeakEvidence profiling = (this.profiler != null) ? this.profiler.leakEvidence(snapshot.live())
				: LeakEvidence.off();
		MemoryHistory history = this.history;
		NativeGrowthTrend nativeTrend = (history != null)
				? this.diagnostician.nativeTrend(history, snapshot.capturedAt())
				: NativeGrowthTrend.untracked(snapshot.capturedAt());
		Diagnosis diagnosis = this.diagnostician
			.diagnose(DiagnosisInputs.of(snapshot, full, breakdown, heapFlags(), profiling), nativeTrend);
		return new Deep(snapshot, full, breakdown, diagnosis);
	}

	private Map<String, String> heapFlags() {
		// The flags that decide how far the heap shrinks under the running collector; the
		// diagnosis quotes them.
		List<String> names = switch (this.tuning.collector()) {
			case G1 -> List.of("MinHeapFreeRatio", "MaxHeapFreeRatio", "InitialHeapSize", "G1PeriodicGCInterval");
			case ZGC -> List.of("InitialHeapSize", "ZUncommitDelay");
			case SHENANDOAH, EPSILON -> List.of("InitialHeapSize");
			default -> List.of("MinHeapFreeRatio", "MaxHeapFreeRatio", "InitialHeapSize");
		};
		Map<String, String> flags = new LinkedHashMap<>();
		for (String flag : names) {
			String value = this.tuning.flag(flag).orNull();
			if (value != null) {
				flags.put(flag, value);
			}
		}
		return flags;
	}

	private static boolean bool(String name, @Nullable String value) {
		if (value == null) {
			return true;
		}
		String text = value.strip().toLowerCase(Locale.ROOT);
		if (text.equals("true") || text.equals("false")) {
			return Boolean.parseBoolean(text);
		}
		throw new BadParameterException(name,
				"'" + name + "' must be true or false, but was '" + abbreviate(value) + "'");
	}

	private static @Nullable Integer ratio(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int ratio = Integer.parseInt(value.strip());
			if (ratio < 0 || ratio > 100) {
				throw new BadParameterException(name, "'" + name + "' must be between 0 and 100, but was " + ratio);
			}
			return ratio;
		}
		catch (NumberFormatException ex) {
			throw new BadParameterException(name,
					"'" + name + "' must be a whole percentage from 0 to 100, but was '" + abbreviate(value) + "'");
		}
	}

	private static @Nullable Duration interval(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			Duration duration = text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text))
					: DurationStyle.detectAndParse(text);
			if (duration.isNegative()) {
				throw new BadParameterException(name, "'" + name + "' must not be negative, but was '" + text + "'");
			}
			return duration;
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new BadParameterException(name, "'" + name
					+ "' must be milliseconds or a duration such as 5m, but was '" + abbreviate(value) + "'");
		}
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

	private static String recently(PausingOperation finished, long secondsLeft) {
		return "A " + finished.description() + " ran recently; the next reclaim or class histogram is allowed in "
				+ secondsLeft + " s";
	}

	private static String running(PausingOperation running, Duration runningFor) {
		return "A " + running.description() + " is running (for " + runningFor.toMillis()
				+ " ms); only one reclaim or class histogram runs at a time";
	}

	private static WebEndpointResponse<Object> error(int status, @Nullable String parameter, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", message);
		if (parameter != null) {
			body.put("parameter", parameter);
		}
		return new WebEndpointResponse<>(body, status);
	}

	// An operation that produces something other than JSON names the error's type.
	private static WebEndpointResponse<Object> error(int status, @Nullable String parameter, String message,
			MimeType contentType) {
		WebEndpointResponse<Object> json = error(status, parameter, message);
		return new WebEndpointResponse<>(json.getBody(), status, contentType);
	}

	private static WebEndpointResponse<Object> retryLater(String message, long seconds) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		body.put("error", message);
		body.put("retryAfterSeconds", seconds);
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
	}

	private record Deep(MemorySnapshot snapshot, FullSnapshot full, Reading<RssBreakdown> breakdown,
			Diagnosis diagnosis) {
	}

	private static final class BadParameterException extends RuntimeException {

		private final String parameter;

		BadParameterException(String parameter, String message) {
			super(message);
			this.parameter = parameter;
		}

	}

	/**
	 * The whole report.
	 *
	 * @param capturedAt when the gauge-depth figures were read
	 * @param verdict one sentence: leak or not, and where RSS goes
	 * @param process {@code /proc/self/status}
	 * @param jvm the MXBeans and the live set
	 * @param gc collectors, headroom and recent live-set points
	 * @param container the memory cgroup
	 * @param tuning the heap-shrink flags (the GOGC analog)
	 * @param nmt Native Memory Tracking's summary, or why it is off
	 * @param breakdown RSS split into categories that sum to it
	 * @param diagnosis the verdict and the findings
	 */
	public record MemoryReport(Instant capturedAt, String verdict, Sections.ProcessSection process,
			Sections.JvmSection jvm, Sections.GcSection gc, Sections.ContainerSection container,
			ReclaimSections.Tuning tuning, DeepSections.NmtSection nmt, DeepSections.BreakdownSection breakdown,
			DeepSections.DiagnosisSection diagnosis) implements OperationResponseBody {
	}

}
