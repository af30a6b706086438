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

/**
 * What one scenario request did. Sizes are bytes.
 *
 * @param scenario the scenario, as in its path
 * @param summary one line in plain words
 * @param allocatedBytes how much this request allocated
 * @param freedBytes how much this request freed or dropped
 * @param retainedBytes how much of this request's allocation is still held
 * @param threads how many threads this request used, started or ended
 * @param durationMillis how long it took
 * @param held what all scenarios hold now
 * @since 0.1.0
 */
public record ScenarioReport(String scenario, String summary, long allocatedBytes, long freedBytes, long retainedBytes,
		int threads, long durationMillis, StoryState.Held held) {
}
