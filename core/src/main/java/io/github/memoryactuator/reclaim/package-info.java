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

/**
 * Gives memory back to the operating system on request, the JVM's analog of Go's
 * {@code debug.FreeOSMemory()}: a full collection, a wait until the heap uncommit has
 * settled, a glibc {@code malloc_trim}, and run-time heap-shrink tuning (the analog of
 * {@code SetGCPercent}). Plain Java: the endpoint and the meters are wired on top.
 */
@NullMarked
package io.github.memoryactuator.reclaim;

import org.jspecify.annotations.NullMarked;
