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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.reclaim.ReclaimReport.GcStep;
import io.github.memoryactuator.reclaim.ReclaimReport.Released;
import io.github.memoryactuator.reclaim.ReclaimReport.Status;
import io.github.memoryactuator.reclaim.ReclaimReport.TrimStep;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.tuning.HeapTuning;
import io.github.memoryactuator.tuning.TuningException;

/**
 * Gives memory back to the operating system, the JVM's analog of Go's
 * {@code debug.FreeOSMemory()}: optional heap-shrink tuning, then a full collection
 * ({@code GC.run}, which runs even under {@code -XX:+DisableExplicitGC}), a wait until
 * RSS and heap committed stop falling, and a native heap trim
 * ({@code System.trim_native_heap}, glibc {@code malloc_trim}).
 * <p>
 * Every request goes through the {@link PauseGuard} shared by every write: one at a time,
 * none during the cooldown, and a refusal is a {@link ReclaimOutcome.Refused}. A request
 * that only sets flags obeys the guard too, since it changes how every later collection
 * sizes the heap; a request whose tuning is refused ({@link ReclaimOutcome.Rejected})
 * changes nothing and starts no cooldown. Logging and meters are left to the caller:
 * every outcome carries what it needs.
 *
 * @since 0.1.0
 */
public class ReclaimService {

	// A second trim, once no write runs: the reclaim's own work (the code it runs, the
	// answer written after it) leaves native memory behind, and HotSpot hands pooled
	// arena
	// chunks back to glibc only every 5 s (ChunkPoolCleaner), which glibc then keeps.
	static final Duration FOLLOW_UP_TRIM_DELAY = Duration.ofSeconds(6);

	private final Supplier<GaugeSnapshot> snapshots;

	private final DiagnosticCommands commands;

	private final HeapTuning tuning;

	private final ReclaimSettings settings;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private final CollectorExplainer explainer;

	private final PauseGuard guard;

	private final Scheduler scheduler;

	/**
	 * Create a service.
	 * @param snapshots captures a fresh, uncached snapshot on every call (a
	 * {@code GaugeSnapshotter::capture}, not a {@code GaugeSnapshotCache}: the settle
	 * wait must see RSS move)
	 * @param commands runs the collection and the trim
	 * @param tuning reads and sets the heap-shrink flags
	 * @param settings timeouts and tolerance; the guard's cooldown applies, not theirs
	 * @param guard the guard shared by every write
	 */
	public ReclaimService(Supplier<GaugeSnapshot> snapshots, DiagnosticCommands commands, HeapTuning tuning,
			ReclaimSettings settings, PauseGuard guard) {
		this(snapshots, commands, tuning, settings, guard, System::nanoTime, Sleeper.THREAD, Scheduler.daemon());
	}

	ReclaimService(Supplier<GaugeSnapshot> snapshots, DiagnosticCommands commands, HeapTuning tuning,
			ReclaimSettings settings, PauseGuard guard, LongSupplier nanoTime, Sleeper sleeper, Scheduler scheduler) {
		this.snapshots = snapshots;
		this.commands = commands;
		this.tuning = tuning;
		this.settings = settings;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.guard = guard;
		this.scheduler = scheduler;
		this.explainer = new CollectorExplainer(tuning.flags(), settings.settleTolerance());
	}

	/**
	 * Return the heap tuning this service applies, to read the current values.
	 * @return the tuning
	 */
	public HeapTuning tuning() {
		return this.tuning;
	}

	/**
	 * Reclaim memory. Never throws for a refused request: every refusal is an outcome.
	 * @param request what to do
	 * @return the report, or why nothing ran
	 */
	public ReclaimOutcome reclaim(ReclaimRequest request) {
		try {
			this.tuning.check(request.tuning());
		}
		catch (TuningException ex) {
			return ReclaimOutcome.Rejected.of(ex);
		}
		// Only a request that was carried out starts the cooldown: a tuning refused at
		// write time changed nothing.
		PauseGuard.Admission<ReclaimOutcome> admission = this.guard.run(PausingOperation.RECLAIM,
				() -> request.reclaims() ? run(request, this.nanoTime.getAsLong()) : tuneOnly(request),
				ReclaimOutcome.Completed.class::isInstance);
		if (admission instanceof PauseGuard.Admission.Refused<ReclaimOutcome> refused) {
			return new ReclaimOutcome.Refused(refused.refusal());
		}
		return ((PauseGuard.Admission.Ran<ReclaimOutcome>) admission).result();
	}

