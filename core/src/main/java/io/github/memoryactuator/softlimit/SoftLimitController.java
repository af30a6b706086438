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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.reclaim.NativeTrim;
import io.github.memoryactuator.snapshot.ByteSizes;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.tuning.CollectorKind;
import io.github.memoryactuator.tuning.VmFlags;
import io.github.memoryactuator.watch.ChargedMemory;
import io.github.memoryactuator.watch.MemoryWatch;
import io.github.memoryactuator.watch.WatchListener;

/**
 * Keeps the memory the kernel charges to this process (the larger of RSS and the cgroup's
 * working set, as the pre-OOM watch weighs it) under a target, after Go's
 * {@code GOMEMLIMIT}: the heap's budget is the aim (95 % of the target by default) less
 * the measured non-heap memory, and while charged memory is above the aim the controller
 * gives memory back by the means that work under the running collector, each judged by
 * its effect:
 * <ul>
 * <li>the glibc trim, when the non-heap memory stands well above its recent low;</li>
 * <li>G1, Parallel and Serial: {@code MinHeapFreeRatio}/{@code MaxHeapFreeRatio} lowered
 * for one collection that resizes the heap and set back at once (held low, they make
 * every young collection a resize: a GC storm); Serial repeats the collection up to four
 * times, since it damps a shrink over consecutive full collections; Parallel resizes
 * after a requested collection only with {@code -XX:+UseAdaptiveSizePolicyWithSystemGC};
 * G1 also holds {@code G1PeriodicGCInterval} while a target is set, when it was off, so
 * that an idle heap shrinks in a concurrent cycle;</li>
 * <li>ZGC and Shenandoah: {@code SoftMaxHeapSize} held at the budget (never below twice
 * the live set, where both collect back to back) and a concurrent cycle; Shenandoah lets
 * go of {@code SoftMaxHeapSize} when it kept a cycle from uncommitting.</li>
 * </ul>
 * A mean that moved nothing twice backs off (10 s, doubling). Its own collections are
 * bounded per minute and by a GC CPU budget (a leaky bucket): when that is spent the
 * state is {@link SoftLimitState#THROTTLED} and the controller lets memory exceed the
 * target. When the live set plus the non-heap memory does not fit the target, the state
 * is {@link SoftLimitState#UNREACHABLE} with the figures, and the controller only probes
 * again every 30 s.
 * <p>
 * It runs one tick per sample of the JVM's one {@link MemoryWatch}, on a thread of its
 * own that acts but never samples; actions take the {@link PauseGuard} without starting
 * its cooldown. One controller per JVM keeps a target: a second one (a second application
 * context) stays {@link SoftLimitState#OFF} and says why. With no target nothing runs and
 * no flag is touched; removing the target or closing sets every flag back to the value it
 * had.
 *
 * @since 0.1.0
 */
public final class SoftLimitController implements WatchListener, AutoCloseable {

	/**
	 * The name of the thread that acts.
	 */
	public static final String THREAD_NAME = "memory-actuator-soft-limit";

	static final long MB = 1024 * 1024;

	static final String SOFT_MAX = "SoftMaxHeapSize";

	static final String PERIODIC = "G1PeriodicGCInterval";

	// Concurrent, and only when no collection ran for the interval: a cheap shrink of an
	// idle G1 heap.
	static final String PERIODIC_INTERVAL_MILLIS = "15000";

	private static final long SECOND = 1_000_000_000L;

	private static final long MINUTE = 60 * SECOND;

	private static final long UNREACHABLE_REPROBE = 30 * SECOND;

	// Less than this moved is no effect: page rounding and allocation in the meantime.
	private static final long NO_EFFECT = 8 * MB;

	private static final long TRIM_WORTH = 16 * MB;

	private static final int ACTIONS_KEPT = 10;

	private static final double NEAR = 0.9;

	// Above this ZUncommitDelay (seconds) a forced cycle gives nothing back for longer
	// than an excursion may last.
	private static final long MAX_ZGC_DELAY = 30;

	private static final Duration NEAR_INTERVAL = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(SoftLimitController.class);

