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

import java.lang.ref.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The README's story, played in this JVM so that the gauges move: a heap cache that grows
 * under allocation churn and is then dropped (live set up and down, the committed heap
 * staying above it), native memory from many small direct buffers freed while a few
 * survivors pin glibc's arenas (RSS staying above what the JVM counts), a crowd of
 * threads, and at the end a native-heap trim that gives the retained memory back.
 * <p>
 * It runs in the test JVM because the demo app runs in-process there; it does not need
 * the demo's scenario endpoints.
 *
 * @param cacheBytes how much the heap cache grows to
 * @param churn how long the heap churn lasts
 * @param directBytes how much native memory the direct buffers take
 * @param threads how many extra threads to start
 * @param pause the quiet time between the acts, so each shows on a graph
 */
record MemoryStory(long cacheBytes, Duration churn, long directBytes, int threads, Duration pause) {

	private static final int MB = 1024 * 1024;

	/**
	 * A story of a few seconds, enough to make every gauge and counter move once.
	 * @return the short story
	 */
	static MemoryStory quick() {
		return new MemoryStory(48L * MB, Duration.ofSeconds(2), 32L * MB, 20, Duration.ofSeconds(1));
	}

	/**
	 * A story of a few minutes with visible plateaus, for the dashboard's picture.
	 * @return the long story
	 */
	static MemoryStory forPicture() {
		return new MemoryStory(220L * MB, Duration.ofSeconds(50), 160L * MB, 150, Duration.ofSeconds(25));
	}

	void play(int port) throws Exception {
		log("quiet start");
		Thread.sleep(this.pause.toMillis());
		heapCacheUnderChurn();
		Thread.sleep(this.pause.toMillis());
		List<ByteBuffer> survivors = nativeChurn();
		Thread.sleep(this.pause.toMillis());
		threadCrowd();
		Thread.sleep(this.pause.toMillis());
		log("reclaim: POST /actuator/memory (GC, heap uncommit, native trim)");
		reclaim(port);
		Thread.sleep(this.pause.toMillis());
		log("end, " + survivors.size() + " direct buffers still alive");
		Reference.reachabilityFence(survivors);
	}

	private void heapCacheUnderChurn() throws InterruptedException {
		log("heap: cache grows to " + this.cacheBytes / MB + " MB under allocation churn");
		List<byte[]> cache = new ArrayList<>();
		long steps = Math.max(1, this.churn.toMillis() / 50);
		long kept = 0;
		long sink = 0;
		for (long step = 0; step < steps; step++) {
			// short-lived garbage: makes the young collections that report a live set
			for (int i = 0; i < 64; i++) {
				byte[] garbage = new byte[64 * 1024];
				garbage[i] = (byte) step;
				sink += garbage[garbage.length - 1 - i];
			}
			while (kept < this.cacheBytes * (step + 1) / steps) {
				cache.add(new byte[256 * 1024]);
				kept += 256 * 1024;
			}
			Thread.sleep(50);
		}
		log("heap: cache of " + cache.size() + " chunks dropped, then System.gc (sink " + sink + ")");
		cache.clear();
		System.gc();
	}

	private List<ByteBuffer> nativeChurn() throws InterruptedException {
		log("native: " + this.directBytes / MB + " MB of 16 KB direct buffers from 4 threads");
		// Direct buffers are malloc'd; small ones come from glibc's per-thread arenas.
		// Keeping one in 32 alive fragments the arenas, so after the rest is freed glibc
		// cannot shrink them: RSS stays up while the JVM's own accounting falls.
		List<ByteBuffer> survivors = new ArrayList<>();
		List<Thread> allocators = new ArrayList<>();
		List<List<ByteBuffer>> held = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			List<ByteBuffer> mine = new ArrayList<>();
			held.add(mine);
			Thread thread = new Thread(() -> {
				int count = (int) (this.directBytes / 4 / (16 * 1024));
				for (int i = 0; i < count; i++) {
					ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
					// touch every page so it is resident
					for (int offset = 0; offset < buffer.capacity(); offset += 4096) {
						buffer.put(offset, (byte) 1);
					}
					mine.add(buffer);
				}
			}, "story-native-" + t);
			allocators.add(thread);
			thread.start();
		}
		for (Thread thread : allocators) {
			thread.join();
		}
		Thread.sleep(this.pause.toMillis());
		for (List<ByteBuffer> mine : held) {
			for (int i = 0; i < mine.size(); i += 32) {
				survivors.add(mine.get(i));
			}
			mine.clear();
		}
		log("native: freed all but " + survivors.size() + " buffers, System.gc runs their cleaners");
		System.gc();
		// the cleaners run on their own thread after the collection
		Thread.sleep(500);
		System.gc();
		return survivors;
	}

	private void threadCrowd() throws InterruptedException {
		log("threads: " + this.threads + " more threads, each with 256 KB of touched stack");
		CountDownLatch started = new CountDownLatch(this.threads);
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> crowd = new ArrayList<>();
		for (int i = 0; i < this.threads; i++) {
			Thread thread = new Thread(() -> deepStack(256, started, release), "story-thread-" + i);
			crowd.add(thread);
			thread.start();
		}
		started.await();
		Thread.sleep(this.pause.toMillis());
		release.countDown();
		for (Thread thread : crowd) {
			thread.join();
		}
		log("threads: crowd gone");
	}

	// each frame holds about 1 KB of locals, so the stack's pages become resident
	private static long deepStack(int depth, CountDownLatch started, CountDownLatch release) {
		long[] frame = new long[128];
		Arrays.fill(frame, depth);
		if (depth == 0) {
			started.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return frame[0];
		}
		return frame[depth % frame.length] + deepStack(depth - 1, started, release);
	}

	private static void reclaim(int port) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/memory"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("reclaim answered " + response.statusCode() + ": " + response.body());
		}
		log("reclaim: " + response.body().substring(0, Math.min(120, response.body().length())));
	}

	private static void log(String message) {
		System.out.println("[story " + Instant.now() + "] " + message);
	}

}
