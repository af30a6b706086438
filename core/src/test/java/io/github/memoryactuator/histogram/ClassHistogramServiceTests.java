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

package io.github.memoryactuator.histogram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServerFactory;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClassHistogramService}.
 */
class ClassHistogramServiceTests {

	private static final String HEADER = " num     #instances         #bytes  class name (module)\n"
			+ "-------------------------------------------------------\n";

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final PauseGuard guard = new PauseGuard(Duration.ZERO, this.nanos::get);

	private final Histograms commands = new Histograms();

	@Test
	void theFirstHistogramListsTheLargestClassesAndItsPause() {
		this.commands.next(Duration.ofMillis(85),
				"   1:   100   9000  [B (java.base@17)\n" + "   2:    50    800  java.lang.String (java.base@17)\n"
						+ "   3:  1000  16000  com.acme.Entry\n" + "Total  1150  25800\n");
		HistogramReport report = completed(service().histogram(2));
		assertThat(report.pause()).isEqualTo(Duration.ofMillis(85));
		assertThat(report.instances()).isEqualTo(1150);
		assertThat(report.bytes()).isEqualTo(25_800);
		assertThat(report.top()).containsExactly(new ClassHistogram.Entry("com.acme.Entry", 1000, 16_000),
				new ClassHistogram.Entry("byte[]", 100, 9000));
		assertThat(report.diff()).isNull();
	}

	@Test
	void theSecondShowsWhatGrewLargestGrowthFirst() {
		ClassHistogramService service = service();
		this.commands.next(Duration.ZERO, "   1:   100   9000  [B\n" + "   2:  1000  16000  com.acme.Entry\n"
				+ "   3:    50    800  java.lang.String\n" + "Total  1150  25800\n");
		HistogramReport first = completed(service.histogram(10));
		this.commands.next(Duration.ZERO,
				"   1:   900  81000  [B\n" + "   2:  5000  80000  com.acme.Entry\n"
						+ "   3:    40    640  java.lang.String\n" + "   4:     1     16  com.acme.New\n"
						+ "Total  5941  161656\n");
		HistogramReport.Diff diff = completed(service.histogram(10)).diff();
		assertThat(diff).isNotNull();
		assertThat(diff.since()).isEqualTo(first.capturedAt());
		assertThat(diff.instances()).isEqualTo(5941 - 1150);
		assertThat(diff.bytes()).isEqualTo(161_656 - 25_800);
		assertThat(diff.grew()).containsExactly(new HistogramReport.Change("byte[]", 900, 81_000, 800, 72_000, false),
				new HistogramReport.Change("com.acme.Entry", 5000, 80_000, 4000, 64_000, false),
				new HistogramReport.Change("com.acme.New", 1, 16, 1, 16, false));
	}

	@Test
	void aClassBelowThePreviousHistogramsKeptClassesGrewAtLeastByWhatItHasAboveTheSmallestKept() {
		ClassHistogramService service = service();
		StringBuilder many = new StringBuilder();
		for (int i = 0; i <= ClassHistogramService.KEPT; i++) {
			many.append(i + 1).append(":  1  ").append(100_000 - i).append("  com.acme.C").append(i).append('\n');
		}
		this.commands.next(Duration.ZERO, many.toString());
		service.histogram(10);
		// C10000 was the one class not kept; the smallest kept had 90001 bytes.
		this.commands.next(Duration.ZERO, "1:  3  300000  com.acme.C" + ClassHistogramService.KEPT + "\n");
		List<HistogramReport.Change> grew = completed(service.histogram(10)).diff().grew();
		assertThat(grew).containsExactly(new HistogramReport.Change("com.acme.C" + ClassHistogramService.KEPT, 3,
				300_000, 0, 300_000 - 90_001, true));
	}