	// The JVM's one controller that keeps a target.
	private static final AtomicReference<@Nullable SoftLimitController> active = new AtomicReference<>();

	private final SoftLimitSettings settings;

	private final CollectorKind collector;

	private final boolean generationalZgc;

	private final JvmHeap heap;

	private final VmFlags vmFlags;

	private final FlagHolder flags;

	private final PauseGuard guard;

	private final MemoryWatch watch;

	private final Supplier<GaugeSnapshot> snapshots;

	private final Path root;

	private final Clock clock;

	private final int cpus;

	private final List<String> unavailable;

	private final ReentrantLock lock = new ReentrantLock();

	private final AtomicBoolean ticking = new AtomicBoolean();

	private volatile SoftLimitStatus status;

	// Guarded by lock from here on.
	private long target;

	private @Nullable SoftLimitTarget targetText;

	private MemoryWatch.@Nullable Subscription subscription;

	private @Nullable ExecutorService executor;

	private SoftLimitState state = SoftLimitState.OFF;

	private String reason = "no target is set";

	private @Nullable GcCpuMeter meter;

	private @Nullable GcCpuBucket bucket;

	private long lastGcNanos = -1;

	private long lastTickNanos;

	private long charged;

	private long nonHeap;

	private long heapBudget;

	private final Deque<long[]> nonHeapBounds = new ArrayDeque<>();

	private final Deque<long[]> nonHeapLows = new ArrayDeque<>();

	private final Deque<Long> forced = new ArrayDeque<>();

	private final Deque<long[]> pauses = new ArrayDeque<>();

	private final Deque<SoftLimitStatus.Action> actions = new ArrayDeque<>();

	private final Map<String, Long> actionCounts = new LinkedHashMap<>();

	private @Nullable Pending pending;

	private int heapIneffective;

	private long heapBackoffUntil;

	private boolean softMaxBlocks;

	private int trimIneffective;

	private long trimBackoffUntil;

	private long nonHeapAtLastTrim = Long.MAX_VALUE / 2;

	private long lastEffectiveTrim = Long.MIN_VALUE / 2;

	private long lastTrim = Long.MIN_VALUE / 2;

	private long lastForced = Long.MIN_VALUE / 2;

	private long lastProbe = Long.MIN_VALUE / 2;

	private long firstConfirmation;

	private int confirmations;

	private long capHits;

	private boolean trimWorth;

