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

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Told about every sample the {@link MemoryWatch} takes, on the watch's thread.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WatchListener {

	/**
	 * What a listener answers when it needs no sample before the watch's interval.
	 */
	Duration NO_HURRY = ChronoUnit.FOREVER.getDuration();

	/**
	 * Look at one sample and say how soon the next one is needed. Runs on the watch's
	 * only thread: it must return at once and hand anything slow to a thread of its own.
	 * @param sample the sample
	 * @return the longest wait before the next sample that this listener accepts;
	 * {@link #NO_HURRY} leaves it to the watch's interval. The watch never samples more
	 * often than every {@link MemoryWatch#MIN_INTERVAL}.
	 */
	Duration onSample(ChargedMemory sample);

}
