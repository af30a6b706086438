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

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One object that the JVM's leak profiler sampled at allocation and that was still alive
 * when the samples were last emitted.
 *
 * @param stack where it was allocated, and its type
 * @param age how long ago it was allocated
 * @param size the object's own size in bytes ({@code objectSize}, JDK 21 and later),
 * empty where the JVM does not record it
 * @since 0.1.0
 */
record SurvivorSample(SampledStack stack, Duration age, OptionalLong size) {

}
