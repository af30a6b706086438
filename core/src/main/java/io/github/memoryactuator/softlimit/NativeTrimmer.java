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

package io.github.memoryactuator.softlimit;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.reclaim.NativeTrim;
import io.github.memoryactuator.snapshot.ByteSizes;

/**
 * The controller's glibc trim: worth running when the non-heap memory stands well above
 * its 5-minute low (what glibc may keep after a burst), and backing off while it gives
 * nothing back.
 */
final class NativeTrimmer {

	private static final long TRIM_WORTH = 16 * SoftLimitController.MB;

	private static final long SECOND = SoftLimitController.SECOND;

	private final JvmHeap heap;

	private final PauseGuard guard;

	private final Clock clock;

	private final ActionLog log;

	private final NonHeapEstimate estimate;

	private int ineffective;

	private long backoffUntil;

	private long nonHeapAtLastTrim = Long.MAX_VALUE / 2;

	private long lastEffective = Long.MIN_VALUE / 2;

	private long last = Long.MIN_VALUE / 2;

	private boolean worth;

	NativeTrimmer(JvmHeap heap, PauseGuard guard, Clock clock, ActionLog log, NonHeapEstimate estimate) {
		this.heap = heap;
		this.guard = guard;
		this.clock = clock;
		this.log = log;
		this.estimate = estimate;
	}

	/**
	 * Trim when it is worth it and not backing off.
	 * @param now the tick's time in nanoseconds
	 * @param charged charged memory
	 * @param nonHeap the non-heap estimate
	 * @return whether a trim gave memory back: then it is the tick's only action
	 */
	boolean trim(long now, long charged, long nonHeap) {
		if (!this.heap.canTrim()) {
			return false;
		}
		boolean worthIt = nonHeap - this.estimate.low() >= TRIM_WORTH;
		this.worth = worthIt;
		boolean jumped = nonHeap - this.nonHeapAtLastTrim >= TRIM_WORTH;
		if (!worthIt || (now < this.backoffUntil && !jumped)) {
			return false;
		}
		AtomicReference<Reading<NativeTrim>> result = new AtomicReference<>();
		if (!this.guard.runAlone(PausingOperation.SOFT_LIMIT, () -> result.set(this.heap.trim()))) {
			return false;
		}
		this.last = now;
		this.nonHeapAtLastTrim = nonHeap;
		this.log.count("trim");
		NativeTrim trim = result.get().orNull();
		long released = (trim != null) ? trim.released() : 0;
		this.log.record(new SoftLimitStatus.Action(this.clock.instant(), "trim",
				(trim != null) ? detail(released) : String.valueOf(result.get().reason()), charged,
				charged - Math.max(0, released)));
		if (released < TRIM_WORTH / 2) {
			// Nothing to give back, or still in use mid-burst: try again after 1, 2, 4 or
			// 8 s, so that the next burst's retained memory is not missed for long. The
			// heap may still be what is over, in this very tick.
			this.backoffUntil = now + SECOND * (1L << Math.min(3, this.ineffective++));
			return false;
		}
		this.ineffective = 0;
		this.lastEffective = now;
		this.estimate.forgetBounds();
		return true;
	}

	// Whether the latest look found retained native memory worth a trim.
	boolean worth() {
		return this.worth;
	}

	long last() {
		return this.last;
	}

	long lastEffective() {
		return this.lastEffective;
	}

	// RSS measured around the trim: other threads may grow it meanwhile, so the
	// difference can be negative, which is no release at all.
	private static String detail(long released) {
		return (released > 0) ? "released " + ByteSizes.format(released) : "released nothing";
	}

}
