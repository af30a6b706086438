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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.tuning.CollectorKind;

/**
 * One tick of the soft limit after another: measures, weighs charged memory against the
 * aim, and picks at most one means (a trim, or collections that shrink the heap), within
 * the collections allowed per minute and the GC CPU budget. It also decides the state: a
 * mean that moved nothing twice backs off, a spent CPU budget is
 * {@link SoftLimitState#THROTTLED}, and a live set plus non-heap memory above the target,
 * seen twice, is {@link SoftLimitState#UNREACHABLE}, probed again every 30 s.
 */
final class SoftLimitLoop {

	private static final Logger logger = LoggerFactory.getLogger(SoftLimitController.class);

	private static final long MB = SoftLimitController.MB;

	private static final long SECOND = SoftLimitController.SECOND;

	private static final long UNREACHABLE_REPROBE = 30 * SECOND;

	private final SoftLimitSettings settings;

	private final JvmHeap heap;

	private final HeapShrinker shrinker;

	private final NativeTrimmer trimmer;

	private final NonHeapEstimate estimate;

	private final ActionLog log;

	private final List<String> unavailable;

	private final Clock clock;

	private long target;

	private SoftLimitState state = SoftLimitState.OFF;

	private String reason = "no target is set";

	private @Nullable GcCpuMeter meter;

	private @Nullable GcCpuBucket bucket;

	private long lastGcNanos = -1;

	private long lastTickNanos;

	private long charged;

	private long nonHeap;

	private long heapBudget;

	private @Nullable Pending pending;

	private int heapIneffective;

	private long heapBackoffUntil;

	private long lastForced = Long.MIN_VALUE / 2;

	private long lastProbe = Long.MIN_VALUE / 2;

	private long firstConfirmation;

	private int confirmations;

	SoftLimitLoop(SoftLimitSettings settings, JvmHeap heap, HeapShrinker shrinker, NativeTrimmer trimmer,
			NonHeapEstimate estimate, ActionLog log, List<String> unavailable, Clock clock) {
		this.settings = settings;
		this.heap = heap;
		this.shrinker = shrinker;
		this.trimmer = trimmer;
		this.estimate = estimate;
		this.log = log;
		this.unavailable = unavailable;
		this.clock = clock;
	}

	void start(GcCpuMeter meter, GcCpuBucket bucket) {
		this.meter = meter;
		this.bucket = bucket;
		this.lastGcNanos = -1;
	}

	void stop() {
		this.target = 0;
		this.pending = null;
	}

	long target() {
		return this.target;
	}

	void target(long target) {
		this.target = target;
	}

	void state(SoftLimitState state, String reason) {
		this.state = state;
		this.reason = reason;
	}

	void reason(String reason) {
		this.reason = reason;
	}

	SoftLimitState state() {
		return this.state;
	}

	String reason() {
		return this.reason;
	}

	long charged() {
		return this.charged;
	}

	long nonHeap() {
		return this.nonHeap;
	}

	long heapBudget() {
		return this.heapBudget;
	}

	@Nullable GcCpuBucket bucket() {
		return this.bucket;
	}

	void tick(long now, long chargedNow) {
		GcCpuBucket cpu = this.bucket;
		GcCpuMeter gcMeter = this.meter;
		if (cpu != null && gcMeter != null) {
			Long gc = gcMeter.read().orNull();
			if (gc != null) {
				if (this.lastGcNanos >= 0) {
					cpu.add(now, now - this.lastTickNanos, gc - this.lastGcNanos);
				}
				this.lastGcNanos = gc;
			}
		}
		this.lastTickNanos = now;
		long committed = this.heap.heapCommitted();
		this.charged = chargedNow;
		this.nonHeap = this.estimate.update(now, chargedNow, committed, this.heap.nonHeapCommitted());
		long aim = (long) (this.settings.aim() * this.target);
		this.heapBudget = aim - this.nonHeap;
		this.log.prune(now);
		Pending judged = this.pending;
		if (judged != null && now >= judged.settledAt()) {
			this.pending = null;
			judge(judged, now, chargedNow, committed);
		}
		if (cpu != null && cpu.full()) {
			this.state = SoftLimitState.THROTTLED;
			this.reason = String
				.format(Locale.ROOT,
						"the GC used %.1f%% of the CPU over the last minute; the budget (%.0f%%) is spent, so the soft "
								+ "limit stops tightening",
						cpu.shareLastMinute() * 100, this.settings.gcCpuBudget() * 100);
			this.shrinker.relaxSoftMax();
			return;
		}
		this.shrinker.holdSoftMax(aim, this.nonHeap);
		if (chargedNow <= aim) {
			this.state = SoftLimitState.HOLDING;
			this.reason = "charged " + ByteSizes.format(chargedNow) + " is under the aim of " + ByteSizes.format(aim);
			this.confirmations = 0;
			return;
		}
		if (this.state != SoftLimitState.UNREACHABLE) {
			this.state = (chargedNow > this.target) ? SoftLimitState.OVER : SoftLimitState.HOLDING;
			this.reason = "charged " + ByteSizes.format(chargedNow) + " is above the aim of " + ByteSizes.format(aim)
					+ meansLeft();
		}
		if (trim(now, chargedNow) || this.pending != null) {
			// A trim that gave memory back is this tick's action; a collection still
			// settling is judged before another is forced.
			return;
		}
		if (this.state == SoftLimitState.UNREACHABLE && now - this.lastProbe < UNREACHABLE_REPROBE) {
			return;
		}
		LiveSet.Point live = this.heap.live();
		long liveBytes = (live != null) ? live.bytes() : 0;
		long floor = liveBytes + liveBytes / 4 + 16 * MB;
		boolean shrinkable = committed > Math.max(this.heapBudget, floor) + HeapShrinker.NO_EFFECT;
		// While backing off, one collection may still confirm that the live set does not
		// fit, when the heap after the latest collection of any kind (an upper bound that
		// follows a growing live set, unlike the last full collection's reading) says it
		// may not: otherwise a live set that grows during the back-off is found late.
		long upper = Math.max(liveBytes, this.heap.liveUpperBound());
		boolean confirm = upper + this.nonHeap > this.target && now - this.lastForced > 5 * SECOND;
		boolean allowed = now >= this.heapBackoffUntil || confirm;
		if ((shrinkable || confirm) && allowed && UnavailableMeans.heapWorks(this.unavailable)) {
			if (this.log.forcedLastMinute() < this.settings.maxForcedPerMinute()) {
				collect(now, chargedNow, committed);
			}
		}
		if (this.state != SoftLimitState.UNREACHABLE && live != null
				&& now - this.lastForced < this.shrinker.settle() + 5 * SECOND
				&& liveBytes + this.nonHeap > this.target) {
			confirmUnreachable(now, liveBytes);
		}
	}

