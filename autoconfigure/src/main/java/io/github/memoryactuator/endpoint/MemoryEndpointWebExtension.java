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

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.histogram.HistogramOutcome;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.softlimit.SoftLimitStatus;
import io.github.memoryactuator.tuning.TuningException;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link MemoryEndpoint}: the
 * same operations, with HTTP statuses and a JSON error body that says what went wrong. An
 * unknown section is a 404 that lists the sections; a reclaim answers 400 for a parameter
 * that is wrong in itself, 409 for tuning this JVM cannot honour, and 429 while another
 * write runs or during the cooldown; a class histogram answers 429 the same way and 503
 * when this JVM cannot take one. The allocations answer 409 with profiling off (saying
 * which property turns it on) and 503 when Flight Recorder cannot record here. One
 * operation exists over HTTP only: the allocation profile in pprof's format, a binary
 * file for {@code go tool pprof} and Grafana Pyroscope.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = MemoryEndpoint.class)
public class MemoryEndpointWebExtension {

	private static final int STATUS_METHOD_NOT_ALLOWED = 405;

	private static final String PPROF = "pprof";

	private static final MimeType JSON = MimeTypeUtils.APPLICATION_JSON;

	private static final MimeType OCTET_STREAM = MimeTypeUtils.APPLICATION_OCTET_STREAM;

	private final MemoryEndpoint endpoint;

	/**
	 * Create an extension.
	 * @param endpoint the endpoint it extends
	 */
	public MemoryEndpointWebExtension(MemoryEndpoint endpoint) {
		Assert.notNull(endpoint, "'endpoint' must not be null");
		this.endpoint = endpoint;
	}

