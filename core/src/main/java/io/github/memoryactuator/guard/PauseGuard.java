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

package io.github.memoryactuator.guard;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.reclaim.ReclaimService;

/**
 * The rule every write obeys: one runs at a time, and none runs during a cooldown after
 * one that was carried out. A reclaim pauses the application for a full GC, and a request
 * that only sets the heap-shrink flags changes how every later collection sizes the heap,
 * so a loop calling either must not keep the application in pauses or its heap in flux.
 * Shared by every such operation.
 * <p>
 * A caller that arrives while an operation runs is refused at once, never queued (see
 * {@link ReclaimService} for why). Whether an operation starts the cooldown is the
 * operation's to say: one that was refused before it changed anything does not.
 *
 * @since 0.1.0
 */
public final class PauseGuard {

	private final Duration cooldown;

	private final LongSupplier nanoTime;

	// tryLock gives "busy" without waiting; a lock, not synchronized, so that a virtual
	// thread does not pin its carrier for the length of a full GC.
	private final ReentrantLock running = new ReentrantLock();

	private volatile long startedAtNanos;

	private volatile PausingOperation current = PausingOperation.RECLAIM;

	// Written under running; volatile so that retryAfter() reads them without the lock.
	private volatile long finishedAtNanos;

	private volatile @Nullable PausingOperation finished;

	/**
	 * Create a guard.
	 * @param cooldown how long after an operation that was carried out the next one is
	 * refused
	 */
	public PauseGuard(Duration cooldown) {
		this(cooldown, System::nanoTime);
	}

	public PauseGuard(Duration cooldown, LongSupplier nanoTime) {
		if (cooldown.isNegative()) {
			throw new IllegalArgumentException("'cooldown' must not be negative");
		}
		this.cooldown = cooldown;
		this.nanoTime = nanoTime;
	}

	/**
	 * Run an operation unless another runs or one finished within the cooldown.
	 * @param <T> what the operation returns
	 * @param operation which operation it is
	 * @param work the operation
	 * @param carriedOut whether its result means that it was carried out (it paused the
	 * application or changed a flag), and so starts the cooldown
	 * @return its result, or why it did not run
	 */
	public <T> Admission<T> run(PausingOperation operation, Supplier<T> work, Predicate<T> carriedOut) {
		if (!this.running.tryLock()) {
			return new Admission.Busy<>(this.current,
					Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - this.startedAtNanos)));
		}
		try {
			long now = this.nanoTime.getAsLong();
			Duration left = cooldownLeft(now);
			if (left != null) {
				return new Admission.CoolingDown<>(nonNull(this.finished, operation), left);
			}
			this.current = operation;
			this.startedAtNanos = now;
			// An operation that threw may have paused before it did.
			boolean started = true;
			try {
				T result = work.get();
				started = carriedOut.test(result);
				return new Admission.Ran<>(result);
			}
			finally {
				if (started) {
					this.finishedAtNanos = this.nanoTime.getAsLong();
					this.finished = operation;
				}
			}
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * Run an operation now if no other runs, without waiting for or starting the
	 * cooldown: for the soft limit's own actions, which must not lock users out of their
	 * writes, and which a user's cooldown must not stop.
	 * @param operation which operation it is
	 * @param work the operation
	 * @return whether it ran
	 */
	public boolean runAlone(PausingOperation operation, Runnable work) {
		if (!this.running.tryLock()) {
			return false;
		}
		try {
			this.current = operation;
			this.startedAtNanos = this.nanoTime.getAsLong();
			work.run();
			return true;
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * Run a task now if no operation runs, without starting or waiting for a cooldown:
	 * for work that finishes an operation.
	 * @param task the task
	 * @return whether it ran
	 */
	public boolean runIfIdle(Runnable task) {
		if (!this.running.tryLock()) {
			return false;
		}
		try {
			task.run();
			return true;
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * Return how long a caller should wait before its write can be admitted, in whole
	 * seconds for an HTTP {@code Retry-After}: the cooldown left rounded up, 1 while an
	 * operation runs (how long it takes is not known), or 0 when a write would be
	 * admitted now.
	 * @return the seconds to wait
	 */
	public long retryAfterSeconds() {
		if (this.running.isLocked()) {
			return 1;
		}
		Duration left = cooldownLeft(this.nanoTime.getAsLong());
		return (left != null) ? RetryAfter.seconds(left) : 0;
	}

	private @Nullable Duration cooldownLeft(long now) {
		if (this.finished == null) {
			return null;
		}
		long left = this.cooldown.toNanos() - (now - this.finishedAtNanos);
		return (left > 0) ? Duration.ofNanos(left) : null;
	}

	private static PausingOperation nonNull(@Nullable PausingOperation operation, PausingOperation fallback) {
		return (operation != null) ? operation : fallback;
	}

	/**
	 * Whether an operation ran.
	 *
	 * @param <T> what the operation returns
	 */
	public sealed interface Admission<T> permits Admission.Ran, Admission.Busy, Admission.CoolingDown {

		/**
		 * The operation ran.
		 *
		 * @param <T> what it returns
		 * @param result what it returned
		 */
		record Ran<T>(T result) implements Admission<T> {
		}

		/**
		 * Another operation is running; this one did nothing.
		 *
		 * @param <T> what the operation would have returned
		 * @param running the operation that runs
		 * @param runningFor how long it has been running
		 */
		record Busy<T>(PausingOperation running, Duration runningFor) implements Admission<T> {
		}

		/**
		 * An operation finished too recently; this one did nothing.
		 *
		 * @param <T> what the operation would have returned
		 * @param finished the operation that finished
		 * @param remaining how long until the next may run
		 */
		record CoolingDown<T>(PausingOperation finished, Duration remaining) implements Admission<T> {
		}

	}

}