	private String meansLeft() {
		if (!UnavailableMeans.heapWorks(this.unavailable)) {
			return "; the heap cannot be shrunk here (" + String.join("; ", this.unavailable) + ")";
		}
		if (this.heapBackoffUntil > this.lastTickNanos) {
			return "; collections did not move memory twice, backing off for "
					+ (this.heapBackoffUntil - this.lastTickNanos + SECOND - 1) / SECOND + " s";
		}
		return "";
	}

	private boolean trim(long now, long chargedNow) {
		if (!this.trimmer.trim(now, chargedNow, this.nonHeap)) {
			return false;
		}
		if (this.state == SoftLimitState.UNREACHABLE) {
			this.state = SoftLimitState.OVER;
			this.reason = "a trim gave back native memory: looking again";
			this.confirmations = 0;
		}
		return true;
	}

	private void collect(long now, long chargedNow, long committed) {
		List<String> detail = new ArrayList<>();
		long started = System.nanoTime();
		int collections = this.shrinker.collect(this.heapBudget, detail);
		if (collections == 0) {
			return;
		}
		long pause = (System.nanoTime() - started) / 1_000_000;
		this.log.forced(now, collections);
		if (this.shrinker.collector().usesFreeRatios()) {
			this.log.pause(now, pause);
		}
		this.lastForced = now;
		if (this.state == SoftLimitState.UNREACHABLE) {
			this.lastProbe = now;
		}
		this.log.count("collection");
		detail.add(collections + ((collections == 1) ? " collection" : " collections") + ", " + pause + " ms");
		SoftLimitStatus.Action action = new SoftLimitStatus.Action(this.clock.instant(), "collection",
				String.join(", ", detail), chargedNow, null);
		this.log.record(action);
		this.pending = new Pending(action, now + this.shrinker.settle(), chargedNow, committed);
	}

	private void judge(Pending judged, long now, long chargedNow, long committed) {
		this.log.replace(judged.action(), judged.action().settled(chargedNow));
		boolean moved = judged.charged() - chargedNow >= HeapShrinker.NO_EFFECT
				|| judged.committed() - committed >= HeapShrinker.NO_EFFECT;
		// ZGC gives memory back ZUncommitDelay after it fell unused, which the settle
		// time covers only for short delays: no verdict on its collections.
		if (!moved && this.shrinker.collector() != CollectorKind.ZGC) {
			if (this.shrinker.letGoOfBlockingSoftMax()) {
				this.heapIneffective = 0;
			}
			else if (++this.heapIneffective >= 2) {
				this.heapBackoffUntil = now + 10 * SECOND * (1L << Math.min(5, this.heapIneffective - 2));
			}
		}
		else if (moved) {
			this.heapIneffective = 0;
		}
		LiveSet.Point live = this.heap.live();
		if (live != null && !live.time().isBefore(judged.action().time())
				&& live.bytes() + this.nonHeap > this.target) {
			confirmUnreachable(now, live.bytes());
		}
		else if (live != null && !live.time().isBefore(judged.action().time())) {
			this.confirmations = 0;
			if (this.state == SoftLimitState.UNREACHABLE) {
				this.state = SoftLimitState.OVER;
				this.reason = "the live set fits again";
			}
		}
	}

	// Two readings at least 2 s apart, with a trim tried after the first when one was
	// worth it: retained native memory is not a live set.
	private void confirmUnreachable(long now, long live) {
		String figures = "live set " + ByteSizes.format(live) + " + non-heap " + ByteSizes.format(this.nonHeap)
				+ " > target " + ByteSizes.format(this.target);
		if (this.state == SoftLimitState.UNREACHABLE) {
			this.reason = figures;
			return;
		}
		if (this.confirmations == 0 || this.trimmer.lastEffective() > this.firstConfirmation) {
			this.confirmations = 1;
			this.firstConfirmation = now;
			return;
		}
		boolean trimTried = !this.heap.canTrim() || !this.trimmer.worth()
				|| this.trimmer.last() > this.firstConfirmation;
		if (now - this.firstConfirmation >= 2 * SECOND && trimTried) {
			this.state = SoftLimitState.UNREACHABLE;
			this.reason = figures;
			this.lastProbe = now;
			logger.warn("Soft limit: the target cannot be kept: {}", figures);
		}
	}

	private record Pending(SoftLimitStatus.Action action, long settledAt, long charged, long committed) {
	}

}