	@Test
	void itSharesTheReclaimsCooldown() {
		PauseGuard shared = new PauseGuard(Duration.ofSeconds(60), this.nanos::get);
		shared.run(PausingOperation.RECLAIM, () -> "reclaimed", (result) -> true);
		this.commands.next(Duration.ZERO, "1: 1 16 com.acme.A\n");
		HistogramOutcome outcome = new ClassHistogramService(this.commands, shared, Clock.systemUTC(), this.nanos::get)
			.histogram(10);
		assertThat(outcome).isInstanceOfSatisfying(HistogramOutcome.Refused.class, (refused) -> {
			assertThat(refused.refusal()).isEqualTo(new Refusal.CoolingDown(PausingOperation.RECLAIM,
					((Refusal.CoolingDown) refused.refusal()).remaining()));
			assertThat(refused.refusal().retryAfterSeconds()).isEqualTo(60);
		});
		assertThat(this.commands.runs).isEqualTo(0);
	}

	@Test
	void aJvmWithoutTheCommandOrWithUnreadableOutputSaysWhy() {
		this.commands.supported = false;
		assertThat(service().histogram(10))
			.isEqualTo(new HistogramOutcome.Unavailable("this JVM has no GC.class_histogram diagnostic command"));
		this.commands.supported = true;
		this.commands.next(Duration.ZERO, "Heap inspection failed\n");
		assertThat(service().histogram(10)).isInstanceOfSatisfying(HistogramOutcome.Unavailable.class,
				(unavailable) -> assertThat(unavailable.reason())
					.startsWith("GC.class_histogram printed no class rows"));
		this.commands.failure = "diagnostic command 'gcClassHistogram' failed: IllegalStateException";
		assertThat(service().histogram(10)).isEqualTo(new HistogramOutcome.Unavailable(this.commands.failure));
	}

	@Test
	void inThisJvmTheDiffNamesAClassWhoseInstancesWereKeptBetweenTwoHistograms() {
		ClassHistogramService service = new ClassHistogramService(DiagnosticCommands.platform(),
				new PauseGuard(Duration.ZERO));
		assertThat(service.histogram(5)).isInstanceOf(HistogramOutcome.Completed.class);
		List<Kept> kept = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			kept.add(new Kept(i));
		}
		HistogramReport report = completed(service.histogram(5));
		assertThat(kept).hasSize(20_000);
		assertThat(report.pause()).isPositive();
		assertThat(report.diff().grew()).anySatisfy((change) -> {
			assertThat(change.className()).isEqualTo(Kept.class.getName());
			assertThat(change.instancesDelta()).isEqualTo(20_000);
		});
	}

	private ClassHistogramService service() {
		return new ClassHistogramService(this.commands, this.guard, Clock.fixed(Instant.now(), ZoneOffset.UTC),
				this.nanos::get);
	}

	private static HistogramReport completed(HistogramOutcome outcome) {
		assertThat(outcome).isInstanceOf(HistogramOutcome.Completed.class);
		return ((HistogramOutcome.Completed) outcome).report();
	}

	private record Kept(int id) {
	}

	private final class Histograms extends DiagnosticCommands {

		private final Deque<String> outputs = new ArrayDeque<>();

		private final Deque<Duration> pauses = new ArrayDeque<>();

		private volatile boolean supported = true;

		private volatile String failure;

		private int runs;

		Histograms() {
			super(MBeanServerFactory.newMBeanServer());
		}

		void next(Duration pause, String output) {
			this.pauses.add(pause);
			this.outputs.add(HEADER + output);
		}

		@Override
		public boolean supports(String operation) {
			return this.supported && operation.equals(DiagnosticCommands.CLASS_HISTOGRAM);
		}

		@Override
		public Reading<String> invoke(String operation, String... arguments) {
			this.runs++;
			if (this.failure != null) {
				return Reading.unavailable(this.failure);
			}
			ClassHistogramServiceTests.this.nanos.addAndGet(this.pauses.remove().toNanos());
			return Reading.of(this.outputs.remove());
		}

	}

}
