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

/**
 * The rule every write obeys: one runs at a time, and none runs during a cooldown after
 * one that was carried out. A reclaim pauses the application for a full GC, and a request
 * that only sets the heap-shrink flags changes how every later collection sizes the heap,
 * so a loop calling either must not keep the application in pauses or its heap in flux.
 * Shared by every such operation.
 * <p>
 * A caller that arrives while an operation runs is refused at once, never queued: the
 * running operation answers another request, a retry storm would park one thread per
 * caller behind a full GC, and a write that started a moment ago is, for the caller, the
 * same as one that finished a moment ago, which the cooldown refuses too. Whether an
 * operation starts the cooldown is the operation's to say: one that was refused before it
 * changed anything does not. Every refusal is a {@link Refusal}.
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

	/**
	 * Create a guard on a clock of the caller's.
	 * @param cooldown how long after an operation that was carried out the next one is
	 * refused
	 * @param nanoTime the clock, as {@link System#nanoTime()}
	 */
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
			return new Admission.Refused<>(new Refusal.Busy(this.current,
					Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - this.startedAtNanos))));
		}
		try {
			long now = this.nanoTime.getAsLong();
			Duration left = cooldownLeft(now);
			if (left != null) {
				return new Admission.Refused<>(new Refusal.CoolingDown(nonNull(this.finished, operation), left));
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
	 * Run the soft limit's own action now if no other operation runs: it takes the single
	 * flight like every write, but neither waits for the users' cooldown nor starts it,
	 * because a user's write must not stop the controller from keeping its target, and
	 * the controller's steady work must not lock users out of theirs. A caller that finds
	 * another operation running tries again at its next step.
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
	public sealed interface Admission<T> permits Admission.Ran, Admission.Refused {

		/**
		 * The operation ran.
		 *
		 * @param <T> what it returns
		 * @param result what it returned
		 */
		record Ran<T>(T result) implements Admission<T> {
		}

		/**
		 * The operation did not run.
		 *
		 * @param <T> what the operation would have returned
		 * @param refusal why
		 */
		record Refused<T>(Refusal refusal) implements Admission<T> {
		}

	}

}