	SoftLimitController(SoftLimitSettings settings, CollectorKind collector, boolean generationalZgc, JvmHeap heap,
			VmFlags vmFlags, PauseGuard guard, MemoryWatch watch, Supplier<GaugeSnapshot> snapshots, Path root,
			Clock clock, int cpus) {
		this.settings = settings;
		this.collector = collector;
		this.generationalZgc = generationalZgc;
		this.heap = heap;
		this.vmFlags = vmFlags;
		this.flags = new FlagHolder(vmFlags);
		this.guard = guard;
		this.watch = watch;
		this.snapshots = snapshots;
		this.root = root;
		this.clock = clock;
		this.cpus = cpus;
		this.unavailable = List.copyOf(unavailableMeans());
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
				this.target = bytes;
				this.targetText = parsed;
				this.state = SoftLimitState.OFF;
				this.reason = "charged memory cannot be read here (" + snapshot.process().reason()
						+ "), so no target can be kept";
				logger.info("Soft limit: target {} ({}) set, but {}", parsed, ByteSizes.format(bytes), this.reason);
				return publish();
			}
			long rss = (process != null) ? process.rss() : 0;
			long chargedNow = (cgroup != null) ? LimitUse.charged(cgroup, rss) : rss;
			long committed = snapshot.jvm().heapCommitted();
			long nonHeapNow = Math.max(Math.max(0, chargedNow - committed), snapshot.jvm().nonHeapCommitted());
			Long minHeap = this.vmFlags.readNumber("MinHeapSize");
			Long initial = (minHeap != null) ? minHeap : this.vmFlags.readNumber("InitialHeapSize");
			SoftLimitTarget.check(this.settings.targetName(), bytes, limit,
					new SoftLimitTarget.Floor((initial != null) ? initial : 0, nonHeapNow));
			if (!active.compareAndSet(null, this) && active.get() != this) {
				this.reason = "another application context in this JVM keeps the soft limit; one controller per JVM";
				publish();
				throw new SoftLimitException(SoftLimitException.Kind.CONFLICT, this.reason);
			}
			long previous = this.target;
			this.target = bytes;
			this.targetText = parsed;
			if (previous == 0) {
				start();
			}
			this.state = SoftLimitState.HOLDING;
			this.reason = "starting";
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
			if (this.target == 0) {
				return publish();
			}
			long previous = this.target;
			List<String> restored = stop();
			this.state = SoftLimitState.OFF;
			this.reason = "no target is set";
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
		this.meter = new GcCpuMeter(this.root, this.collector == CollectorKind.SERIAL);
		this.bucket = new GcCpuBucket(this.settings.gcCpuBudget(), this.cpus);
		this.lastGcNanos = -1;
		this.executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		if (this.collector == CollectorKind.G1 && "0".equals(this.vmFlags.read(PERIODIC).orNull())
				&& this.flags.claim(PERIODIC)) {
			try {
				this.flags.write(PERIODIC, PERIODIC_INTERVAL_MILLIS);
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Soft limit: {} not set: {}", PERIODIC, ex.getMessage());
			}
		}
		this.subscription = this.watch.subscribe(MemoryWatch.DEFAULT_INTERVAL, this);
	}

	private List<String> stop() {
		MemoryWatch.Subscription current = this.subscription;
		this.subscription = null;
		if (current != null) {
			current.close();
		}
		ExecutorService acting = this.executor;
		this.executor = null;
		if (acting != null) {
			acting.shutdown();
		}
		this.target = 0;
		this.targetText = null;
		this.pending = null;
		active.compareAndSet(this, null);
		return this.flags.restoreAll();
	}

	@Override
	public Duration onSample(ChargedMemory sample) {
		ExecutorService acting = this.executor;
		if (acting != null && this.ticking.compareAndSet(false, true)) {
			try {
				acting.execute(() -> {
					try {
						tick(sample);
					}
					catch (RuntimeException ex) {
						logger.warn("Soft limit: a tick failed", ex);
					}
					finally {
						this.ticking.set(false);
					}
				});
			}
			catch (RejectedExecutionException ex) {
				// Removed between the check and the hand-over.
				this.ticking.set(false);
			}
		}
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
			if (this.target == 0) {
				return;
			}
			tick(sample.nanoTime(), sample.charged());
			publish();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void tick(long now, long chargedNow) {
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
		this.nonHeap = nonHeap(now, chargedNow, committed);
		long aim = (long) (this.settings.aim() * this.target);
		this.heapBudget = aim - this.nonHeap;
		prune(now);
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
			relaxSoftMax();
			return;
		}
		holdSoftMax(aim);
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
		boolean shrinkable = committed > Math.max(this.heapBudget, floor) + NO_EFFECT;
		// While backing off, one collection may still confirm that the live set does not
		// fit, when the heap after the latest collection of any kind (an upper bound that
		// follows a growing live set, unlike the last full collection's reading) says it
		// may not: otherwise a live set that grows during the back-off is found late.
		long upper = Math.max(liveBytes, this.heap.liveUpperBound());
		boolean confirm = upper + this.nonHeap > this.target && now - this.lastForced > 5 * SECOND;
		boolean allowed = now >= this.heapBackoffUntil || confirm;
		if ((shrinkable || confirm) && allowed && heapMeanWorks()) {
			if (this.forced.size() >= this.settings.maxForcedPerMinute()) {
				this.capHits++;
			}
			else {
				collect(now, chargedNow, committed, aim);
			}
		}
		if (this.state != SoftLimitState.UNREACHABLE && live != null && now - this.lastForced < settle() + 5 * SECOND
				&& liveBytes + this.nonHeap > this.target) {
			confirmUnreachable(now, liveBytes);
		}
	}

	private String meansLeft() {
		if (!heapMeanWorks()) {
			return "; the heap cannot be shrunk here (" + String.join("; ", this.unavailable) + ")";
		}
		if (this.heapBackoffUntil > this.lastTickNanos) {
			return "; collections did not move memory twice, backing off for "
					+ (this.heapBackoffUntil - this.lastTickNanos + SECOND - 1) / SECOND + " s";
		}
		return "";
	}

	// charged - committed heap is a lower bound of the non-heap memory (not all of the
	// committed heap is resident) and drops to 0 when G1 commits more than it touches:
	// the largest bound of the last 10 s, and never less than the non-heap pools.
	private long nonHeap(long now, long chargedNow, long committed) {
		this.nonHeapBounds.addLast(new long[] { now, Math.max(0, chargedNow - committed) });
		while (now - this.nonHeapBounds.peekFirst()[0] > 10 * SECOND) {
			this.nonHeapBounds.removeFirst();
		}
		long best = 0;
		for (long[] bound : this.nonHeapBounds) {
			best = Math.max(best, bound[1]);
		}
		long estimate = Math.min(chargedNow, Math.max(best, this.heap.nonHeapCommitted()));
		this.nonHeapLows.addLast(new long[] { now, estimate });
		while (now - this.nonHeapLows.peekFirst()[0] > 5 * MINUTE) {
			this.nonHeapLows.removeFirst();
		}
		return estimate;
	}

	private void prune(long now) {
		while (!this.forced.isEmpty() && now - this.forced.peekFirst() > MINUTE) {
			this.forced.removeFirst();
		}
		while (!this.pauses.isEmpty() && now - this.pauses.peekFirst()[0] > MINUTE) {
			this.pauses.removeFirst();
		}
	}

	// The native part above its 5-minute low is what glibc may keep after a burst.
	// Returns whether a trim gave memory back: then it is this tick's only action.
	private boolean trim(long now, long chargedNow) {
		if (!this.heap.canTrim()) {
			return false;
		}
		long low = Long.MAX_VALUE;
		for (long[] point : this.nonHeapLows) {
			low = Math.min(low, point[1]);
		}
		boolean worth = this.nonHeap - low >= TRIM_WORTH;
		this.trimWorth = worth;
		boolean jumped = this.nonHeap - this.nonHeapAtLastTrim >= TRIM_WORTH;
		if (!worth || (now < this.trimBackoffUntil && !jumped)) {
			return false;
		}
		AtomicReference<Reading<NativeTrim>> result = new AtomicReference<>();
		if (!this.guard.runAlone(PausingOperation.SOFT_LIMIT, () -> result.set(this.heap.trim()))) {
			return false;
		}
		this.lastTrim = now;
		this.nonHeapAtLastTrim = this.nonHeap;
		count("trim");
		NativeTrim trim = result.get().orNull();
		long released = (trim != null) ? trim.released() : 0;
		record(new SoftLimitStatus.Action(this.clock.instant(), "trim",
				(trim != null) ? "released " + ByteSizes.format(released) : String.valueOf(result.get().reason()),
				chargedNow, chargedNow - Math.max(0, released)));
		if (released < TRIM_WORTH / 2) {
			// Nothing to give back, or still in use mid-burst: try again after 1, 2, 4 or
			// 8 s, so that the next burst's retained memory is not missed for long. The
			// heap may still be what is over, in this very tick.
			this.trimBackoffUntil = now + SECOND * (1L << Math.min(3, this.trimIneffective++));
			return false;
		}
		else {
			this.trimIneffective = 0;
			this.lastEffectiveTrim = now;
			this.nonHeapBounds.clear();
			if (this.state == SoftLimitState.UNREACHABLE) {
				this.state = SoftLimitState.OVER;
				this.reason = "a trim gave back native memory: looking again";
				this.confirmations = 0;
			}
		}
		return true;
	}

	private void collect(long now, long chargedNow, long committed, long aim) {
		List<String> detail = new ArrayList<>();
		long[] collections = new long[1];
		long started = System.nanoTime();
		boolean ran = this.guard.runAlone(PausingOperation.SOFT_LIMIT, () -> {
			switch (this.collector) {
				case G1, PARALLEL, SERIAL -> collections[0] = resize(detail);
				default -> collections[0] = this.heap.collect() ? 1 : 0;
			}
		});
		if (!ran || collections[0] == 0) {
			return;
		}
		long pause = (System.nanoTime() - started) / 1_000_000;
		for (int i = 0; i < collections[0]; i++) {
			this.forced.addLast(now);
		}
		if (this.collector.usesFreeRatios()) {
			this.pauses.addLast(new long[] { now, pause });
		}
		this.lastForced = now;
		if (this.state == SoftLimitState.UNREACHABLE) {
			this.lastProbe = now;
		}
		count("collection");
		detail.add(collections[0] + ((collections[0] == 1) ? " collection" : " collections") + ", " + pause + " ms");
		SoftLimitStatus.Action action = new SoftLimitStatus.Action(this.clock.instant(), "collection",
				String.join(", ", detail), chargedNow, null);
		record(action);
		this.pending = new Pending(action, now + settle(), chargedNow, committed);
	}

	// Ratios low enough that this collection sizes the heap to the budget, then back at
	// once. Lowering, Min goes first; raising back, Max (the JVM checks Min <= Max on
	// each write).
	private int resize(List<String> detail) {
		LiveSet.Point live = this.heap.live();
		long liveBytes = Math.max((live != null) ? live.bytes() : 0, 16 * MB);
		int max = (int) Math.max(10, Math.min(70, 100 * (1 - (double) liveBytes / Math.max(this.heapBudget, 1))));
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
				if (this.heap.heapCommitted() <= Math.max(this.heapBudget, 16 * MB) + NO_EFFECT) {
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

	private void judge(Pending judged, long now, long chargedNow, long committed) {
		replace(judged.action(), judged.action().settled(chargedNow));
		boolean moved = judged.charged() - chargedNow >= NO_EFFECT || judged.committed() - committed >= NO_EFFECT;
		// ZGC gives memory back ZUncommitDelay after it fell unused, which the settle
		// time covers only for short delays: no verdict on its collections.
		if (!moved && this.collector != CollectorKind.ZGC) {
			if (this.collector == CollectorKind.SHENANDOAH && this.flags.held().containsKey(SOFT_MAX)
					&& !this.softMaxBlocks) {
				// Measured on JDK 25: with SoftMaxHeapSize held below the committed heap
				// an
				// explicit cycle does not uncommit, while one without it does at once.
				this.softMaxBlocks = true;
				relaxSoftMax();
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
		if (this.confirmations == 0 || this.lastEffectiveTrim > this.firstConfirmation) {
			this.confirmations = 1;
			this.firstConfirmation = now;
			return;
		}
		boolean trimTried = !this.heap.canTrim() || !this.trimWorth || this.lastTrim > this.firstConfirmation;
		if (now - this.firstConfirmation >= 2 * SECOND && trimTried) {
			this.state = SoftLimitState.UNREACHABLE;
			this.reason = figures;
			this.lastProbe = now;
			logger.warn("Soft limit: the target cannot be kept: {}", figures);
		}
	}

	// ZGC and Shenandoah: SoftMaxHeapSize follows the budget while a target is set, but
	// never below twice (and 64 MB above) the live set: nearer, both collected back to
	// back (ZGC 25: 13 883 collections in 20 s) and Shenandoah never uncommitted.
	private void holdSoftMax(long aim) {
		if (this.softMaxBlocks || (this.collector != CollectorKind.ZGC && this.collector != CollectorKind.SHENANDOAH)) {
			return;
		}
		LiveSet.Point live = this.heap.live();
		long liveBytes = (live != null) ? live.bytes() : 0;
		long max = Runtime.getRuntime().maxMemory();
		long soft = Math.min(max, Math.max(aim - this.nonHeap, Math.max(2 * liveBytes, liveBytes + 64 * MB)));
		Long current = this.vmFlags.readNumber(SOFT_MAX);
		if (current == null || Math.abs(current - soft) < Math.max(NO_EFFECT, current / 20)
				|| !this.flags.claim(SOFT_MAX)) {
			return;
		}
		try {
			this.flags.write(SOFT_MAX, Long.toString(soft));
			count("softMaxHeapSize");
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Soft limit: {} refused: {}", SOFT_MAX, ex.getMessage());
		}
	}

	private void relaxSoftMax() {
		if (this.flags.held().containsKey(SOFT_MAX) && this.flags.claim(SOFT_MAX)) {
			this.flags.release(SOFT_MAX);
		}
	}

	// How long a forced collection takes to show in charged memory (measured): G1,
	// Parallel and Serial uncommit right after; Shenandoah within a second; ZGC only
	// ZUncommitDelay after, and JDK 25's generational ZGC gradually.
	private long settle() {
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

	private boolean heapMeanWorks() {
		return this.unavailable.stream().noneMatch((means) -> means.startsWith("heap:"));
	}

	// Decided once from the flags: they are fixed at startup.
	private List<String> unavailableMeans() {
		List<String> means = new ArrayList<>();
		if ("true".equals(this.vmFlags.read("DisableExplicitGC").orNull())) {
			means.add("heap: -XX:+DisableExplicitGC ignores a requested collection");
		}
		Long min = this.vmFlags.readNumber("MinHeapSize");
		Long maxHeap = this.vmFlags.readNumber("MaxHeapSize");
		if (min != null && min.equals(maxHeap)) {
			means.add("heap: -Xms equals -Xmx, so the heap cannot shrink");
		}
		switch (this.collector) {
			case PARALLEL -> {
				if (!"true".equals(this.vmFlags.read("UseAdaptiveSizePolicyWithSystemGC").orNull())) {
					means.add("heap: Parallel does not resize its heap after a requested collection without "
							+ "-XX:+UseAdaptiveSizePolicyWithSystemGC");
				}
			}
			case ZGC -> {
				Long delay = this.vmFlags.readNumber("ZUncommitDelay");
				if ("false".equals(this.vmFlags.read("ZUncommit").orNull())) {
					means.add("heap: -XX:-ZUncommit keeps the heap committed");
				}
				else if (delay != null && delay > MAX_ZGC_DELAY) {
					means.add("heap: ZGC gives memory back only ZUncommitDelay (" + delay
							+ " s) after it fell unused; start with -XX:ZUncommitDelay=5 for the soft limit to act on "
							+ "the heap");
				}
			}
			case SHENANDOAH -> {
				if ("false".equals(this.vmFlags.read("ShenandoahUncommit").orNull())) {
					means.add("heap: -XX:-ShenandoahUncommit keeps the heap committed");
				}
			}
			case UNKNOWN -> means.add("heap: the collector is not one the soft limit knows");
			default -> {
			}
		}
		if (!this.heap.canTrim()) {
			means.add("native: this JVM has no System.trim_native_heap");
		}
		return means;
	}

	private void count(String kind) {
		this.actionCounts.merge(kind, 1L, Long::sum);
	}

	private void record(SoftLimitStatus.Action action) {
		this.actions.addLast(action);
		while (this.actions.size() > ACTIONS_KEPT) {
			this.actions.removeFirst();
		}
	}

	private void replace(SoftLimitStatus.Action old, SoftLimitStatus.Action settled) {
		List<SoftLimitStatus.Action> list = new ArrayList<>(this.actions);
		int at = list.indexOf(old);
		if (at >= 0) {
			list.set(at, settled);
			this.actions.clear();
			this.actions.addAll(list);
		}
	}

	private SoftLimitStatus publish() {
		this.status = snapshot();
		return this.status;
	}

	private SoftLimitStatus snapshot() {
		GcCpuBucket cpu = this.bucket;
		long pause = 0;
		for (long[] entry : this.pauses) {
			pause += entry[1];
		}
		SoftLimitTarget text = this.targetText;
		return new SoftLimitStatus(this.target, (text != null) ? text.toString() : null, this.charged, this.heapBudget,
				this.nonHeap, this.state, this.reason, this.unavailable, this.flags.held(),
				List.copyOf(this.flags.released()), List.copyOf(this.actions),
				(cpu != null) ? cpu.shareLastMinute() : Double.NaN, this.forced.size(),
				(cpu != null) ? cpu.throttles() : 0, this.actionCounts, pause);
	}

	private record Pending(SoftLimitStatus.Action action, long settledAt, long charged, long committed) {
	}

}
