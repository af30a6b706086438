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

package io.github.memoryactuator.reclaim;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Lets one operation that stops the application run at a time, and none during a cooldown
 * after one that did: a reclaim and a class histogram both run a full GC, and a loop
 * calling either must not keep the application in full-GC pauses. Shared by every such
 * operation, so that a histogram right after a reclaim waits as a second reclaim would.
 * <p>
 * A caller that arrives while an operation runs is refused at once, never queued (see
 * {@link ReclaimService} for why). Whether an operation starts the cooldown is the
 * operation's to say: one that was refused before it paused anything does not.
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

	// Guarded by running.
	private long finishedAtNanos;

	// Guarded by running.
	private @Nullable PausingOperation finished;

	/**
	 * Create a guard.
	 * @param cooldown how long after an operation that paused the next one is refused
	 */
	public PauseGuard(Duration cooldown) {
		this(cooldown, System::nanoTime);
	}

	PauseGuard(Duration cooldown, LongSupplier nanoTime) {
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
	 * @param paused whether its result means that it paused the application, and so
	 * starts the cooldown
	 * @return its result, or why it did not run
	 */
	public <T> Admission<T> run(PausingOperation operation, Supplier<T> work, Predicate<T> paused) {
		if (!this.running.tryLock()) {
			return new Admission.Busy<>(this.current,
					Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - this.startedAtNanos)));
		}
		try {
			long now = this.nanoTime.getAsLong();
			if (this.finished != null) {
				long left = this.cooldown.toNanos() - (now - this.finishedAtNanos);
				if (left > 0) {
					return new Admission.CoolingDown<>(this.finished, Duration.ofNanos(left));
				}
			}
			this.current = operation;
			this.startedAtNanos = now;
			// An operation that threw may have paused before it did.
			boolean pausedAnything = true;
			try {
				T result = work.get();
				pausedAnything = paused.test(result);
				return new Admission.Ran<>(result);
			}
			finally {
				if (pausedAnything) {
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
