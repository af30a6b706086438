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

package io.github.memoryactuator.profiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Run by {@link ProfilerForkedJvmTests} in a JVM of its own: starts the profiler, leaks
 * through {@link ReportCache#remember} while churning short-lived garbage, and prints
 * what the profiler names as {@code key=value} lines, with the pprof export written to
 * the file given as the first argument.
 */
public final class ProfilerProbe {

	private static final long MB = 1024 * 1024;

	private static volatile Object sink;

	private ProfilerProbe() {
	}

	public static void main(String[] args) throws Exception {
		AllocationProfiler profiler = AllocationProfiler
			.start(new ProfilingSettings(100, Duration.ofSeconds(1), Duration.ofMinutes(1)));
		ReportCache cache = new ReportCache();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		AllocationProfile profile = null;
		for (int round = 1; System.nanoTime() < deadline; round++) {
			for (int i = 0; i < 20 && cache.bytes < 96 * MB; i++) {
				cache.remember(64 * 1024);
				sink = new char[1024];
			}
			// Old-object samples are emitted only once they lived through a collection.
			if (round % 10 == 0) {
				System.gc();
			}
			Thread.sleep(20);
			if (profiler.status().state() == AllocationProfiler.State.UNAVAILABLE) {
				break;
			}
			profile = profiler.profile(OptionalLong.of(cache.bytes), 5).orNull();
			if (profile != null && done(profile)) {
				break;
			}
		}
		AllocationProfiler.Status status = profiler.status();
		print("state", status.state());
		print("reason", status.reason());
		print("survivorsUnavailable", status.survivorsUnavailable());
		print("expectedSite", ReportCache.class.getName() + ".remember(ProfilerProbe.java:" + ReportCache.line + ")");
		if (profile != null) {
			AllocationProfile.SurvivorGroup survivor = profile.survivors().groups().isEmpty() ? null
					: profile.survivors().groups().get(0);
			if (survivor != null) {
				print("survivorType", survivor.type());
				print("survivorSite", survivor.site());
				print("survivorShare", survivor.share());
			}
			print("survivorSamples", profile.survivors().samples());
			print("allocationSamples", profile.allocations().samples());
			print("allocationSites",
					profile.allocations()
						.sites()
						.stream()
						.map((site) -> site.type() + "@" + site.site())
						.reduce((a, b) -> a + ";" + b)
						.orElse(""));
			Files.write(Path.of(args[0]), profiler.pprof(OptionalLong.of(cache.bytes)).orNull());
		}
		profiler.close();
	}

	private static boolean done(AllocationProfile profile) {
		boolean survivors = profile.survivors().unavailable() != null || (!profile.survivors().groups().isEmpty()
				&& profile.survivors().groups().get(0).type().equals("byte[]"));
		return survivors && profile.allocations().samples() >= 20;
	}

	private static void print(String key, Object value) {
		System.out.println(key + "=" + value);
	}

	/**
	 * The leak: a cache that only grows.
	 */
	static final class ReportCache {

		static volatile int line;

		private final List<byte[]> reports = new ArrayList<>();

		private long bytes;

		void remember(int size) {
			line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
			byte[] report = new byte[size];
			this.reports.add(report);
			this.bytes += size;
		}

	}

}
