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

package io.github.memoryactuator.demo;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the scenarios hold on to: the leaked heap, the native blocks that survived a
 * churn, direct buffers and parked threads. Every scenario runs here; the bookkeeping is
 * guarded by one lock that is never held while memory is allocated, so that
 * {@code GET /scenario} answers while a long churn runs. Each cap is reserved before the
 * allocation starts, so two concurrent requests cannot overshoot it together.
 *
 * @since 0.1.0
 */
@Component
public class StoryState implements DisposableBean {

	static final long MB = 1024 * 1024;

	/**
	 * Heap arrays of 256 KB: below half a G1 region even at the smallest region size (1
	 * MB), so they are ordinary objects and not humongous ones, which would each take a
	 * whole region and make the committed heap jump in a way no real application does.
	 */
	private static final int HEAP_CHUNK = 256 * 1024;

	/**
	 * The bytes of one small retained object with compressed references: an {@code Entry}
	 * (a 12-byte header, a long and a reference, 24 bytes), its {@code int[2]} (24 bytes)
	 * and its slot in the chunk (4 bytes).
	 */
	private static final int ENTRY_BYTES = 52;

	/**
	 * Reports of 64 KB: many objects, so that sampling sees many allocations, each far
	 * below a G1 region.
	 */
	private static final int REPORT_SIZE = 64 * 1024;

	/**
	 * During a churn only the most recent arrays (this much) stay reachable, through a
	 * field, so the JIT cannot drop the allocations as unused. Kept small on purpose:
	 * pure garbage at this rate already makes G1 grow its young generation to hundreds of
	 * MB (measured: 1024 MB of churn took committed from 64 to 523 MB under -Xmx1g),
	 * while a larger window gets promoted and makes the live set after young collections
	 * look like a leak, which is not this scenario's point.
	 */
	private static final long CHURN_WINDOW = 4 * MB;

	/**
	 * Native blocks are 16 KB to 120 KB: below glibc's default mmap threshold (128 KB),
	 * so they come from malloc's arenas and not from a private mmap that free() would
	 * give straight back to the OS.
	 */
	private static final int NATIVE_MIN_BLOCK = 16 * 1024;

	private static final int NATIVE_MAX_BLOCK = 120 * 1024;

	/**
	 * One native block in this many survives a churn (about 8%). The survivors are spread
	 * through every arena heap, so no heap can shrink from its top and the freed 92%
	 * between them stays resident until malloc_trim.
	 */
	private static final int NATIVE_KEEP_EVERY = 12;

	private static final int DIRECT_CHUNK = (int) MB;

	// Under glibc's mmap threshold, like the native leak's blocks.
	private static final int NATIVE_GROW_BLOCK = 64 * 1024;

	/**
	 * Frames each parked thread descends before it parks: deep enough that tens of KB of
	 * its stack are written and therefore resident, as in a thread blocked deep in a
	 * framework call. Measured: 1000 parked threads added about 250 MB of RSS (JDK 17,
	 * {@code spring-boot:run}), so {@code count} is the knob for "threads cost memory
	 * too".
	 */
	private static final int STACK_DEPTH = 1000;

	private final ReentrantLock lock = new ReentrantLock();

	private final Limits limits;

	private final List<Object> leaked = new ArrayList<>();

	private long leakedBytes;

	private final ReportCache reports = new ReportCache();

	// Reserved before rendering, like leakedBytes, so that the cap holds under
	// concurrent requests.
	private long reportBytes;

	private long reportIds;

	private final List<NativeBlock> nativeBlocks = new ArrayList<>();

	private long nativeBytes;

	private final List<ByteBuffer> directBuffers = new ArrayList<>();

	private long directBytes;

	private final List<Thread> parkedThreads = new ArrayList<>();

	private int parkedReserved;

	private CountDownLatch unpark = new CountDownLatch(1);

	// The thread of a running growth, guarded by the lock.
	private @Nullable Thread grower;

	/**
	 * Counts {@link #releaseAll()} calls, so that a scenario still allocating when a
	 * release runs drops what it made instead of adding it to the emptied state.
	 */
	private long generation;

