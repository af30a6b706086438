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

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Profilers for the endpoint's tests, which cannot reach the profiler's recorder seam.
 */
public final class TestProfilers {

	private TestProfilers() {
	}

	/**
	 * Return a profiler whose recorder could not start, as in a JVM without Flight
	 * Recorder, once it has said so.
	 * @param reason why it could not start
	 * @return the profiler, {@link AllocationProfiler.State#UNAVAILABLE}
	 */
	public static AllocationProfiler unavailable(String reason) {
		AllocationProfiler profiler = new AllocationProfiler(ProfilingSettings.defaults(), Clock.systemUTC(), List.of(),
				(settings, old, sink, interner) -> {
					throw new AllocationProfiler.UnavailableException(reason);
				});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> profiler.status().state() == AllocationProfiler.State.UNAVAILABLE);
		return profiler;
	}

}