	private ReclaimOutcome tuneOnly(ReclaimRequest request) {
		long start = this.nanoTime.getAsLong();
		GaugeSnapshot before = this.snapshots.get();
		ReclaimReport.TuningChange change;
		try {
			change = tune(request.tuning());
		}
		catch (TuningException ex) {
			return ReclaimOutcome.Rejected.of(ex);
		}
		GaugeSnapshot after = this.snapshots.get();
		CollectorKind kind = this.tuning.collector();
		GcStep gc = GcStep.notRun(Status.SKIPPED, "not requested");
		TrimStep trim = TrimStep.notRun(Status.SKIPPED, "not requested");
		Released released = Released.between(before, after);
		return new ReclaimOutcome.Completed(new ReclaimReport(before, after, change, gc, trim,
				new ReclaimReport.Collector(kind, this.explainer.notCollected(kind, "no collection was requested")),
				released, elapsed(start), ReclaimSummary.of(released, gc, trim, this.settings.settleTolerance())));
	}

	private ReclaimOutcome run(ReclaimRequest request, long start) {
		GaugeSnapshot before = this.snapshots.get();
		ReclaimReport.TuningChange change;
		try {
			change = tune(request.tuning());
		}
		catch (TuningException ex) {
			// Nothing ran, so no cooldown.
			return ReclaimOutcome.Rejected.of(ex);
		}
		CollectorKind kind = this.tuning.collector();
		GaugeSnapshot current = before;
		GcStep gc;
		String explanation;
		if (request.gc()) {
			Collected collected = collect(before);
			gc = collected.step();
			current = collected.after();
			explanation = (gc.status() == Status.COMPLETED)
					? this.explainer.explain(kind, before.jvm().heapCommitted(), current.jvm().heapCommitted(),
							current.jvm().heapUsed())
					: this.explainer.notCollected(kind, "the collection did not run (" + gc.reason() + ")");
		}
		else {
			gc = GcStep.notRun(Status.SKIPPED, "not requested");
			explanation = this.explainer.notCollected(kind, "no collection was requested");
		}
		TrimStep trim;
		if (request.trim()) {
			Trimmed trimmed = trim(current);
			trim = trimmed.step();
			current = trimmed.after();
			if (trim.status() == Status.COMPLETED) {
				this.scheduler.schedule(
						() -> this.guard.runIfIdle(() -> this.commands.invoke(DiagnosticCommands.TRIM_NATIVE_HEAP)),
						FOLLOW_UP_TRIM_DELAY);
			}
		}
		else {
			trim = TrimStep.notRun(Status.SKIPPED, "not requested");
		}
		Released released = Released.between(before, current);
		return new ReclaimOutcome.Completed(new ReclaimReport(before, current, change, gc, trim,
				new ReclaimReport.Collector(kind, explanation), released, elapsed(start),
				ReclaimSummary.of(released, gc, trim, this.settings.settleTolerance())));
	}

	private ReclaimReport.@Nullable TuningChange tune(HeapSettings requested) {
		if (requested.isEmpty()) {
			return null;
		}
		HeapSettings before = this.tuning.current();
		HeapSettings after = this.tuning.apply(requested);
		return new ReclaimReport.TuningChange(before, after);
	}

	private Collected collect(GaugeSnapshot before) {
		if (!this.commands.supports(DiagnosticCommands.GC_RUN)) {
			return new Collected(GcStep.notRun(Status.UNAVAILABLE, "this JVM has no GC.run diagnostic command"),
					before);
		}
		long start = this.nanoTime.getAsLong();
		Reading<String> result = this.commands.invoke(DiagnosticCommands.GC_RUN);
		long collected = this.nanoTime.getAsLong();
		Duration pause = Duration.ofNanos(collected - start);
		if (!result.isAvailable()) {
			GaugeSnapshot after = this.snapshots.get();
			return new Collected(new GcStep(Status.FAILED, result.reason(), pause, Duration.ZERO, false, 1,
					Released.between(before, after)), after);
		}
		return settle(before, collected, pause);
	}

