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

package io.github.memoryactuator.probe.kernel;

import java.nio.file.Path;

/**
 * Where the memory controller of this process's cgroup lives.
 *
 * @param version 1 or 2
 * @param directory the cgroup's directory (absolute, under the root)
 * @param mountPoint the directory the hierarchy is mounted on, the top of any walk
 * upwards
 * <p>
 * Internal: public only for the benchmarks; not API.
 * @since 0.1.0
 */
public record CgroupLocation(int version, Path directory, Path mountPoint) {

}
