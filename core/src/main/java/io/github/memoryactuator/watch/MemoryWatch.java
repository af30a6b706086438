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

package io.github.memoryactuator.watch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.snapshot.LimitUse;

/**
 * Samples the memory the kernel charges to this process, the figure it kills by, on one
 * thread of its own ({@value #THREAD_NAME}) and independently of the memory history's
 * interval: every {@code interval} (1 s by default), and sooner when a listener asks for
 * it, as the pre-OOM watch does when growth at the
 * {@link ChargedMemory#peakBytesPerSecond fastest recent rate} could reach its threshold
 * before then; never more often than every {@link #MIN_INTERVAL}.
 * <p>
 * A sample is one read of {@code /proc/self/status} and of the cgroup's usage file, both
 * kept open; the cgroup's limit and {@code memory.stat} (for the working set) come from
 * the reader's cache, refreshed every 10 s. No MXBean, no {@code smaps}. What a
 * stop-the-world collection moved into the old generation, which no sample can see as it
 * happens, comes with each sample from the collectors' notifications
 * ({@link ChargedMemory#pauseGrowth()}).
 * <p>
 * The thread runs while the watch has a subscriber and stops with the last one.
 * {@link #shared(Path)} gives every caller in the JVM the same watch for the same root,
 * so two application contexts share one thread: a sampler per context would double the
 * reads and, worse, race each other to the same warning.
 *
 * @since 0.1.0
 */
public final class MemoryWatch {

	/**
	 * The interval between samples by default.
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	/**
	 * The shortest wait between two samples, whatever a listener asks: a sample is cheap,
	 * a busy loop near the limit is not, and scheduling and GC pauses blur anything
	 * finer.
	 */
	public static final Duration MIN_INTERVAL = Duration.ofMillis(25);

	/**
	 * The longest interval a subscriber may ask for: at 10 s a leak of 10 MB/s crosses
	 * 100 MB between two samples.
	 */
	public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

	/**
	 * How fast the remembered peak growth rate fades when growth slows: a burst keeps the
	 * cadence quick for tens of seconds, not for the rest of the process's life.
	 */
	public static final Duration PEAK_HALF_LIFE = Duration.ofSeconds(10);

	/**
	 * The name of the sampling thread.
	 */
	public static final String THREAD_NAME = "memory-actuator-watch";

	private static final Logger logger = LoggerFactory.getLogger(MemoryWatch.class);

	private static final long MIN_INTERVAL_NANOS = MIN_INTERVAL.toNanos();

	private static final double PEAK_HALF_LIFE_NANOS = PEAK_HALF_LIFE.toNanos();

	// One watch per root in the JVM; production has one root, "/".
	private static final Map<Path, MemoryWatch> shared = new HashMap<>();

	private final ProcStatusReader status;

	private final CgroupMemoryReader cgroup;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wake = this.lock.newCondition();

	// Guarded by lock: the sampling thread, while there is one, and whether a new
	// subscriber wants a sample now.
	private @Nullable Thread thread;

	private boolean woken;

	// Guarded by sampling: what the growth rate is measured against.
	private final ReentrantLock sampling = new ReentrantLock();

	private boolean hasPrevious;

	private long previousNanos;

	private long previousCharged;

	private double rate;

	private double peak;

	private long peakNanos;

	private boolean toldNothingToSample;

	private final Function<Runnable, Thread> threads;

	private final PauseGrowth pauseGrowth;

	MemoryWatch(ProcStatusReader status, CgroupMemoryReader cgroup, Clock clock, LongSupplier nanoTime,
			Function<Runnable, Thread> threads, PauseGrowth pauseGrowth) {
		this.status = status;
		this.cgroup = cgroup;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.threads = threads;
		this.pauseGrowth = pauseGrowth;
	}

	/**
	 * Return the watch of this JVM for the given file system root, creating it on first
	 * use. Its thread starts with the first subscriber.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 * @return the watch
	 */
	public static MemoryWatch shared(Path root) {
		Path key = root.toAbsolutePath().normalize();
		synchronized (shared) {
			return shared.computeIfAbsent(key,
					(path) -> new MemoryWatch(new ProcStatusReader(path), new CgroupMemoryReader(path),
							Clock.systemUTC(), System::nanoTime, MemoryWatch::startThread, new PauseGrowth()));
		}
	}

