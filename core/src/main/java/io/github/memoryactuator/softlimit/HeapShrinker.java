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

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.VmFlags;

/**
 * The controller's means of shrinking the heap, per collector: G1, Parallel and Serial
 * lower the heap free ratios for one collection that resizes the heap and set them back
 * at once (held low, they make every young collection a resize: a GC storm); ZGC and
 * Shenandoah hold {@code SoftMaxHeapSize} at the budget and run a concurrent cycle.
 */
final class HeapShrinker {

	private static final Logger logger = LoggerFactory.getLogger(SoftLimitController.class);

	private static final long MB = SoftLimitController.MB;

	private static final long SECOND = SoftLimitController.SECOND;

	static final String SOFT_MAX = "SoftMaxHeapSize";

	static final String PERIODIC = "G1PeriodicGCInterval";

	// Less than this moved is no effect: page rounding and allocation in the meantime.
	static final long NO_EFFECT = 8 * MB;

	// Above this ZUncommitDelay (seconds) a forced cycle gives nothing back for longer
	// than an excursion may last.
	static final long MAX_ZGC_DELAY = 30;

	private final CollectorKind collector;

	private final boolean generationalZgc;

	private final JvmHeap heap;

	private final VmFlags vmFlags;

	private final FlagHolder flags;

	private final PauseGuard guard;

	private final ActionLog log;

	private boolean softMaxBlocks;

	HeapShrinker(CollectorKind collector, boolean generationalZgc, JvmHeap heap, VmFlags vmFlags, FlagHolder flags,
			PauseGuard guard, ActionLog log) {
		this.collector = collector;
		this.generationalZgc = generationalZgc;
		this.heap = heap;
		this.vmFlags = vmFlags;
		this.flags = flags;
		this.guard = guard;
		this.log = log;
	}

	// G1 holds G1PeriodicGCInterval while a target is set, when it was off, so that an
	// idle heap shrinks in a concurrent cycle.
	void holdPeriodic() {
		if (this.collector == CollectorKind.G1 && "0".equals(this.vmFlags.read(PERIODIC).orNull())
				&& this.flags.claim(PERIODIC)) {
			try {
				this.flags.write(PERIODIC, SoftLimitController.PERIODIC_INTERVAL_MILLIS);
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Soft limit: {} not set: {}", PERIODIC, ex.getMessage());
			}
		}
	}

	CollectorKind collector() {
		return this.collector;
	}

	/**
	 * Force the collections that shrink the heap toward the budget, under the guard.
	 * @param heapBudget the heap's budget
	 * @param detail what was done, for the action's detail
	 * @return how many collections ran, 0 when the guard was busy or none ran
	 */
	int collect(long heapBudget, List<String> detail) {
		int[] collections = new int[1];
		boolean ran = this.guard.runAlone(PausingOperation.SOFT_LIMIT, () -> {
			switch (this.collector) {
				case G1, PARALLEL, SERIAL -> collections[0] = resize(heapBudget, detail);
				default -> collections[0] = this.heap.collect() ? 1 : 0;
			}
		});
		return ran ? collections[0] : 0;
	}

