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

package io.github.memoryactuator.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.jvm.JvmMemory;
import io.github.memoryactuator.probe.kernel.CgroupMemory;
import io.github.memoryactuator.probe.kernel.ProcStatus;
import io.github.memoryactuator.snapshot.GaugeSnapshot;

/**
 * The sections of {@code /actuator/memory} read from the gauge-depth snapshot:
 * {@code process}, {@code jvm}, {@code gc} and {@code container}. Sizes are bytes; a part
 * that could not be read is left out and its reason given under {@code unavailable}.
 *
 * @since 0.1.0
 */
public final class GaugeSections {

	private GaugeSections() {
	}

	static @Nullable Long bytes(OptionalLong value) {
		return value.isPresent() ? value.getAsLong() : null;
	}

	/**
	 * The {@code process} section: {@code /proc/self/status}.
	 *
	 * @param rss resident set size (VmRSS), approximate on large machines
	 * @param rssAnon resident anonymous memory
	 * @param rssFile resident file-backed memory
	 * @param rssShmem resident shared memory
	 * @param swap swapped-out memory
	 * @param peakRss peak resident set size (VmHWM)
	 * @param osThreads OS threads of the process, JVM-internal threads included
	 * @param unavailable why the figures are missing, or {@code null}
	 */
	public record ProcessSection(@Nullable Long rss, @Nullable Long rssAnon, @Nullable Long rssFile,
			@Nullable Long rssShmem, @Nullable Long swap, @Nullable Long peakRss, @Nullable Long osThreads,
			@Nullable String unavailable) implements OperationResponseBody {

		static ProcessSection of(Reading<ProcStatus> reading) {
			ProcStatus s = reading.orNull();
			if (s == null) {
				return new ProcessSection(null, null, null, null, null, null, null, reading.reason());
			}
			return new ProcessSection(s.rss(), bytes(s.rssAnon()), bytes(s.rssFile()), bytes(s.rssShmem()),
					bytes(s.swap()), bytes(s.peakRss()), bytes(s.threads()), null);
		}

	}

	/**
	 * The {@code jvm} section: the memory MXBeans and the live set.
	 *
	 * @param heap the heap
	 * @param live the live set: heap used right after the latest collection that
	 * collected or marked the old generation, {@code null} before the first
	 * @param nonHeap the non-heap pools
	 * @param buffers the NIO buffer pools
	 * @param threads Java thread counts
	 * @param committedTotal heap + non-heap committed + direct buffers
	 * @param unavailable why {@code live} is missing, or {@code null}
	 */
	public record JvmSection(Heap heap, @Nullable Long live, NonHeap nonHeap, List<JvmMemory.BufferPool> buffers,
			Threads threads, long committedTotal, @Nullable String unavailable) implements OperationResponseBody {

		static JvmSection of(GaugeSnapshot snapshot) {
			JvmMemory jvm = snapshot.jvm();
			OptionalLong live = snapshot.live();
			return new JvmSection(
					new Heap(jvm.heapUsed(), jvm.heapCommitted(), bytes(jvm.heapMax()), pools(jvm.heapPools())),
					bytes(live), new NonHeap(jvm.nonHeapCommitted(), pools(jvm.nonHeapPools())), jvm.bufferPools(),
					new Threads(jvm.threads(), jvm.daemonThreads(), jvm.peakThreads()), snapshot.committedTotal(),
					live.isPresent() ? null : GaugeSnapshot.NO_LIVE_SET);
		}

		private static List<Pool> pools(List<JvmMemory.Pool> pools) {
			return pools.stream().map((p) -> new Pool(p.name(), p.used(), p.committed(), bytes(p.max()))).toList();
		}

	}

	/**
	 * The heap.
	 *
	 * @param used used, summed over the pools
	 * @param committed committed, summed over the pools
	 * @param max the maximum, {@code null} when undefined
	 * @param pools the heap pools
	 */
	public record Heap(long used, long committed, @Nullable Long max, List<Pool> pools) {
	}

