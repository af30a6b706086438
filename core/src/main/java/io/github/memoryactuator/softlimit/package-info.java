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
 * The soft memory limit, the JVM's analog of Go's {@code GOMEMLIMIT}: a controller that
 * keeps the memory the kernel charges to this process under a target by the JVM's own
 * means (a collection that resizes the heap, {@code SoftMaxHeapSize}, the glibc trim),
 * within a budget of GC CPU, and that says plainly when the target cannot be kept. Not a
 * hard limit and no promise against the OOM killer.
 */
@NullMarked
package io.github.memoryactuator.softlimit;

import org.jspecify.annotations.NullMarked;