	/**
	 * Keeps the churn's arrays reachable from outside the method, so the JIT cannot prove
	 * them unused and skip the allocation.
	 */
	private volatile byte @Nullable [][] churnSink;

	/**
	 * Create the state with caps derived from this JVM's limits.
	 */
	public StoryState() {
		this(Limits.forThisJvm());
	}

	StoryState(Limits limits) {
		this.limits = limits;
	}

	/**
	 * The caps that apply to this JVM.
	 * @return the limits
	 */
	public Limits limits() {
		return this.limits;
	}

	/**
	 * What is currently held.
	 * @return the holdings
	 */
	public Held held() {
		return locked(() -> new Held(this.leakedBytes, this.reportBytes, this.nativeBytes, this.nativeBlocks.size(),
				this.directBytes, this.directBuffers.size(), this.parkedThreads.size()));
	}

	/**
	 * Allocate short-lived arrays quickly and keep nothing: the committed heap grows, the
	 * live set does not.
	 * @param megabytes how much to allocate in total
	 * @return what was done
	 */
	public ScenarioReport heapChurn(int megabytes) {
		long start = System.nanoTime();
		long total = megabytes * MB;
		byte[][] window = new byte[(int) (Math.min(total, CHURN_WINDOW) / HEAP_CHUNK) + 1][];
		this.churnSink = window;
		long allocated = 0;
		for (int i = 0; allocated < total; i++) {
			byte[] chunk = new byte[HEAP_CHUNK];
			chunk[i % HEAP_CHUNK] = 1;
			window[i % window.length] = chunk;
			allocated += HEAP_CHUNK;
		}
		this.churnSink = null;
		return report("heap-churn", "allocated " + megabytes + " MB of short-lived arrays and kept none", allocated, 0,
				0, 1, start);
	}

