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

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.histogram.HistogramOutcome;
import io.github.memoryactuator.reclaim.ReclaimListener;
import io.github.memoryactuator.reclaim.ReclaimOutcome;
import io.github.memoryactuator.reclaim.ReclaimReport;
import io.github.memoryactuator.reclaim.ReclaimRequest;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitException;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * The endpoint's writes with what each needs around it: the reclaim refreshes the cached
 * snapshots, logs and tells its listeners, and is refused a flag the soft limit holds;
 * the class histogram is logged; the soft limit's target is read from the operation's
 * text.
 */
final class MemoryWrites {

	// Rows of the class histogram.
	private static final int ROWS = 20;

	// The endpoint's log category: what operators filter on did not move with the code.
	private static final Log logger = LogFactory.getLog(MemoryEndpoint.class);

	private final GaugeSnapshotCache snapshots;

	private final CaptureDiagnoser diagnoser;

	private final ReclaimService reclaimer;

	private final List<ReclaimListener> listeners;

	private final ClassHistogramService histograms;

	private final @Nullable SoftLimitController softLimit;

	MemoryWrites(GaugeSnapshotCache snapshots, CaptureDiagnoser diagnoser, ReclaimService reclaimer,
			List<ReclaimListener> listeners, ClassHistogramService histograms,
			@Nullable SoftLimitController softLimit) {
		this.snapshots = snapshots;
		this.diagnoser = diagnoser;
		this.reclaimer = reclaimer;
		this.listeners = List.copyOf(listeners);
		this.histograms = histograms;
		this.softLimit = softLimit;
	}

	/**
	 * Run a reclaim; on completion, refresh the cached snapshots, log and tell the
	 * listeners.
	 * @param request what to do
	 * @return the outcome
	 */
	ReclaimOutcome reclaim(ReclaimRequest request) {
		SoftLimitController controller = this.softLimit;
		Refusal.HeldBySoftLimit held = (controller != null) ? controller.refusalFor(request.tuning()) : null;
		if (held != null) {
			return new ReclaimOutcome.Refused(held);
		}
		ReclaimOutcome outcome = this.reclaimer.reclaim(request);
		if (outcome instanceof ReclaimOutcome.Completed completed) {
			ReclaimReport report = completed.report();
			this.snapshots.refresh();
			this.diagnoser.invalidate();
			logger.info("Memory reclaim: " + report.summary() + " (" + report.collector().explanation() + ")");
			for (ReclaimListener listener : this.listeners) {
				listener.reclaimed(report);
			}
		}
		return outcome;
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

	boolean keepsSoftLimit() {
		return this.softLimit != null;
	}

	/**
	 * Set, change or remove the soft limit's target, under the rules of every write.
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

}
