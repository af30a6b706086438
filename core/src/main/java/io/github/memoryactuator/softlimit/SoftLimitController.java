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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.HeapSettings;
import io.github.memoryactuator.tuning.VmFlags;
import io.github.memoryactuator.watch.ChargedMemory;
import io.github.memoryactuator.watch.MemoryWatch;
import io.github.memoryactuator.watch.WatchListener;

/**
 * Keeps the memory the kernel charges to this process (the larger of RSS and the cgroup's
 * working set) under a target, after Go's {@code GOMEMLIMIT}: the JVM has no soft memory
 * limit of its own, so the controller aims below the target and gives memory back by the
 * means that work under the running collector, each judged by its effect, without a GC
 * storm and saying plainly when the target cannot be kept.
 * <p>
 * This class owns the target and its life: setting, changing and removing it (one
 * controller per JVM keeps one; a second one stays {@link SoftLimitState#OFF} and says
 * why), the thread that acts on each sample of the JVM's one {@link MemoryWatch}, and the
 * status readers see. Each tick is {@link SoftLimitLoop}'s. With no target nothing runs
 * and no flag is touched; removing the target or closing sets every flag back to the
 * value it had.
 *
 * @since 0.1.0
 */
public final class SoftLimitController implements WatchListener, AutoCloseable {

	/**
	 * The name of the thread that acts.
	 */
	public static final String THREAD_NAME = "memory-actuator-soft-limit";

	static final long MB = 1024 * 1024;

	static final long SECOND = 1_000_000_000L;

	static final long MINUTE = 60 * SECOND;

	// Concurrent, and only when no collection ran for the interval: a cheap shrink of an
	// idle G1 heap.
	static final String PERIODIC_INTERVAL_MILLIS = "15000";

	private static final double NEAR = 0.9;

	private static final Duration NEAR_INTERVAL = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(SoftLimitController.class);

	// The JVM's one controller that keeps a target.
	private static final AtomicReference<@Nullable SoftLimitController> active = new AtomicReference<>();

	private final SoftLimitSettings settings;

	private final CollectorKind collector;

	private final VmFlags vmFlags;

	private final FlagHolder flags;

	private final PauseGuard guard;

	private final MemoryWatch watch;

	private final Supplier<GaugeSnapshot> snapshots;

	private final Path root;

	private final int cpus;

	private final List<String> unavailable;

	private final ActionLog log = new ActionLog();

	private final HeapShrinker shrinker;

	private final SoftLimitLoop loop;

	private final ReentrantLock lock = new ReentrantLock();

	private final ActingThread acting = new ActingThread();

	private volatile SoftLimitStatus status;

	// Guarded by lock from here on.
	private @Nullable SoftLimitTarget targetText;

	private MemoryWatch.@Nullable Subscription subscription;

	SoftLimitController(SoftLimitSettings settings, CollectorKind collector, boolean generationalZgc, JvmHeap heap,
			VmFlags vmFlags, PauseGuard guard, MemoryWatch watch, Supplier<GaugeSnapshot> snapshots, Path root,
			Clock clock, int cpus) {
		this.settings = settings;
		this.collector = collector;
		this.vmFlags = vmFlags;
		this.flags = new FlagHolder(vmFlags);
		this.guard = guard;
		this.watch = watch;
		this.snapshots = snapshots;
		this.root = root;
		this.cpus = cpus;
		this.unavailable = UnavailableMeans.of(collector, vmFlags, heap);
		NonHeapEstimate estimate = new NonHeapEstimate();
		this.shrinker = new HeapShrinker(collector, generationalZgc, heap, vmFlags, this.flags, guard, this.log);
		this.loop = new SoftLimitLoop(settings, heap, this.shrinker,
				new NativeTrimmer(heap, guard, clock, this.log, estimate), estimate, this.log, this.unavailable, clock);
		this.status = snapshot();
	}

