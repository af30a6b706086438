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

package io.github.memoryactuator.preoom;

import java.time.Instant;

import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.watch.ChargedMemory;

/**
 * A warning of the {@link PreOomWatch}: what it logged, the sample that crossed the
 * threshold, and the gauge-depth snapshot it took then, which the quick report carries.
 *
 * @param text the logged line
 * @param sample the sample that crossed the threshold
 * @param snapshot the gauge-depth snapshot taken for the verdict, right after the sample
 * @param warnedAt when the line was put together
 * <p>
 * Internal: public only for the ground-truth tests; not API.
 * @since 0.1.0
 */
public record PreOomWarning(String text, ChargedMemory sample, GaugeSnapshot snapshot, Instant warnedAt) {

}
