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

package io.github.memoryactuator.reclaim;

/**
 * What {@code System.trim_native_heap} said it did, in bytes. The JVM rounds each figure
 * down to its unit ({@code 363M}), so they are approximate.
 *
 * @param rssBefore the process's RSS plus swap before the trim
 * @param rssAfter the process's RSS plus swap after the trim
 * @param released what the trim gave back: positive when RSS fell, negative when it grew
 * @since 0.1.0
 */
public record NativeTrim(long rssBefore, long rssAfter, long released) {

}
