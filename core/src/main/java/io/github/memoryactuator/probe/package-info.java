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
 * Readers of one memory source each: {@code /proc}, cgroup files, memory MXBeans, GC
 * notifications and HotSpot diagnostic commands. Parsing is kept apart from I/O, and a
 * source that cannot be read yields a {@link io.github.memoryactuator.probe.Reading} that
 * says why, never an exception and never {@code -1}.
 */
@NullMarked
package io.github.memoryactuator.probe;

import org.jspecify.annotations.NullMarked;