	// G1 on JDK 17+ shrinks heap committed at once (the MXBeans show it) but returns the
	// pages to the OS from a concurrent task 100-500 ms later, so RSS lags. Two polls
	// without a fall are not enough on their own: the task may not have started yet. So
	// while heap committed fell much more than RSS has, keep waiting for RSS to follow.
	private Collected settle(GaugeSnapshot before, long collectedAt, Duration pause) {
		long tolerance = this.settings.settleTolerance();
		long deadline = collectedAt + this.settings.settleTimeout().toNanos();
		GaugeSnapshot last = this.snapshots.get();
		int polls = 1;
		int flat = 0;
		long committedFall = before.jvm().heapCommitted() - last.jvm().heapCommitted();
		boolean settled = false;
		while (true) {
			if (flat >= 2 && rssCaughtUp(before, last, committedFall, tolerance)) {
				settled = true;
				break;
			}
			long remaining = deadline - this.nanoTime.getAsLong();
			if (remaining <= 0) {
				break;
			}
			try {
				this.sleeper.sleep(Math.min(remaining, this.settings.pollInterval().toNanos()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			GaugeSnapshot next = this.snapshots.get();
			polls++;
			flat = fell(last, next, tolerance) ? 0 : flat + 1;
			committedFall = Math.max(committedFall, before.jvm().heapCommitted() - next.jvm().heapCommitted());
			last = next;
		}
		Duration settle = Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - collectedAt));
		return new Collected(
				new GcStep(Status.COMPLETED, null, pause, settle, settled, polls, Released.between(before, last)),
				last);
	}

	private static boolean rssCaughtUp(GaugeSnapshot before, GaugeSnapshot now, long committedFall, long tolerance) {
		ProcStatus a = before.process().orNull();
		ProcStatus b = now.process().orNull();
		if (a == null || b == null || committedFall <= tolerance) {
			return true;
		}
		return a.rss() - b.rss() >= committedFall / 2;
	}

	private static boolean fell(GaugeSnapshot from, GaugeSnapshot to, long tolerance) {
		if (from.jvm().heapCommitted() - to.jvm().heapCommitted() > tolerance) {
			return true;
		}
		ProcStatus a = from.process().orNull();
		ProcStatus b = to.process().orNull();
		return a != null && b != null && a.rss() - b.rss() > tolerance;
	}

	private Trimmed trim(GaugeSnapshot before) {
		if (!this.commands.supports(DiagnosticCommands.TRIM_NATIVE_HEAP)) {
			return new Trimmed(TrimStep.notRun(Status.UNAVAILABLE,
					"this JVM has no System.trim_native_heap diagnostic command (older JDK 17 updates lack it)"),
					before);
		}
		long start = this.nanoTime.getAsLong();
		Reading<String> result = this.commands.invoke(DiagnosticCommands.TRIM_NATIVE_HEAP);
		Duration duration = elapsed(start);
		GaugeSnapshot after = this.snapshots.get();
		Released released = Released.between(before, after);
		String output = result.orNull();
		if (output == null) {
			return new Trimmed(new TrimStep(Status.FAILED, result.reason(), null, null, duration, released), after);
		}
		Reading<NativeTrim> parsed = TrimOutputParser.parse(output);
		// musl or another libc: the JVM answers with a sentence instead of figures.
		Status status = TrimOutputParser.isUnsupported(output) ? Status.UNAVAILABLE : Status.COMPLETED;
		return new Trimmed(new TrimStep(status, parsed.reason(), output, parsed.orNull(), duration, released), after);
	}

	private Duration elapsed(long start) {
		return Duration.ofNanos(Math.max(0, this.nanoTime.getAsLong() - start));
	}

	private record Collected(GcStep step, GaugeSnapshot after) {
	}

	private record Trimmed(TrimStep step, GaugeSnapshot after) {
	}

	/**
	 * Runs a task later; a seam for tests.
	 */
	@FunctionalInterface
	interface Scheduler {

		/**
		 * Runs nothing.
		 */
		Scheduler NONE = (task, delay) -> {
		};

		void schedule(Runnable task, Duration delay);

		/**
		 * Return a scheduler with one daemon thread, which ends a second after its last
		 * task.
		 * @return the scheduler
		 */
		static Scheduler daemon() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "memory-actuator-trim");
				thread.setDaemon(true);
				return thread;
			});
			executor.setKeepAliveTime(1, TimeUnit.SECONDS);
			executor.allowCoreThreadTimeOut(true);
			return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}

	}

	/**
	 * Waits between polls; a seam for tests.
	 */
	@FunctionalInterface
	interface Sleeper {

		/**
		 * Sleeps on the calling thread.
		 */
		Sleeper THREAD = (nanos) -> TimeUnit.NANOSECONDS.sleep(nanos);

		void sleep(long nanos) throws InterruptedException;

	}

}
