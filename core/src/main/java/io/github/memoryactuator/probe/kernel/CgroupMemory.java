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

import java.util.OptionalLong;

/**
 * The memory figures of the cgroup the process runs in.
 *
 * @param version the cgroup version, 1 or 2
 * @param limit the effective limit: the tightest of this cgroup's and its ancestors'
 * @param usage the memory charged to the cgroup, page cache included
 * @param inactiveFile inactive page cache, which the kernel reclaims first
 * ({@code inactive_file}); usage minus this is the kubelet's "working set"
 * @since 0.1.0
 */
public record CgroupMemory(int version, CgroupLimits.Limit limit, long usage, OptionalLong inactiveFile) {

	/**
	 * Return usage minus inactive page cache, as the kubelet computes the working set.
	 * @return the working set, or empty when {@code inactive_file} is unknown
	 */
	public OptionalLong workingSet() {
		if (this.inactiveFile.isEmpty()) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Math.max(0, this.usage - this.inactiveFile.getAsLong()));
	}

}
