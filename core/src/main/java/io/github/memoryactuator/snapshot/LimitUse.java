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

package io.github.memoryactuator.snapshot;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;

/**
 * How much of the effective memory limit (the cgroup's, the tightest of its and its
 * parents') this process uses, as the kernel weighs it when it picks what to kill: the
 * cgroup's usage less the page cache it can drop, or RSS where that is larger (a cgroup
 * shared with other processes is not ours alone).
 *
 * @param used the bytes weighed against the limit
 * @param limit the effective limit in bytes
 * @param rss the resident set size, 0 when it could not be read
 * @param cgroupUsage the cgroup's usage, page cache included
 * @since 0.1.0
 */
public record LimitUse(long used, long limit, long rss, long cgroupUsage) {

	/**
	 * Why there is no share when the cgroup sets no limit.
	 */
	public static final String NO_LIMIT = "no memory limit: neither the cgroup nor its parents set one";

	/**
	 * Return the use of the limit in a gauge-depth snapshot.
	 * @param snapshot the snapshot
	 * @return the use, or why there is none (no limit, or the cgroup could not be read)
	 */
	public static Reading<LimitUse> of(GaugeSnapshot snapshot) {
		ProcStatus status = snapshot.process().orNull();
		return of(snapshot, (status != null) ? status.rss() : 0);
	}

	/**
	 * Return the use of the limit in a gauge-depth snapshot, with an RSS read elsewhere
	 * (a breakdown's).
	 * @param snapshot the snapshot
	 * @param rss the resident set size, 0 when unknown
	 * @return the use, or why there is none (no limit, or the cgroup could not be read)
	 */
	public static Reading<LimitUse> of(GaugeSnapshot snapshot, long rss) {
		return of(snapshot.container(), rss);
	}

	/**
	 * Return the use of the limit from a cgroup reading and an RSS read beside it.
	 * @param container the cgroup's figures, or why they could not be read
	 * @param rss the resident set size, 0 when unknown
	 * @return the use, or why there is none (no limit, or the cgroup could not be read)
	 */
	public static Reading<LimitUse> of(Reading<CgroupMemory> container, long rss) {
		return container.flatMap((cgroup) -> of(cgroup, rss));
	}

	/**
	 * Return the bytes the kernel weighs for this process: under a limit, the cgroup's
	 * usage less the page cache it can drop, or RSS where that is larger; without one,
	 * RSS.
	 * <p>
	 * A cgroup without a limit is often shared (the root cgroup of a host, a systemd
	 * slice): its working set is every member's, and no limit weighs it.
	 * @param cgroup the cgroup's figures
	 * @param rss the resident set size, 0 when unknown
	 * @return the bytes
	 */
	public static long charged(CgroupMemory cgroup, long rss) {
		if (cgroup.limit().isUnlimited()) {
			return rss;
		}
		return Math.max(rss, cgroup.workingSet().orElse(cgroup.usage()));
	}

	private static Reading<LimitUse> of(CgroupMemory cgroup, long rss) {
		if (cgroup.limit().isUnlimited()) {
			return Reading.unavailable(Reading.Cause.MISSING, NO_LIMIT);
		}
		return Reading.of(new LimitUse(charged(cgroup, rss), cgroup.limit().bytes().getAsLong(), rss, cgroup.usage()));
	}

	/**
	 * Return the share of the limit in use.
	 * @return used / limit, 0 for a limit of 0
	 */
	public double share() {
		return (this.limit > 0) ? (double) this.used / this.limit : 0;
	}

}
