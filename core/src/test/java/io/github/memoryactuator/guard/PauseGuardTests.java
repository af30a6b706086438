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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PauseGuard}.
 */
@Timeout(30)
class PauseGuardTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final PauseGuard guard = new PauseGuard(Duration.ofSeconds(60), this.nanos::get);

	@Test
	void anOperationRunsAndTheNextOfAnyKindWaitsOutTheCooldown() {
		assertThat(this.guard.run(PausingOperation.RECLAIM, () -> "done", (result) -> true))
			.isEqualTo(new PauseGuard.Admission.Ran<>("done"));
		this.nanos.addAndGet(Duration.ofSeconds(20).toNanos());
		PauseGuard.Admission<String> refused = this.guard.run(PausingOperation.CLASS_HISTOGRAM, () -> "histogram",
				(result) -> true);
		assertThat(refused).isEqualTo(new PauseGuard.Admission.Refused<>(
				new Refusal.CoolingDown(PausingOperation.RECLAIM, Duration.ofSeconds(40))));
		this.nanos.addAndGet(Duration.ofSeconds(40).toNanos());
		assertThat(this.guard.run(PausingOperation.CLASS_HISTOGRAM, () -> "histogram", (result) -> true))
			.isEqualTo(new PauseGuard.Admission.Ran<>("histogram"));
	}

	@Test
	void anOperationThatPausedNothingStartsNoCooldown() {
		this.guard.run(PausingOperation.RECLAIM, () -> "rejected", (result) -> false);
		assertThat(this.guard.run(PausingOperation.RECLAIM, () -> "done", (result) -> true))
			.isInstanceOf(PauseGuard.Admission.Ran.class);
	}

	@Test
	void anOperationThatThrewStartsTheCooldownAsItMayHavePaused() {
		assertThatIllegalStateException().isThrownBy(() -> this.guard.run(PausingOperation.CLASS_HISTOGRAM, () -> {
			throw new IllegalStateException("MBean failed");
		}, (result) -> false));
		assertThat(this.guard.run(PausingOperation.RECLAIM, () -> "done", (result) -> true)).isInstanceOfSatisfying(
				PauseGuard.Admission.Refused.class,
				(refused) -> assertThat(refused.refusal()).isInstanceOf(Refusal.CoolingDown.class));
	}

	@Test
	void aSecondCallerWhileOneRunsIsBusyAtOnceAndNamesTheRunningOperation() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<PauseGuard.Admission<String>> first = pool
				.submit(() -> this.guard.run(PausingOperation.CLASS_HISTOGRAM, () -> {
					started.countDown();
					await(release);
					return "histogram";
				}, (result) -> true));
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			this.nanos.addAndGet(Duration.ofMillis(300).toNanos());
			assertThat(this.guard.run(PausingOperation.RECLAIM, () -> "reclaim", (result) -> true))
				.isEqualTo(new PauseGuard.Admission.Refused<>(
						new Refusal.Busy(PausingOperation.CLASS_HISTOGRAM, Duration.ofMillis(300))));
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new PauseGuard.Admission.Ran<>("histogram"));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aZeroCooldownOnlyKeepsOperationsFromOverlapping() {
		PauseGuard free = new PauseGuard(Duration.ZERO, this.nanos::get);
		free.run(PausingOperation.RECLAIM, () -> "a", (result) -> true);
		assertThat(free.run(PausingOperation.RECLAIM, () -> "b", (result) -> true))
			.isEqualTo(new PauseGuard.Admission.Ran<>("b"));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