	// Ratios low enough that this collection sizes the heap to the budget, then back at
	// once. Lowering, Min goes first; raising back, Max (the JVM checks Min <= Max on
	// each write).
	private int resize(long heapBudget, List<String> detail) {
		LiveSet.Point live = this.heap.live();
		long liveBytes = Math.max((live != null) ? live.bytes() : 0, 16 * MB);
		int max = (int) Math.max(10, Math.min(70, 100 * (1 - (double) liveBytes / Math.max(heapBudget, 1))));
		Long currentMax = this.vmFlags.readNumber(FlagHolder.MAX_RATIO);
		Long currentMin = this.vmFlags.readNumber(FlagHolder.MIN_RATIO);
		boolean pulsed = false;
		if (currentMax != null && currentMin != null && max < currentMax && this.flags.claim(FlagHolder.MIN_RATIO)
				&& this.flags.claim(FlagHolder.MAX_RATIO)) {
			int min = (int) Math.min(max, currentMin);
			try {
				this.flags.write(FlagHolder.MIN_RATIO, Integer.toString(min));
				this.flags.write(FlagHolder.MAX_RATIO, Integer.toString(max));
				pulsed = true;
				detail.add("MinHeapFreeRatio=" + min + " and MaxHeapFreeRatio=" + max + " for the collection");
			}
			catch (IllegalArgumentException ex) {
				detail.add("free ratios refused (" + ex.getMessage() + ")");
			}
		}
		// Serial damps a shrink over consecutive full collections (0, 10, 40, then
		// 100 % of it): up to four in a row, until the heap is down to the budget.
		int most = (this.collector == CollectorKind.SERIAL) ? 4 : 1;
		int done = 0;
		try {
			while (done < most) {
				if (!this.heap.collect()) {
					break;
				}
				done++;
				if (this.heap.heapCommitted() <= Math.max(heapBudget, 16 * MB) + NO_EFFECT) {
					break;
				}
			}
		}
		finally {
			if (!this.flags.releaseRatios() && pulsed) {
				logger.warn("Soft limit: the heap free ratios did not read back as their originals");
			}
		}
		return done;
	}

	// ZGC and Shenandoah: SoftMaxHeapSize follows the budget while a target is set, but
	// never below twice (and 64 MB above) the live set: nearer, both collect back to
	// back and Shenandoah never uncommits.
	void holdSoftMax(long aim, long nonHeap) {
		if (this.softMaxBlocks || (this.collector != CollectorKind.ZGC && this.collector != CollectorKind.SHENANDOAH)) {
			return;
		}
		LiveSet.Point live = this.heap.live();
		long liveBytes = (live != null) ? live.bytes() : 0;
		long max = Runtime.getRuntime().maxMemory();
		long soft = Math.min(max, Math.max(aim - nonHeap, Math.max(2 * liveBytes, liveBytes + 64 * MB)));
		Long current = this.vmFlags.readNumber(SOFT_MAX);
		if (current == null || Math.abs(current - soft) < Math.max(NO_EFFECT, current / 20)
				|| !this.flags.claim(SOFT_MAX)) {
			return;
		}
		try {
			this.flags.write(SOFT_MAX, Long.toString(soft));
			this.log.count("softMaxHeapSize");
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Soft limit: {} refused: {}", SOFT_MAX, ex.getMessage());
		}
	}

	void relaxSoftMax() {
		if (this.flags.held().containsKey(SOFT_MAX) && this.flags.claim(SOFT_MAX)) {
			this.flags.release(SOFT_MAX);
		}
	}

	/**
	 * Let go of {@code SoftMaxHeapSize} the first time a Shenandoah cycle under it gave
	 * nothing back: with it held below the committed heap an explicit cycle does not
	 * uncommit, while one without it does at once.
	 * @return whether it let go now
	 */
	boolean letGoOfBlockingSoftMax() {
		if (this.collector == CollectorKind.SHENANDOAH && this.flags.held().containsKey(SOFT_MAX)
				&& !this.softMaxBlocks) {
			this.softMaxBlocks = true;
			relaxSoftMax();
			return true;
		}
		return false;
	}

	// How long a forced collection takes to show in charged memory: G1, Parallel and
	// Serial uncommit right after; Shenandoah within a second; ZGC only ZUncommitDelay
	// after, and generational ZGC gradually.
	long settle() {
		return switch (this.collector) {
			case ZGC -> {
				Long delay = this.vmFlags.readNumber("ZUncommitDelay");
				long seconds = (delay != null) ? Math.min(delay, MAX_ZGC_DELAY) : MAX_ZGC_DELAY;
				yield (seconds + (this.generationalZgc ? 10 : 1)) * SECOND;
			}
			case SHENANDOAH -> SECOND;
			default -> SECOND / 2;
		};
	}

}