	/**
	 * Return one section, as {@link MemoryEndpoint#section} does.
	 * @param section its name
	 * @param from the start of the history's range
	 * @param to the end of the history's range
	 * @return the section, or why not
	 */
	@ReadOperation
	@SuppressWarnings("deprecation")
	public WebEndpointResponse<Object> section(@Selector String section,
			@org.springframework.lang.Nullable @Nullable String from,
			@org.springframework.lang.Nullable @Nullable String to) {
		if (section.equals("history") && !this.endpoint.keepsHistory()) {
			return ErrorResponses.error(WebEndpointResponse.STATUS_NOT_FOUND, null,
					"No memory history is kept: memory-actuator.history.enabled is false");
		}
		if (section.equals(MemoryEndpoint.HISTOGRAM)) {
			return ErrorResponses.error(STATUS_METHOD_NOT_ALLOWED, null,
					"The class histogram is a write operation (it runs a full GC): POST /actuator/memory/"
							+ MemoryEndpoint.HISTOGRAM + ", with management.endpoint.memory.access=unrestricted");
		}
		if (section.equals(MemoryEndpoint.ALLOCATIONS) && from == null && to == null) {
			Reading<ProfilingSections.AllocationsSection> allocations = this.endpoint.allocations();
			ProfilingSections.AllocationsSection value = allocations.orNull();
			return (value != null) ? new WebEndpointResponse<>(value, WebEndpointResponse.STATUS_OK)
					: unavailable(allocations, JSON);
		}
		OperationResponseBody body;
		try {
			body = this.endpoint.section(section, from, to);
		}
		catch (InvalidParameterException ex) {
			return ErrorResponses.badParameter(ex);
		}
		if (body == null) {
			return ErrorResponses.error(WebEndpointResponse.STATUS_NOT_FOUND, null,
					"Unknown section '" + MemoryEndpoint.abbreviate(section) + "'; the sections are "
							+ String.join(", ", this.endpoint.sectionNames()));
		}
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	/**
	 * Return the allocation profile as a gzipped pprof protobuf
	 * ({@code GET /actuator/memory/allocations/pprof}). HTTP only: a JMX client reads the
	 * same samples in the {@code allocations} section.
	 * @param section {@code allocations}
	 * @param format {@code pprof}
	 * @return the profile, or why there is none (as JSON)
	 */
	@ReadOperation(produces = "application/octet-stream")
	public WebEndpointResponse<Object> profile(@Selector String section, @Selector String format) {
		if (!section.equals(MemoryEndpoint.ALLOCATIONS) || !format.equals(PPROF)) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND,
					"Unknown path '" + MemoryEndpoint.abbreviate(section) + "/" + MemoryEndpoint.abbreviate(format)
							+ "'; the allocation profile is at " + ProfilingSections.PPROF,
					JSON);
		}
		Reading<byte[]> profile = this.endpoint.pprof();
		byte[] bytes = profile.orNull();
		return (bytes != null) ? new WebEndpointResponse<>(bytes, WebEndpointResponse.STATUS_OK, OCTET_STREAM)
				: unavailable(profile, JSON);
	}

	/**
	 * Take a class histogram or change the soft limit's target, as
	 * {@link MemoryEndpoint#run} does.
	 * @param operation {@code histogram} or {@code softLimit}
	 * @param target for {@code softLimit} only: the new target, or {@code off}
	 * @return the histogram or the soft limit's section, or why nothing ran
	 */
	@WriteOperation
	@SuppressWarnings("deprecation")
	public WebEndpointResponse<Object> run(@Selector String operation,
			@org.springframework.lang.Nullable @Nullable String target) {
		if (this.endpoint.isSoftLimit(operation)) {
			return softLimit(target);
		}
		if (!MemoryEndpoint.isHistogram(operation)) {
			return ErrorResponses.error(WebEndpointResponse.STATUS_NOT_FOUND, null,
					MemoryEndpoint.unknownOperation(operation));
		}
		if (target != null) {
			return ErrorResponses.error(WebEndpointResponse.STATUS_BAD_REQUEST, "target",
					MemoryEndpoint.TARGET_ONLY_FOR_SOFT_LIMIT);
		}
		HistogramOutcome outcome = this.endpoint.histogram();
		if (outcome instanceof HistogramOutcome.Completed completed) {
			return new WebEndpointResponse<>(HistogramSections.HistogramSection.of(completed.report()),
					WebEndpointResponse.STATUS_OK);
		}
		if (outcome instanceof HistogramOutcome.Refused refused) {
			return refused(refused.refusal());
		}
		return ErrorResponses.error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, null,
				MemoryEndpoint.unavailable((HistogramOutcome.Unavailable) outcome));
	}

	// 400 for a target refused, 409 when another context keeps the soft limit, 429 while
	// another write runs or during the cooldown.
	private WebEndpointResponse<Object> softLimit(@Nullable String target) {
		PauseGuard.Admission<SoftLimitStatus> admission;
		try {
			admission = this.endpoint.changeSoftLimit(target);
		}
		catch (InvalidParameterException ex) {
			return ErrorResponses.badParameter(ex);
		}
		catch (WriteRefusedException ex) {
			return ErrorResponses.error(ErrorResponses.STATUS_CONFLICT, "target", String.valueOf(ex.getMessage()));
		}
		if (admission instanceof PauseGuard.Admission.Ran<SoftLimitStatus> ran) {
			return new WebEndpointResponse<>(SoftLimitSections.SoftLimitSection.of(ran.result()),
					WebEndpointResponse.STATUS_OK);
		}
		return refused(((PauseGuard.Admission.Refused<SoftLimitStatus>) admission).refusal());
	}

	// The one place a refusal gets its status: 429 with Retry-After while another write
	// runs or during the cooldown, 409 naming the parameter when the soft limit holds the
	// flag it sets.
	static WebEndpointResponse<Object> refused(Refusal refusal) {
		if (refusal instanceof Refusal.HeldBySoftLimit held) {
			return ErrorResponses.error(ErrorResponses.STATUS_CONFLICT, held.parameter(),
					MemoryEndpoint.refusal(refusal));
		}
		return ErrorResponses.retryLater(MemoryEndpoint.refusal(refusal), refusal.retryAfterSeconds());
	}

	/**
	 * Give memory back, as {@link MemoryEndpoint#reclaim} does.
	 * @param gc whether to run the full GC (default true)
	 * @param trim whether to trim the native heap (default true)
	 * @param minHeapFreeRatio a new {@code MinHeapFreeRatio}, 0-100
	 * @param maxHeapFreeRatio a new {@code MaxHeapFreeRatio}, 0-100
	 * @param g1PeriodicGcInterval a new {@code G1PeriodicGCInterval}: milliseconds or a
	 * duration such as {@code 5m}; 0 turns it off, anything else must be at least 10 s
	 * @return the report, or why it did not run
	 */
	@WriteOperation
	@SuppressWarnings("deprecation")
	public WebEndpointResponse<Object> reclaim(@org.springframework.lang.Nullable @Nullable Boolean gc,
			@org.springframework.lang.Nullable @Nullable Boolean trim,
			@org.springframework.lang.Nullable @Nullable Integer minHeapFreeRatio,
			@org.springframework.lang.Nullable @Nullable Integer maxHeapFreeRatio,
			@org.springframework.lang.Nullable @Nullable String g1PeriodicGcInterval) {
		ReclaimOutcome outcome;
		try {
			outcome = this.endpoint
				.reclaim(ReclaimParameters.request(gc, trim, minHeapFreeRatio, maxHeapFreeRatio, g1PeriodicGcInterval));
		}
		catch (InvalidParameterException ex) {
			return ErrorResponses.badParameter(ex);
		}
		if (outcome instanceof ReclaimOutcome.Completed completed) {
			return new WebEndpointResponse<>(ReclaimSections.ReclaimResult.of(completed.report()),
					WebEndpointResponse.STATUS_OK);
		}
		if (outcome instanceof ReclaimOutcome.Refused refused) {
			return refused(refused.refusal());
		}
		ReclaimOutcome.Rejected rejected = (ReclaimOutcome.Rejected) outcome;
		return ErrorResponses.error((rejected.kind() == TuningException.Kind.INVALID)
				? WebEndpointResponse.STATUS_BAD_REQUEST : ErrorResponses.STATUS_CONFLICT, rejected.parameter(),
				rejected.message());
	}

	// Profiling off is the application's configuration (409, naming the property);
	// anything else is this JVM's (503, with the reason).
	private static WebEndpointResponse<Object> unavailable(Reading<?> reading, MimeType contentType) {
		int status = (reading.cause() == Reading.Cause.NOT_ENABLED) ? ErrorResponses.STATUS_CONFLICT
				: WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
		return error(status, String.valueOf(reading.reason()), contentType);
	}

	// An operation that produces something other than JSON names its error's type.
	private static WebEndpointResponse<Object> error(int status, String message, MimeType contentType) {
		WebEndpointResponse<Object> json = ErrorResponses.error(status, null, message);
		return new WebEndpointResponse<>(json.getBody(), status, contentType);
	}

}
