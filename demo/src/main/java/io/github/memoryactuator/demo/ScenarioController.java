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

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scenarios of the story, one {@code POST} each. Every size is checked against a
 * bound before anything is allocated, so a bad request is an HTTP 400 that names the
 * parameter, never an {@link OutOfMemoryError}.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/scenario")
public class ScenarioController {

	static final int MAX_CHURN_MEGABYTES = 2048;

	static final int MAX_LEAK_MEGABYTES = 1024;

	static final int MAX_NATIVE_MEGABYTES = 2048;

	static final int MAX_NATIVE_THREADS = 64;

	static final int MAX_DIRECT_MEGABYTES = 1024;

	static final int MAX_THREADS = 2000;

	static final int MAX_GROW_MEGABYTES_PER_SECOND = 1024;

	private final StoryState state;

	/**
	 * Create the controller.
	 * @param state where the scenarios run and what they hold
	 */
	public ScenarioController(StoryState state) {
		this.state = state;
	}

	/**
	 * What the scenarios currently hold, and the caps.
	 * @return the holdings and the limits
	 */
	@GetMapping
	public Story story() {
		return new Story(this.state.held(), this.state.limits());
	}

	/**
	 * Allocate short-lived arrays and keep none: the committed heap grows, the live set
	 * does not.
	 * @param megabytes how much garbage to make, 1 to {@value #MAX_CHURN_MEGABYTES}
	 * @return what was done
	 */
	@PostMapping("/heap-churn")
	public ScenarioReport heapChurn(@RequestParam(defaultValue = "512") int megabytes) {
		return this.state.heapChurn(check("megabytes", megabytes, MAX_CHURN_MEGABYTES));
	}

	/**
	 * Add to a retained set that grows with every call, up to half the maximum heap.
	 * @param megabytes how much to add, 1 to {@value #MAX_LEAK_MEGABYTES}
	 * @param shape {@code arrays} (of 256 KB) or {@code objects} (of about 52 bytes,
	 * which make every marking of the heap cost more)
	 * @return what was done
	 */
	@PostMapping("/heap-leak")
	public ScenarioReport heapLeak(@RequestParam(defaultValue = "64") int megabytes,
			@RequestParam(defaultValue = "arrays") String shape) {
		if (!shape.equals("arrays") && !shape.equals("objects")) {
			throw ScenarioException.badParameter("shape", "'shape' must be arrays or objects, but was " + shape);
		}
		return this.state.heapLeak(check("megabytes", megabytes, MAX_LEAK_MEGABYTES), shape.equals("objects"));
	}

	/**
	 * Render reports into a cache that never evicts: a leak through a named class at a
	 * named site, for allocation profiling to find.
	 * @param megabytes how much to add, 1 to {@value #MAX_LEAK_MEGABYTES}
	 * @return what was done
	 */
	@PostMapping("/report-leak")
	public ScenarioReport reportLeak(@RequestParam(defaultValue = "16") int megabytes) {
		return this.state.reportLeak(check("megabytes", megabytes, MAX_LEAK_MEGABYTES));
	}

	/**
	 * Drop the retained set.
	 * @return what was done
	 */
	@PostMapping("/heap-leak/release")
	public ScenarioReport releaseHeapLeak() {
		return this.state.releaseHeapLeak();
	}

	/**
	 * Malloc from many threads and free about 92%, leaving RSS near the peak.
	 * @param megabytes how much to allocate in total, 1 to {@value #MAX_NATIVE_MEGABYTES}
	 * @param threads how many threads, 1 to {@value #MAX_NATIVE_THREADS}
	 * @return what was done
	 */
	@PostMapping("/native-churn")
	public ScenarioReport nativeChurn(@RequestParam(defaultValue = "256") int megabytes,
			@RequestParam(defaultValue = "16") int threads) {
		return this.state.nativeChurn(check("megabytes", megabytes, MAX_NATIVE_MEGABYTES),
				check("threads", threads, MAX_NATIVE_THREADS));
	}

	/**
	 * Malloc native memory and keep it: a native leak, one call at a time.
	 * @param megabytes how much, 1 to {@value #MAX_NATIVE_MEGABYTES}
	 * @return what was done
	 */
	@PostMapping("/native-leak")
	public ScenarioReport nativeLeak(@RequestParam(defaultValue = "8") int megabytes) {
		return this.state.nativeLeak(check("megabytes", megabytes, MAX_NATIVE_MEGABYTES));
	}

	/**
	 * Grow the retained heap or native memory at a steady pace on a thread of the demo's
	 * own, without further requests: a leak that does not wait, up to the kernel's kill
	 * when the cap is above the container's limit.
	 * @param source {@code heap} or {@code native}
	 * @param megabytesPerSecond the pace, 1 to {@value #MAX_GROW_MEGABYTES_PER_SECOND}
	 * @param megabytes how much to add in all, 1 to {@value #MAX_NATIVE_MEGABYTES}; the
	 * caps of the heap and native leaks still hold
	 * @return what was started
	 */
	@PostMapping("/grow")
	public ScenarioReport grow(@RequestParam String source, @RequestParam int megabytesPerSecond,
			@RequestParam int megabytes) {
		StoryState.Source parsed = switch (source) {
			case "heap" -> StoryState.Source.HEAP;
			case "native" -> StoryState.Source.NATIVE;
			default -> throw ScenarioException.badParameter("source",
					"'source' must be heap or native, but was '" + source + "'");
		};
		return this.state.grow(parsed, check("megabytesPerSecond", megabytesPerSecond, MAX_GROW_MEGABYTES_PER_SECOND),
				check("megabytes", megabytes, MAX_NATIVE_MEGABYTES));
	}

	/**
	 * Allocate direct buffers of 1 MB and keep them.
	 * @param megabytes how many, 1 to {@value #MAX_DIRECT_MEGABYTES}
	 * @return what was done
	 */
	@PostMapping("/direct-buffers")
	public ScenarioReport directBuffers(@RequestParam(defaultValue = "64") int megabytes) {
		return this.state.directBuffers(check("megabytes", megabytes, MAX_DIRECT_MEGABYTES));
	}

	/**
	 * Start threads that park deep in a call stack.
	 * @param count how many, 1 to {@value #MAX_THREADS}
	 * @return what was done
	 */
	@PostMapping("/threads")
	public ScenarioReport threads(@RequestParam(defaultValue = "200") int count) {
		return this.state.threads(check("count", count, MAX_THREADS));
	}

	/**
	 * Release everything the scenarios hold.
	 * @return what was done
	 */
	/**
	 * Call {@code System.gc()}: what many services do instead of a reclaim. The
	 * benchmarks compare it with {@code POST /actuator/memory}.
	 * @return how long it took
	 */
	@PostMapping("/system-gc")
	public ScenarioReport systemGc() {
		long start = System.nanoTime();
		System.gc();
		long millis = (System.nanoTime() - start) / 1_000_000;
		return new ScenarioReport("system-gc", "System.gc() returned after " + millis + " ms", 0, 0, 0, 0, millis,
				this.state.held());
	}

	@PostMapping("/release")
	public ScenarioReport release() {
		return this.state.releaseAll();
	}

	private static int check(String parameter, int value, int max) {
		if (value < 1 || value > max) {
			throw ScenarioException.badParameter(parameter,
					"'" + parameter + "' must be between 1 and " + max + ", but was " + value);
		}
		return value;
	}

	/**
	 * The answer to {@code GET /scenario}.
	 *
	 * @param held what the scenarios hold now
	 * @param limits the caps on what they may hold at once
	 */
	public record Story(StoryState.Held held, StoryState.Limits limits) {
	}

}
