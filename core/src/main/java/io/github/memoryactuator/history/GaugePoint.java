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

package io.github.memoryactuator.history;

import java.time.Instant;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.softlimit.SoftLimitState;

/**
 * The cheap figures of the process at one moment, as the history keeps them. Sizes are
 * bytes.
 *
 * @param time when the figures were read
 * @param rss resident set size, empty where {@code /proc} cannot be read
 * @param rssAnon resident anonymous memory
 * @param rssFile resident file-backed memory
 * @param heapUsed heap used
 * @param heapCommitted heap committed
 * @param live the live set at that moment (from the most recent collection that marked
 * the old generation), empty before the first
 * @param headroomRatio the GC headroom ratio at that moment, {@code NaN} before the first
 * live-set reading
 * @param containerUsage memory charged to the cgroup, empty without a readable cgroup
 * @param containerLimit the cgroup's effective memory limit, empty without one
 * @param softLimitTarget the soft limit's target at that moment, empty when none was set
 * @param softLimitState the soft limit's state at that moment, {@code null} when no
 * target was set
 * @since 0.1.0
 */
public record GaugePoint(Instant time, OptionalLong rss, OptionalLong rssAnon, OptionalLong rssFile, long heapUsed,
		long heapCommitted, OptionalLong live, double headroomRatio, OptionalLong containerUsage,
		OptionalLong containerLimit, OptionalLong softLimitTarget, @Nullable SoftLimitState softLimitState) {

}