	/**
	 * Create a controller for the running JVM, with no target: nothing runs until
	 * {@link #setTarget} is called.
	 * @param settings how it keeps a target
	 * @param watch the JVM's one sampler of charged memory
	 * @param guard the guard every write takes
	 * @param snapshots gauge-depth snapshots, for the effective limit and the floor when
	 * a target is set
	 * @param liveSet the live-set tracker
	 * @param commands the diagnostic commands ({@code GC.run}, the trim)
	 * @param flags the VM flags
	 * @param collectors the names of the collectors' MXBeans
	 * @param root the file system root, {@code /} in production
	 * @return the controller
	 */
	public static SoftLimitController create(SoftLimitSettings settings, MemoryWatch watch, PauseGuard guard,
			Supplier<GaugeSnapshot> snapshots, LiveSetTracker liveSet, DiagnosticCommands commands, VmFlags flags,
			List<String> collectors, Path root) {
		boolean generational = collectors.stream().anyMatch((name) -> name.startsWith("ZGC Minor"));
		return new SoftLimitController(settings, CollectorKind.fromBeanNames(collectors), generational,
				JvmHeap.platform(commands, liveSet::liveSet), flags, guard, watch, snapshots, root, Clock.systemUTC(),
				Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Return what the controller is doing.
	 * @return the status, captured at the latest tick or change
	 */
	public SoftLimitStatus status() {
		return this.status;
	}

	/**
	 * Return the flags the controller holds now, with their original values: a user's
	 * write to one of them is refused while it holds it.
	 * @return flag name to original value
	 */
	public Map<String, String> heldFlags() {
		return this.flags.held();
	}

	/**
	 * Return why a write of heap settings must wait: a flag the controller holds is not
	 * the user's to set until the target is removed, or the controller would let go of it
	 * and leave it at the user's value.
	 * @param requested the settings a write asks for
	 * @return the refusal naming the first held flag asked for, or {@code null} when the
	 * write asks for none
	 */
	public Refusal.@Nullable HeldBySoftLimit refusalFor(HeapSettings requested) {
		Map<String, String> held = this.flags.held();
		String parameter = null;
		String flag = null;
		if (requested.minHeapFreeRatio() != null && held.containsKey(FlagHolder.MIN_RATIO)) {
			parameter = HeapSettings.MIN_HEAP_FREE_RATIO;
			flag = FlagHolder.MIN_RATIO;
		}
		else if (requested.maxHeapFreeRatio() != null && held.containsKey(FlagHolder.MAX_RATIO)) {
			parameter = HeapSettings.MAX_HEAP_FREE_RATIO;
			flag = FlagHolder.MAX_RATIO;
		}
		else if (requested.g1PeriodicGcInterval() != null && held.containsKey(HeapShrinker.PERIODIC)) {
			parameter = HeapSettings.G1_PERIODIC_GC_INTERVAL;
			flag = HeapShrinker.PERIODIC;
		}
		if (parameter == null) {
			return null;
		}
		return new Refusal.HeldBySoftLimit(parameter, flag, this.settings.targetName(),
				String.valueOf(this.status.targetText()));
	}

	/**
	 * Set or change the target, and start keeping it. Logged at INFO.
	 * @param text the target, such as {@code 1500MB} or {@code 85%}
	 * @return the status after the change
	 * @throws SoftLimitException when the target is refused; nothing changed then
	 */
	public SoftLimitStatus setTarget(String text) {
		SoftLimitTarget parsed = SoftLimitTarget.parse(this.settings.targetName(), text);
		if (this.collector == CollectorKind.EPSILON) {
			throw new SoftLimitException("'" + this.settings.targetName()
					+ "' cannot be kept under Epsilon: it never collects and never gives memory back");
		}
		GaugeSnapshot snapshot = this.snapshots.get();
		ProcStatus process = snapshot.process().orNull();
		CgroupMemory cgroup = snapshot.container().orNull();
		OptionalLong limit = (cgroup != null && !cgroup.limit().isUnlimited()) ? cgroup.limit().bytes()
				: OptionalLong.empty();
		long bytes = parsed.bytes(this.settings.targetName(), limit);
		this.lock.lock();
		try {
			if (process == null && cgroup == null) {
				this.loop.target(bytes);
				this.targetText = parsed;
				this.loop.state(SoftLimitState.OFF, "charged memory cannot be read here (" + snapshot.process().reason()
						+ "), so no target can be kept");
				logger.info("Soft limit: target {} ({}) set, but {}", parsed, ByteSizes.format(bytes),
						this.loop.reason());
				return publish();
			}
			long rss = (process != null) ? process.rss() : 0;
			long chargedNow = (cgroup != null) ? LimitUse.charged(cgroup, rss) : rss;
			SoftLimitTarget.check(this.settings.targetName(), bytes, limit,
					SoftLimitTarget.Floor.measure(snapshot, chargedNow, this.vmFlags));
			if (!active.compareAndSet(null, this) && active.get() != this) {
				this.loop
					.reason("another application context in this JVM keeps the soft limit; one controller per JVM");
				publish();
				throw new SoftLimitException(SoftLimitException.Kind.CONFLICT, this.loop.reason());
			}
			long previous = this.loop.target();
			this.loop.target(bytes);
			this.targetText = parsed;
			if (previous == 0) {
				start();
			}
			this.loop.state(SoftLimitState.HOLDING, "starting");
			logger.info("Soft limit: target {} ({}){}{}", parsed, ByteSizes.format(bytes),
					(previous > 0) ? ", was " + ByteSizes.format(previous) : "",
					this.unavailable.isEmpty() ? "" : "; not available here: " + String.join("; ", this.unavailable));
			return publish();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Remove the target: stop, and set every flag back to its original value. Logged at
	 * INFO.
	 * @return the status after the change
	 */
	public SoftLimitStatus removeTarget() {
		this.lock.lock();
		try {
			if (this.loop.target() == 0) {
				return publish();
			}
			long previous = this.loop.target();
			List<String> restored = stop();
			this.loop.state(SoftLimitState.OFF, "no target is set");
			logger.info("Soft limit: target {} removed{}", ByteSizes.format(previous),
					restored.isEmpty() ? "; no flag was changed" : "; " + String.join(", ", restored));
			return publish();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Set, change or remove the target as a user's write: one at a time with every other
	 * write, refused during the cooldown, and starting the cooldown when it changed
	 * something (as the reclaim does). Logged at INFO.
	 * @param text the new target, or {@code null} to remove it
	 * @return the status after the change, or why it did not run
	 * @throws SoftLimitException when the target is refused; nothing changed then, and no
	 * cooldown starts
	 */
	public PauseGuard.Admission<SoftLimitStatus> change(@Nullable String text) {
		AtomicReference<@Nullable SoftLimitException> refused = new AtomicReference<>();
		PauseGuard.Admission<@Nullable SoftLimitStatus> admission = this.guard.run(PausingOperation.SOFT_LIMIT_TARGET,
				() -> {
					try {
						return (text != null) ? setTarget(text) : removeTarget();
					}
					catch (SoftLimitException ex) {
						refused.set(ex);
						return null;
					}
				}, (status) -> status != null);
		SoftLimitException ex = refused.get();
		if (ex != null) {
			throw ex;
		}
		@SuppressWarnings("unchecked")
		PauseGuard.Admission<SoftLimitStatus> done = (PauseGuard.Admission<SoftLimitStatus>) (Object) admission;
		return done;
	}

	/**
	 * Return the target's setting name, for messages.
	 * @return the name, such as {@code memory-actuator.soft-limit.target}
	 */
	public String targetName() {
		return this.settings.targetName();
	}

	@Override
	public void close() {
		removeTarget();
	}

	private void start() {
		this.loop.start(new GcCpuMeter(this.root, this.collector == CollectorKind.SERIAL),
				new GcCpuBucket(this.settings.gcCpuBudget(), this.cpus));
		this.acting.start();
		this.shrinker.holdPeriodic();
		this.subscription = this.watch.subscribe(MemoryWatch.DEFAULT_INTERVAL, this);
	}

	private List<String> stop() {
		MemoryWatch.Subscription current = this.subscription;
		this.subscription = null;
		if (current != null) {
			current.close();
		}
		this.acting.stop();
		this.loop.stop();
		this.targetText = null;
		active.compareAndSet(this, null);
		return this.flags.restoreAll();
	}

	@Override
	public Duration onSample(ChargedMemory sample) {
		this.acting.offer(() -> tick(sample));
		// Near or over the aim, a quicker look: an excursion then lasts a collection, not
		// a collection and the rest of a second. Not while nothing would be done.
		SoftLimitStatus current = this.status;
		boolean tightening = current.state() == SoftLimitState.HOLDING || current.state() == SoftLimitState.OVER;
		if (tightening && current.isSet() && sample.charged() >= NEAR * this.settings.aim() * current.target()) {
			return NEAR_INTERVAL;
		}
		return NO_HURRY;
	}

	/**
	 * Look at one sample and act on it. Runs on the controller's thread (tests call it
	 * directly).
	 * @param sample the sample
	 */
	void tick(ChargedMemory sample) {
		this.lock.lock();
		try {
			if (this.loop.target() == 0) {
				return;
			}
			this.loop.tick(sample.nanoTime(), sample.charged());
			publish();
		}
		finally {
			this.lock.unlock();
		}
	}

	private SoftLimitStatus publish() {
		this.status = snapshot();
		return this.status;
	}

	private SoftLimitStatus snapshot() {
		return StatusSnapshot.of(this.loop, this.targetText, this.unavailable, this.flags, this.log);
	}

}