	/**
	 * Add to a retained set that only {@link #releaseHeapLeak()} or {@link #releaseAll()}
	 * empties: the live set grows with every call.
	 * @param megabytes how much to add
	 * @param smallObjects whether to add it as objects of about 52 bytes, as an in-memory
	 * session store or index holds, each of which a collector visits when it marks,
	 * rather than as arrays of 256 KB, which it visits 5,000 times less often
	 * @return what was done
	 */
	public ScenarioReport heapLeak(int megabytes, boolean smallObjects) {
		long start = System.nanoTime();
		long bytes = megabytes * MB;
		long generation = locked(() -> {
			checkLeakCap("heap-leak", bytes, "POST /scenario/heap-leak/release");
			this.leakedBytes += bytes;
			return this.generation;
		});
		List<Object> added = new ArrayList<>();
		long objects = 0;
		try {
			for (long done = 0; done < bytes; done += HEAP_CHUNK) {
				int size = (int) Math.min(HEAP_CHUNK, bytes - done);
				if (smallObjects) {
					Entry[] entries = entries(size);
					added.add(entries);
					objects += 2L * entries.length;
				}
				else {
					added.add(new byte[size]);
				}
			}
		}
		catch (OutOfMemoryError ex) {
			added.clear();
			locked(() -> {
				if (this.generation == generation) {
					this.leakedBytes -= bytes;
				}
				return null;
			});
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, "megabytes",
					"the heap could not hold another " + megabytes + " MB: " + ex.getMessage());
		}
		locked(() -> (this.generation == generation) && this.leaked.addAll(added));
		return report("heap-leak", "added " + megabytes + " MB to the retained set"
				+ (smallObjects ? " as " + objects + " small objects" : ""), bytes, 0, bytes, 1, start);
	}

	private static Entry[] entries(int bytes) {
		Entry[] chunk = new Entry[bytes / ENTRY_BYTES];
		for (int i = 0; i < chunk.length; i++) {
			chunk[i] = new Entry(i, new int[] { i, -i });
		}
		return chunk;
	}

	/**
	 * Render reports of 64 KB into a {@link ReportCache} that keeps every one, as a cache
	 * keyed by a request id does: the live set grows with every call, through a named
	 * class at a named site ({@code ReportCache.render}), which allocation profiling then
	 * names.
	 * @param megabytes how much to render
	 * @return what was done
	 */
	public ScenarioReport reportLeak(int megabytes) {
		long start = System.nanoTime();
		long bytes = megabytes * MB;
		long[] reserved = locked(() -> {
			checkLeakCap("report-leak", bytes, "POST /scenario/release");
			this.reportBytes += bytes;
			long first = this.reportIds;
			this.reportIds += bytes / REPORT_SIZE;
			return new long[] { this.generation, first };
		});
		int count = (int) (bytes / REPORT_SIZE);
		try {
			for (int i = 0; i < count; i++) {
				this.reports.report("report-" + (reserved[1] + i), REPORT_SIZE);
			}
		}
		catch (OutOfMemoryError ex) {
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, "megabytes",
					"the heap could not hold another " + megabytes + " MB of reports: " + ex.getMessage());
		}
		// A release that ran meanwhile dropped the cache; what this request added since
		// goes too.
		locked(() -> {
			if (this.generation != reserved[0]) {
				this.reports.clear();
			}
			return null;
		});
		return report("report-leak",
				"rendered " + count + " reports of " + REPORT_SIZE / 1024
						+ " KB into ReportCache, which keeps every one (" + this.reports.size() + " now)",
				bytes, 0, bytes, 1, start);
	}

	/**
	 * Drop the retained set. The heap is reclaimed at the next collection; whether it is
	 * also uncommitted is up to the collector.
	 * @return what was done
	 */
	public ScenarioReport releaseHeapLeak() {
		long start = System.nanoTime();
		long freed = locked(this::dropLeaked);
		return report("heap-leak/release",
				"dropped " + freed / MB + " MB of retained arrays; the next GC reclaims them", 0, freed, 0, 0, start);
	}

	/**
	 * Grow the retained heap or native memory at a steady rate, on a thread of its own,
	 * until {@code megabytes} are held, the scenario's cap is reached, or a release: a
	 * leak that keeps its pace whatever else happens, as a real one does, to the kernel's
	 * kill if the cap is above the container's limit. Returns at once.
	 * @param source {@code heap} (arrays of 256 KB kept in the retained set) or
	 * {@code native} (malloc'ed blocks of 64 KB, written and kept)
	 * @param megabytesPerSecond the pace
	 * @param megabytes how much to add in all
	 * @return what was started
	 */
	public ScenarioReport grow(Source source, int megabytesPerSecond, int megabytes) {
		if (source == Source.NATIVE && NativeMemory.get().unavailable() != null) {
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, null,
					String.valueOf(NativeMemory.get().unavailable()));
		}
		long start = System.nanoTime();
		Thread thread = locked(() -> {
			if (this.grower != null && this.grower.isAlive()) {
				throw new ScenarioException(HttpStatus.CONFLICT, null,
						"a growth is running; it ends when it has added what it was asked for, or at "
								+ "POST /scenario/release");
			}
			long generation = this.generation;
			Thread started = new Thread(() -> growSteadily(source, megabytesPerSecond * MB, megabytes * MB, generation),
					"story-grow-" + source.name().toLowerCase(java.util.Locale.ROOT));
			started.setDaemon(true);
			this.grower = started;
			return started;
		});
		thread.start();
		return report("grow", "growing " + source.name().toLowerCase(java.util.Locale.ROOT) + " memory by " + megabytes
				+ " MB at " + megabytesPerSecond + " MB/s on thread " + thread.getName(), 0, 0, 0, 1, start);
	}

	// Paced by the clock, not by sleeps: a pause (a GC, a slow page fault near the
	// limit) is made up at once, as a leak fed by requests would.
	private void growSteadily(Source source, long bytesPerSecond, long total, long generation) {
		long start = System.nanoTime();
		long grown = 0;
		try {
			while (grown < total) {
				double seconds = (System.nanoTime() - start) / 1e9;
				long due = Math.min(total, (long) (seconds * bytesPerSecond));
				while (grown < due) {
					long chunk = (source == Source.HEAP) ? HEAP_CHUNK : NATIVE_GROW_BLOCK;
					if (!growOnce(source, (int) chunk, generation)) {
						return;
					}
					grown += chunk;
				}
				Thread.sleep(5);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (OutOfMemoryError ex) {
			// The heap's maximum is below the cap: the growth ends, the application goes
			// on.
		}
	}

	// Under the lock: an allocation of 256 KB or 64 KB, a few microseconds; false at the
	// cap or after a release.
	private boolean growOnce(Source source, int chunk, long generation) {
		if (source == Source.HEAP) {
			byte[] array = new byte[chunk];
			return locked(() -> {
				if (this.generation != generation
						|| this.leakedBytes + this.reportBytes + chunk > this.limits.heapLeakBytes()) {
					return false;
				}
				this.leaked.add(array);
				this.leakedBytes += chunk;
				return true;
			});
		}
		return locked(() -> {
			if (this.generation != generation || this.nativeBytes + chunk > this.limits.nativeBytes()) {
				return false;
			}
			this.nativeBlocks.add(new NativeBlock(NativeMemory.get().allocateTouched(chunk), chunk));
			this.nativeBytes += chunk;
			return true;
		});
	}

	/**
	 * Malloc blocks of 64 KB, write them, and keep them until a release: native memory
	 * that only grows, as a JNI library that forgets to free does.
	 * @param megabytes how much to allocate and keep
	 * @return what was done
	 */
	public ScenarioReport nativeLeak(int megabytes) {
		String unavailable = NativeMemory.get().unavailable();
		if (unavailable != null) {
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, null, unavailable);
		}
		long start = System.nanoTime();
		long bytes = megabytes * MB;
		// Under glibc's mmap threshold, so that the blocks come from its arenas like
		// most native allocations do.
		int block = 64 * 1024;
		locked(() -> {
			if (this.nativeBytes + bytes > this.limits.nativeBytes()) {
				throw ScenarioException.badParameter("megabytes",
						"native-leak would keep " + (this.nativeBytes + bytes) / MB
								+ " MB of native blocks in total, above the cap of " + this.limits.nativeBytes() / MB
								+ " MB; POST /scenario/release first");
			}
			for (long kept = 0; kept < bytes; kept += block) {
				this.nativeBlocks.add(new NativeBlock(NativeMemory.get().allocateTouched(block), block));
			}
			this.nativeBytes += bytes;
			return null;
		});
		return report("native-leak", "malloc'ed " + megabytes + " MB in blocks of 64 KB and kept them", bytes, 0, bytes,
				1, start);
	}

	/**
	 * From many threads at once, malloc many small blocks, write them, then free all but
	 * about one in twelve. glibc gives threads their own arenas and keeps the freed
	 * chunks there, so RSS stays near the peak although the process holds only the
	 * survivors.
	 * @param megabytes how much to allocate in total, across all threads
	 * @param threads how many threads allocate at once
	 * @return what was done
	 */
	public ScenarioReport nativeChurn(int megabytes, int threads) {
		String unavailable = NativeMemory.get().unavailable();
		if (unavailable != null) {
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, null, unavailable);
		}
		long start = System.nanoTime();
		long total = megabytes * MB;
		// The survivors are about total / NATIVE_KEEP_EVERY; reserve a little more.
		long estimate = total / (NATIVE_KEEP_EVERY - 2);
		long generation = locked(() -> {
			if (this.nativeBytes + estimate > this.limits.nativeBytes()) {
				throw ScenarioException.badParameter("megabytes",
						"native-churn would keep about " + (this.nativeBytes + estimate) / MB
								+ " MB of native blocks in total, above the cap of " + this.limits.nativeBytes() / MB
								+ " MB; POST /scenario/release first");
			}
			this.nativeBytes += estimate;
			return this.generation;
		});
		NativeWorker[] workers = new NativeWorker[threads];
		CountDownLatch go = new CountDownLatch(1);
		for (int i = 0; i < threads; i++) {
			workers[i] = new NativeWorker(total / threads, go);
			workers[i].thread = new Thread(workers[i], "story-native-churn-" + i);
			workers[i].thread.start();
		}
		// Start together, so the threads really contend and glibc spreads them over
		// arenas.
		go.countDown();
		List<NativeBlock> kept = new ArrayList<>();
		long allocated = 0;
		long freed = 0;
		long blocks = 0;
		@Nullable Throwable failure = null;
		for (NativeWorker worker : workers) {
			joinUninterruptibly(worker.thread);
			kept.addAll(worker.kept);
			allocated += worker.allocated;
			freed += worker.freed;
			blocks += worker.blocks;
			if (worker.failure != null) {
				failure = worker.failure;
			}
		}
		long keptBytes = kept.stream().mapToLong(NativeBlock::bytes).sum();
		boolean added = (failure == null) && locked(() -> {
			if (this.generation != generation) {
				return false;
			}
			this.nativeBlocks.addAll(kept);
			this.nativeBytes += keptBytes - estimate;
			return true;
		});
		if (!added) {
			kept.forEach((block) -> NativeMemory.get().free(block.address()));
		}
		if (failure != null) {
			locked(() -> {
				if (this.generation == generation) {
					this.nativeBytes -= estimate;
				}
				return null;
			});
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, "megabytes",
					"native allocation failed after " + allocated / MB + " MB: " + failure);
		}
		return report("native-churn",
				threads + " threads malloc'ed " + allocated / MB + " MB in " + blocks + " blocks and freed "
						+ freed / MB + " MB; glibc keeps the freed chunks in its arenas",
				allocated, freed, keptBytes, threads, start);
	}

	/**
	 * Allocate direct buffers of 1 MB and keep them.
	 * @param megabytes how much to allocate
	 * @return what was done
	 */
	public ScenarioReport directBuffers(int megabytes) {
		long start = System.nanoTime();
		long bytes = megabytes * MB;
		long generation = locked(() -> {
			if (this.directBytes + bytes > this.limits.directBytes()) {
				throw ScenarioException.badParameter("megabytes",
						"direct-buffers would hold " + (this.directBytes + bytes) / MB
								+ " MB in total, above the cap of " + this.limits.directBytes() / MB
								+ " MB (three quarters of MaxDirectMemorySize); POST /scenario/release first");
			}
			this.directBytes += bytes;
			return this.generation;
		});
		List<ByteBuffer> added = new ArrayList<>();
		try {
			for (int i = 0; i < megabytes; i++) {
				// allocateDirect zeroes the memory, so every page is resident.
				added.add(ByteBuffer.allocateDirect(DIRECT_CHUNK));
			}
		}
		catch (OutOfMemoryError ex) {
			added.forEach(NativeMemory.get()::freeDirect);
			locked(() -> {
				if (this.generation == generation) {
					this.directBytes -= bytes;
				}
				return null;
			});
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, "megabytes",
					"direct memory could not hold another " + megabytes + " MB: " + ex.getMessage());
		}
		if (!locked(() -> (this.generation == generation) && this.directBuffers.addAll(added))) {
			added.forEach(NativeMemory.get()::freeDirect);
		}
		return report("direct-buffers", "allocated and kept " + megabytes + " direct buffers of 1 MB", bytes, 0, bytes,
				1, start);
	}

	/**
	 * Start threads that descend {@value #STACK_DEPTH} frames and park there, holding
	 * their stacks.
	 * @param count how many threads
	 * @return what was done, once every thread has parked
	 */
	public ScenarioReport threads(int count) {
		long start = System.nanoTime();
		Parking parking = locked(() -> {
			if (this.parkedReserved + count > this.limits.threads()) {
				throw ScenarioException.badParameter("count",
						"threads would park " + (this.parkedReserved + count) + " threads in total, above the cap of "
								+ this.limits.threads() + "; POST /scenario/release first");
			}
			this.parkedReserved += count;
			return new Parking(this.unpark, this.generation);
		});
		CountDownLatch release = parking.release();
		CountDownLatch parked = new CountDownLatch(count);
		List<Thread> started = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				Thread thread = new Thread(() -> descend(STACK_DEPTH, parked, release), "story-parked-" + i);
				thread.setDaemon(true);
				thread.start();
				started.add(thread);
			}
		}
		catch (OutOfMemoryError ex) {
			// "unable to create native thread": stop what this call started and say so.
			started.forEach(Thread::interrupt);
			locked(() -> {
				if (this.generation == parking.generation()) {
					this.parkedReserved -= count;
				}
				return null;
			});
			throw new ScenarioException(HttpStatus.SERVICE_UNAVAILABLE, "count",
					"only " + started.size() + " of " + count + " threads could be started: " + ex.getMessage());
		}
		awaitUninterruptibly(parked);
		// After a release meanwhile, the latch is already open and these threads are
		// ending.
		locked(() -> (this.generation == parking.generation()) && this.parkedThreads.addAll(started));
		return report("threads", "parked " + count + " threads, each " + STACK_DEPTH + " frames deep", 0, 0, 0, count,
				start);
	}

	/**
	 * Release everything: the retained heap, the native survivors, the direct buffers and
	 * the parked threads.
	 * @return what was done
	 */
	public ScenarioReport releaseAll() {
		long start = System.nanoTime();
		List<NativeBlock> blocks = new ArrayList<>();
		List<ByteBuffer> buffers = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		CountDownLatch[] release = new CountDownLatch[1];
		Thread[] grower = new Thread[1];
		long heap = locked(() -> {
			this.generation++;
			grower[0] = this.grower;
			this.grower = null;
			release[0] = this.unpark;
			blocks.addAll(this.nativeBlocks);
			this.nativeBlocks.clear();
			this.nativeBytes = 0;
			buffers.addAll(this.directBuffers);
			this.directBuffers.clear();
			this.directBytes = 0;
			threads.addAll(this.parkedThreads);
			this.parkedThreads.clear();
			this.parkedReserved = 0;
			this.unpark = new CountDownLatch(1);
			return dropLeaked();
		});
		long nativeFreed = 0;
		for (NativeBlock block : blocks) {
			NativeMemory.get().free(block.address());
			nativeFreed += block.bytes();
		}
		long directFreed = 0;
		for (ByteBuffer buffer : buffers) {
			NativeMemory.get().freeDirect(buffer);
			directFreed += buffer.capacity();
		}
		release[0].countDown();
		for (Thread thread : threads) {
			joinUninterruptibly(thread);
		}
		// It sees the new generation at its next block and adds nothing more.
		if (grower[0] != null) {
			joinUninterruptibly(grower[0]);
		}
		return report("release",
				"dropped " + heap / MB + " MB of retained heap, freed " + nativeFreed / MB + " MB of native blocks and "
						+ directFreed / MB + " MB of direct buffers, ended " + threads.size() + " parked threads",
				0, heap + nativeFreed + directFreed, 0, threads.size(), start);
	}

	@Override
	public void destroy() {
		releaseAll();
	}

	// The two leaks share one cap; called with the lock held.
	private void checkLeakCap(String scenario, long bytes, String release) {
		long total = this.leakedBytes + this.reportBytes + bytes;
		if (total > this.limits.heapLeakBytes()) {
			throw ScenarioException.badParameter("megabytes",
					scenario + " would hold " + total / MB + " MB in total, above the cap of "
							+ this.limits.heapLeakBytes() / MB + " MB (half the maximum heap); " + release + " first");
		}
	}

	private long dropLeaked() {
		long freed = this.leakedBytes + this.reportBytes;
		this.leaked.clear();
		this.leakedBytes = 0;
		this.reports.clear();
		this.reportBytes = 0;
		return freed;
	}

	private ScenarioReport report(String scenario, String summary, long allocated, long freed, long retained,
			int threads, long startNanos) {
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
		return new ScenarioReport(scenario, summary, allocated, freed, retained, threads, millis, held());
	}

	private <T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private static long descend(int depth, CountDownLatch parked, CountDownLatch release) {
		// A few locals per frame so that the descent writes real stack, not just return
		// addresses.
		long a = depth;
		long b = a * 31;
		long c = b ^ (a << 7);
		if (depth == 0) {
			parked.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return c;
		}
		return descend(depth - 1, parked, release) + a + b + c;
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (latch.getCount() > 0) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One malloc'ed block.
	 *
	 * @param address where it starts
	 * @param bytes its size
	 */
	record NativeBlock(long address, long bytes) {
	}

	private record Parking(CountDownLatch release, long generation) {
	}

	private static final class NativeWorker implements Runnable {

		private final long share;

		private final CountDownLatch go;

		private final List<NativeBlock> kept = new ArrayList<>();

		@Nullable Thread thread;

		long allocated;

		long freed;

		long blocks;

		@Nullable Throwable failure;

		NativeWorker(long share, CountDownLatch go) {
			this.share = share;
			this.go = go;
		}

		@Override
		public void run() {
			awaitUninterruptibly(this.go);
			NativeMemory memory = NativeMemory.get();
			ThreadLocalRandom random = ThreadLocalRandom.current();
			List<NativeBlock> blocks = new ArrayList<>();
			try {
				// Allocate the whole share before freeing anything: freeing as we go
				// would let
				// malloc hand the same chunk back and RSS would never rise.
				while (this.allocated < this.share) {
					long size = random.nextInt(NATIVE_MIN_BLOCK, NATIVE_MAX_BLOCK + 1) & ~15L;
					blocks.add(new NativeBlock(memory.allocateTouched(size), size));
					this.allocated += size;
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
			this.blocks = blocks.size();
			for (int i = 0; i < blocks.size(); i++) {
				NativeBlock block = blocks.get(i);
				if (this.failure == null && i % NATIVE_KEEP_EVERY == NATIVE_KEEP_EVERY - 1) {
					this.kept.add(block);
				}
				else {
					memory.free(block.address());
					this.freed += block.bytes();
				}
			}
		}

	}

	/**
	 * What a steady growth adds to.
	 */
	public enum Source {

		/**
		 * The retained set of the heap.
		 */
		HEAP,

		/**
		 * Native memory from malloc.
		 */
		NATIVE

	}

	/**
	 * What the scenarios currently hold.
	 *
	 * @param heapLeakBytes the retained heap arrays
	 * @param reportCacheBytes the reports the report cache keeps
	 * @param nativeBytes the native blocks that survived the churns
	 * @param nativeBlocks how many native blocks
	 * @param directBytes the direct buffers' capacity
	 * @param directBuffers how many direct buffers
	 * @param parkedThreads how many parked threads
	 */
	public record Held(long heapLeakBytes, long reportCacheBytes, long nativeBytes, int nativeBlocks, long directBytes,
			int directBuffers, int parkedThreads) {
	}

	/**
	 * The caps on what the scenarios may hold at once, so that no request can take the
	 * JVM down: a refused request is an HTTP 400, never an {@link OutOfMemoryError}.
	 *
	 * @param heapLeakBytes the most heap the two leaks may retain together: half the
	 * maximum heap
	 * @param nativeBytes the most native survivors
	 * @param directBytes the most direct buffer memory: three quarters of
	 * {@code MaxDirectMemorySize}, leaving the rest to the web server
	 * @param threads the most parked threads
	 */
	public record Limits(long heapLeakBytes, long nativeBytes, long directBytes, int threads) {

		static Limits forThisJvm() {
			long maxHeap = Runtime.getRuntime().maxMemory();
			return new Limits(maxHeap / 2, 1024 * MB, maxDirectMemory(maxHeap) / 4 * 3, 2000);
		}

		private static long maxDirectMemory(long maxHeap) {
			try {
				String value = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
					.getVMOption("MaxDirectMemorySize")
					.getValue();
				long configured = Long.parseLong(value);
				// 0 means "not set": the JVM then allows as much direct memory as heap.
				return (configured > 0) ? configured : maxHeap;
			}
			catch (RuntimeException ex) {
				return maxHeap;
			}
		}

	}

	/**
	 * A small retained object.
	 *
	 * @param id its id
	 * @param values what it holds
	 */
	private record Entry(long id, int[] values) {
	}

}