	/**
	 * Check an interval before a subscription is made with it.
	 * @param name the interval's name, for the message, such as
	 * {@code memory-actuator.watch.interval}
	 * @param interval the interval
	 * @throws IllegalArgumentException naming the setting, when the interval is below
	 * {@link #MIN_INTERVAL} or above {@link #MAX_INTERVAL}
	 */
	public static void check(String name, Duration interval) {
		if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
			throw new IllegalArgumentException("'" + name + "' must be between " + MIN_INTERVAL.toMillis() + "ms and "
					+ MAX_INTERVAL.toSeconds() + "s, but was " + interval);
		}
	}

	/**
	 * Tell a listener about every sample from now on, and sample at least every
	 * {@code interval} (the shortest interval of all subscribers wins). The first sample
	 * is taken at once.
	 * @param interval the longest wait between two samples this subscriber accepts,
	 * between {@link #MIN_INTERVAL} and {@link #MAX_INTERVAL}
	 * @param listener what is told about each sample
	 * @return the subscription; close it to stop being told
	 */
	public Subscription subscribe(Duration interval, WatchListener listener) {
		check("interval", interval);
		Subscription subscription = new Subscription(interval.toNanos(), listener);
		this.lock.lock();
		try {
			this.subscriptions.add(subscription);
			if (this.thread == null) {
				this.pauseGrowth.start();
				this.thread = this.threads.apply(this::run);
			}
			else {
				this.woken = true;
				this.wake.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		return subscription;
	}

	static Thread startThread(Runnable loop) {
		Thread thread = new Thread(loop, THREAD_NAME);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	// Whether the sampling thread runs.
	boolean sampling() {
		this.lock.lock();
		try {
			return this.thread != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void run() {
		Thread self = Thread.currentThread();
		try {
			while (true) {
				long delay = round();
				this.lock.lock();
				try {
					long remaining = delay;
					while (this.thread == self && !this.woken && remaining > 0) {
						remaining = this.wake.awaitNanos(remaining);
					}
					if (this.thread != self) {
						return;
					}
					this.woken = false;
				}
				finally {
					this.lock.unlock();
				}
			}
		}
		catch (InterruptedException ex) {
			// Only close() interrupts, and only a thread it has already let go.
		}
	}

	/**
	 * Take one sample, tell every subscriber, and return how long to wait for the next:
	 * the shortest of the subscribers' intervals and of what they asked for, and at least
	 * {@link #MIN_INTERVAL}.
	 * @return the wait in nanoseconds
	 */
	long round() {
		long next = Long.MAX_VALUE;
		for (Subscription subscription : this.subscriptions) {
			next = Math.min(next, subscription.interval);
		}
		if (next == Long.MAX_VALUE) {
			next = DEFAULT_INTERVAL.toNanos();
		}
		ChargedMemory sample;
		try {
			sample = sample();
		}
		catch (RuntimeException ex) {
			// The readers report failures as readings; this is a bug, and the thread
			// must outlive it.
			logger.warn("Memory watch: a sample could not be taken", ex);
			return next;
		}
		if (sample == null) {
			return next;
		}
		for (Subscription subscription : this.subscriptions) {
			next = Math.min(next, subscription.tell(sample));
		}
		return Math.max(next, MIN_INTERVAL_NANOS);
	}

	/**
	 * Take one sample now and update the growth rates.
	 * @return the sample, or {@code null} when neither {@code /proc/self/status} nor the
	 * cgroup could be read (logged once, at debug level)
	 */
	@Nullable ChargedMemory sample() {
		this.sampling.lock();
		try {
			Reading<ProcStatus> process = this.status.read();
			Reading<CgroupMemory> container = this.cgroup.read();
			long now = this.nanoTime.getAsLong();
			ProcStatus status = process.orNull();
			CgroupMemory cgroup = container.orNull();
			if (status == null && cgroup == null) {
				if (!this.toldNothingToSample) {
					this.toldNothingToSample = true;
					// Debug: off Linux the gauges' start-up line already says /proc is
					// missing.
					logger.debug("Memory watch: nothing to sample, so no pre-OOM warning: {}; {}", process.reason(),
							container.reason());
				}
				return null;
			}
			long rss = (status != null) ? status.rss() : 0;
			long charged = (cgroup != null) ? LimitUse.charged(cgroup, rss) : rss;
			rates(now, charged);
			return new ChargedMemory(this.clock.instant(), now, charged, LimitUse.of(container, rss), this.rate,
					this.peak, this.pauseGrowth.largest());
		}
		finally {
			this.sampling.unlock();
		}
	}

	// A sample that follows the previous one by less than the shortest interval (a new
	// subscriber's) is too close to it for a rate: page-sized steps would read as bursts.
	private void rates(long now, long charged) {
		if (!this.hasPrevious) {
			this.hasPrevious = true;
			this.previousNanos = now;
			this.previousCharged = charged;
			this.peakNanos = now;
			return;
		}
		long elapsed = now - this.previousNanos;
		if (elapsed < MIN_INTERVAL_NANOS) {
			return;
		}
		this.rate = (charged - this.previousCharged) * 1e9 / elapsed;
		double faded = this.peak * Math.pow(0.5, (now - this.peakNanos) / PEAK_HALF_LIFE_NANOS);
		this.peak = Math.max(faded, Math.max(this.rate, 0));
		this.peakNanos = now;
		this.previousNanos = now;
		this.previousCharged = charged;
	}

	private void stop(Subscription last) {
		Thread stopped;
		this.lock.lock();
		try {
			if (!this.subscriptions.remove(last) || !this.subscriptions.isEmpty()) {
				return;
			}
			stopped = this.thread;
			this.thread = null;
			this.wake.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (stopped != null && stopped != Thread.currentThread()) {
			try {
				stopped.join(TimeUnit.SECONDS.toMillis(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.pauseGrowth.stop();
		// Opened again by the next sample if another subscriber comes.
		this.status.close();
		this.cgroup.close();
	}

	private static long nanos(Duration duration) {
		if (duration.isNegative()) {
			return 0;
		}
		return (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : duration.toNanos();
	}

	/**
	 * A listener's place on the watch.
	 *
	 * @since 0.1.0
	 */
	public final class Subscription implements AutoCloseable {

		private final long interval;

		private final WatchListener listener;

		private boolean toldFailure;

		private Subscription(long interval, WatchListener listener) {
			this.interval = interval;
			this.listener = listener;
		}

		// The wait this listener asks for, in nanoseconds; a listener that throws is
		// logged once and asks for nothing.
		private long tell(ChargedMemory sample) {
			Duration wanted;
			try {
				wanted = this.listener.onSample(sample);
			}
			catch (RuntimeException ex) {
				if (!this.toldFailure) {
					this.toldFailure = true;
					logger.warn("Memory watch: listener {} failed; it is told about every sample still", this.listener,
							ex);
				}
				return Long.MAX_VALUE;
			}
			return nanos(wanted);
		}

		/**
		 * Stop telling this listener; the thread stops with the last subscription.
		 */
		@Override
		public void close() {
			stop(this);
		}

	}

}
