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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;

import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;

/**
 * Captures a {@link GaugeSnapshot} from the cheap sources.
 *
 * @since 0.1.0
 */
public class GaugeSnapshotter implements AutoCloseable {

	private final ProcStatusReader status;

	private final CgroupMemoryReader cgroup;

	private final JvmMemoryReader jvm;

	private final LiveSetTracker liveSet;

	private final List<String> collectors;

	private final Clock clock;

	/**
	 * Create a snapshotter over the given readers.
	 * @param status the {@code /proc/self/status} reader
	 * @param cgroup the cgroup reader
	 * @param jvm the MXBean reader
	 * @param liveSet the live-set tracker
	 * @param collectors the collector names
	 * @param clock the clock that stamps snapshots
	 */
	public GaugeSnapshotter(ProcStatusReader status, CgroupMemoryReader cgroup, JvmMemoryReader jvm,
			LiveSetTracker liveSet, List<String> collectors, Clock clock) {
		this.status = status;
		this.cgroup = cgroup;
		this.jvm = jvm;
		this.liveSet = liveSet;
		this.collectors = List.copyOf(collectors);
		this.clock = clock;
	}

	/**
	 * Return the names of the running JVM's collectors.
	 * @return the names
	 */
	public static List<String> platformCollectors() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
	}

	/**
	 * Read every cheap source once.
	 * @return the snapshot
	 */
	public GaugeSnapshot capture() {
		return new GaugeSnapshot(this.clock.instant(), this.status.read(), this.jvm.read(),
				new GaugeSnapshot.Gc(this.collectors, this.liveSet.liveSet()), this.cgroup.read());
	}

	/**
	 * Close the files the readers keep open.
	 */
	@Override
	public void close() {
		this.status.close();
		this.cgroup.close();
	}

}
