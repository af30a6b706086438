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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the soak: SCRAPES {@code GET /actuator/prometheus} and FULLS {@code GET /actuator/memory} against BASE, on
 * CLIENTS keep-alive connections, interleaved evenly (one full GET after every SCRAPES/FULLS scrapes, in the order
 * the requests are claimed). Any answer but 200 is counted and makes the exit status 1.
 * <p>
 * Usage: {@code java SoakClient.java BASE SCRAPES FULLS CLIENTS}. Prints {@code key=value} lines.
 */
public final class SoakClient {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int scrapes = Integer.parseInt(args[1]);
		int fulls = Integer.parseInt(args[2]);
		int clients = Integer.parseInt(args[3]);
		int total = scrapes + fulls;
		// Request i is a full GET when it is the last of its group of 'every'.
		int every = (fulls > 0) ? total / fulls : Integer.MAX_VALUE;
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		HttpRequest scrape = HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(60))
			.build();
		HttpRequest full = HttpRequest.newBuilder(URI.create(base + "/actuator/memory"))
			.timeout(Duration.ofSeconds(60))
			.build();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger fullsSent = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		long[] scrapeNanos = new long[total];
		long[] fullNanos = new long[total];
		AtomicInteger scrapeCount = new AtomicInteger();
		AtomicInteger fullCount = new AtomicInteger();
		String[] firstError = new String[1];
		Thread[] threads = new Thread[clients];
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			threads[c] = new Thread(() -> {
				int i;
				while ((i = next.getAndIncrement()) < total) {
					boolean isFull = (i % every == every - 1) && fullsSent.getAndIncrement() < fulls;
					long began = System.nanoTime();
					try {
						HttpResponse<byte[]> response = http.send(isFull ? full : scrape,
								HttpResponse.BodyHandlers.ofByteArray());
						bytes.addAndGet(response.body().length);
						if (response.statusCode() != 200) {
							errors.incrementAndGet();
							synchronized (firstError) {
								if (firstError[0] == null) {
									firstError[0] = response.uri() + " -> " + response.statusCode();
								}
							}
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						synchronized (firstError) {
							if (firstError[0] == null) {
								firstError[0] = ex.toString();
							}
						}
					}
					long took = System.nanoTime() - began;
					if (isFull) {
						fullNanos[fullCount.getAndIncrement()] = took;
					}
					else {
						scrapeNanos[scrapeCount.getAndIncrement()] = took;
					}
				}
			}, "soak-client-" + c);
			threads[c].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.println("scrapes=" + scrapeCount.get());
		System.out.println("fulls=" + fullCount.get());
		System.out.println("errors=" + errors.get());
		System.out.println("first_error=" + ((firstError[0] != null) ? firstError[0] : "none"));
		System.out.println(String.format(Locale.ROOT, "seconds=%.1f", seconds));
		System.out.println("megabytes=" + (bytes.get() >> 20));
		System.out.println("scrape_ms=" + percentiles(scrapeNanos, scrapeCount.get()));
		System.out.println("full_ms=" + percentiles(fullNanos, fullCount.get()));
		System.exit((errors.get() == 0) ? 0 : 1);
	}

	private static String percentiles(long[] nanos, int count) {
		if (count == 0) {
			return "none";
		}
		long[] sorted = Arrays.copyOf(nanos, count);
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "p50 %.1f, p99 %.1f, max %.1f", sorted[count / 2] / 1e6,
				sorted[(int) (count * 0.99)] / 1e6, sorted[count - 1] / 1e6);
	}

}
