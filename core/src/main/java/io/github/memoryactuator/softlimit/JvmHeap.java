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

package io.github.memoryactuator.softlimit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.liveset.LiveSet;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.reclaim.NativeTrim;
import io.github.memoryactuator.reclaim.TrimOutputParser;

/**
 * What the controller reads from the JVM at each tick (MXBean figures, no {@code /proc})
 * and the two commands it runs. An interface so that the controller's rules can be tested
 * against a heap that behaves as the findings measured.
 */
interface JvmHeap {

	/**
	 * Return the committed heap.
	 * @return bytes
	 */
	long heapCommitted();

	/**
	 * Return the committed non-heap pools (metaspace, code cache): a lower bound of the
	 * non-heap memory.
	 * @return bytes
	 */
	long nonHeapCommitted();

	/**
	 * Return the heap after the most recent collection that measured the live set (a full
	 * collection, the end of a marking cycle), the latest collection where none does, or
	 * {@code null} before any.
	 * @return the point
	 */
	LiveSet.@Nullable Point live();

	/**
	 * Return the heap used after the most recent collection of any kind: an upper bound
	 * of the live set that, unlike a live-set reading, follows a live set that grows
	 * between full collections.
	 * @return bytes, 0 before any collection
	 */
	long liveUpperBound();

	/**
	 * Run a collection ({@code GC.run}): a full collection under G1, Parallel and Serial,
	 * a concurrent cycle under ZGC and Shenandoah.
	 * @return whether it ran
	 */
	boolean collect();

	/**
	 * Give freed native memory back ({@code System.trim_native_heap}).
	 * @return what the JVM said it released, or why it did not run
	 */
	Reading<NativeTrim> trim();

	/**
	 * Return whether this JVM has {@code System.trim_native_heap}.
	 * @return whether a trim can run
	 */
	boolean canTrim();

	static JvmHeap platform(DiagnosticCommands commands, Supplier<LiveSet> liveSet) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		return new JvmHeap() {

			@Override
			public long heapCommitted() {
				return memory.getHeapMemoryUsage().getCommitted();
			}

			@Override
			public long nonHeapCommitted() {
				return memory.getNonHeapMemoryUsage().getCommitted();
			}

			@Override
			public LiveSet.@Nullable Point live() {
				LiveSet set = liveSet.get();
				// Shenandoah's cycles give upper bounds only, and never a reading: its
				// latest cycle is then the best figure there is.
				LiveSet.Point reading = set.liveSet();
				return (reading != null) ? reading : set.latest();
			}

			@Override
			public long liveUpperBound() {
				LiveSet.Point latest = liveSet.get().latest();
				return (latest != null) ? latest.bytes() : 0;
			}

			@Override
			public boolean collect() {
				return commands.invoke(DiagnosticCommands.GC_RUN).isAvailable();
			}

			@Override
			public Reading<NativeTrim> trim() {
				return commands.invoke(DiagnosticCommands.TRIM_NATIVE_HEAP).flatMap(TrimOutputParser::parse);
			}

			@Override
			public boolean canTrim() {
				return commands.supports(DiagnosticCommands.TRIM_NATIVE_HEAP);
			}

		};
	}

}
