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

import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;

/**
 * Opens one sample of a {@link MemoryWatch} to the benchmarks, without its thread: what
 * the watch's thread pays for each sample.
 */
public final class WatchSamples {

	private final MemoryWatch watch;

	/**
	 * Create a watch over the given root that never starts its thread.
	 * @param root the file system root
	 */
	public WatchSamples(Path root) {
		this.watch = new MemoryWatch(new ProcStatusReader(root), new CgroupMemoryReader(root), Clock.systemUTC(),
				System::nanoTime, (loop) -> new Thread(loop), new PauseGrowth());
	}

	/**
	 * Take one sample, as the watch's thread does.
	 * @return the sample, or {@code null} when nothing could be read
	 */
	public Object sample() {
		return this.watch.sample();
	}

}