	/**
	 * The non-heap memory.
	 *
	 * @param committed committed, summed over the pools
	 * @param pools metaspace, class space and code cache pools
	 */
	public record NonHeap(long committed, List<Pool> pools) {
	}

	/**
	 * One memory pool.
	 *
	 * @param name the JVM's name for it
	 * @param used bytes used
	 * @param committed bytes committed
	 * @param max the maximum, {@code null} when undefined
	 */
	public record Pool(String name, long used, long committed, @Nullable Long max) {
	}

	/**
	 * Java thread counts.
	 *
	 * @param live live threads
	 * @param daemon live daemon threads
	 * @param peak the most live threads since the JVM started
	 */
	public record Threads(int live, int daemon, int peak) {
	}

	/**
	 * The {@code gc} section.
	 *
	 * @param collectors the collectors, as the JVM names them
	 * @param headroomRatio (committed - live) / live, both right after the latest
	 * live-set reading; 1.0 = Go's GOGC=100; {@code null} before the first
	 * @param liveSetAt when the latest live-set reading was taken, {@code null} before
	 * the first
	 * @param upperBound heap used right after the latest collection of any kind: the live
	 * set is at most this
	 * @param liveSet the most recent collections, oldest first, each marked as a live-set
	 * reading or an upper bound
	 * @param unavailable why the ratio is missing, or {@code null}
	 */
	public record GcSection(List<String> collectors, @Nullable Double headroomRatio, @Nullable Instant liveSetAt,
			@Nullable Long upperBound, List<LivePoint> liveSet,
			@Nullable String unavailable) implements OperationResponseBody {

		static GcSection of(GaugeSnapshot snapshot) {
			double ratio = snapshot.headroomRatio();
			LiveSet liveSet = snapshot.gc().liveSet();
			LiveSet.Point reading = liveSet.liveSet();
			LiveSet.Point latest = liveSet.latest();
			List<LivePoint> points = liveSet.recent().stream().map(LivePoint::of).toList();
			return new GcSection(snapshot.gc().collectors(), Double.isNaN(ratio) ? null : ratio,
					(reading != null) ? reading.time() : null, (latest != null) ? latest.bytes() : null, points,
					(reading != null) ? null : GaugeSnapshot.NO_LIVE_SET);
		}

	}

	/**
	 * The heap right after one collection.
	 *
	 * @param time when the collection ended
	 * @param bytes heap used right after it
	 * @param committed heap committed right after it
	 * @param scope what it collected or marked: {@code full}, {@code concurrent},
	 * {@code mixed} or {@code young}
	 * @param liveSet whether {@code bytes} is a live-set reading; when {@code false} it
	 * is an upper bound (a young collection leaves the old generation's garbage, a mixed
	 * collection that of the regions it did not take, a Shenandoah cycle what it could
	 * not evacuate)
	 */
	public record LivePoint(Instant time, long bytes, long committed, String scope, boolean liveSet) {

		static LivePoint of(LiveSet.Point point) {
			return new LivePoint(point.time(), point.bytes(), point.committed(), point.scope().label(),
					point.isLiveSet());
		}

	}

	/**
	 * The {@code container} section: the memory cgroup.
	 *
	 * @param cgroupVersion 1 or 2
	 * @param limit the effective limit, {@code null} when unlimited
	 * @param unlimited whether there is no limit
	 * @param usage memory charged to the cgroup, page cache included
	 * @param workingSet usage minus inactive page cache, as the kubelet counts it
	 * @param unavailable why the figures are missing, or {@code null}
	 */
	public record ContainerSection(@Nullable Integer cgroupVersion, @Nullable Long limit, @Nullable Boolean unlimited,
			@Nullable Long usage, @Nullable Long workingSet,
			@Nullable String unavailable) implements OperationResponseBody {

		static ContainerSection of(Reading<CgroupMemory> reading) {
			CgroupMemory c = reading.orNull();
			if (c == null) {
				return new ContainerSection(null, null, null, null, null, reading.reason());
			}
			return new ContainerSection(c.version(), bytes(c.limit().bytes()), c.limit().isUnlimited(), c.usage(),
					bytes(c.workingSet()), null);
		}

	}

}
