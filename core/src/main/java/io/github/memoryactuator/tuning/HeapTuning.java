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

package io.github.memoryactuator.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

/**
 * Reads and changes the heap-shrink flags at run time ({@link HeapSettings}), the JVM's
 * analog of Go's {@code debug.SetGCPercent}. A change is all or nothing: when the JVM
 * refuses a second flag, the first is set back.
 *
 * @since 0.1.0
 */
public class HeapTuning {

	static final String MIN_FLAG = "MinHeapFreeRatio";

	static final String MAX_FLAG = "MaxHeapFreeRatio";

	static final String PERIODIC_FLAG = "G1PeriodicGCInterval";

	private final VmFlags flags;

	private final CollectorKind collector;

	// A lock, not synchronized, so that a virtual thread does not pin its carrier.
	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Create an instance.
	 * @param flags the JVM's flags
	 * @param collector the running collector, which decides which flags have an effect
	 */
	public HeapTuning(VmFlags flags, CollectorKind collector) {
		this.flags = flags;
		this.collector = collector;
	}

	/**
	 * Create an instance over the running JVM.
	 * @return the instance
	 */
	public static HeapTuning platform() {
		return new HeapTuning(VmFlags.platform(), CollectorKind.fromBeanNames(GaugeSnapshotter.platformCollectors()));
	}

	/**
	 * Return the running collector.
	 * @return the collector
	 */
	public CollectorKind collector() {
		return this.collector;
	}

	/**
	 * Read any VM flag, such as {@code InitialHeapSize}, for reports.
	 * @param name the flag
	 * @return its value as the JVM prints it, or why it cannot be read
	 */
	public Reading<String> flag(String name) {
		return this.flags.read(name);
	}

	/**
	 * Return the flags that decide how far the heap shrinks under the running collector,
	 * with their values, for a diagnosis to quote. A flag that cannot be read is left
	 * out.
	 * @return the values by flag name, in a fixed order
	 */
	public Map<String, String> sizingFlags() {
		List<String> names = switch (this.collector) {
			case G1 -> List.of(MIN_FLAG, MAX_FLAG, "InitialHeapSize", PERIODIC_FLAG);
			case ZGC -> List.of("InitialHeapSize", "ZUncommitDelay");
			case SHENANDOAH, EPSILON -> List.of("InitialHeapSize");
			default -> List.of(MIN_FLAG, MAX_FLAG, "InitialHeapSize");
		};
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : names) {
			String value = this.flags.read(name).orNull();
			if (value != null) {
				values.put(name, value);
			}
		}
		return values;
	}

	public VmFlags flags() {
		return this.flags;
	}

	/**
	 * Return the flags' current values.
	 * @return the values; a flag that cannot be read is {@code null}
	 */
	public HeapSettings current() {
		Long periodic = this.flags.readNumber(PERIODIC_FLAG);
		return new HeapSettings(ratio(this.flags.readNumber(MIN_FLAG)), ratio(this.flags.readNumber(MAX_FLAG)),
				(periodic != null) ? Duration.ofMillis(periodic) : null);
	}

	/**
	 * Check a request without changing anything: ranges, the minimum against the maximum
	 * (the current one when only one is given) and whether the running collector uses the
	 * flags.
	 * @param requested the values to set
	 * @throws TuningException {@link TuningException.Kind#INVALID} for a value that is
	 * wrong in itself, {@link TuningException.Kind#CONFLICT} for one this JVM cannot
	 * honour
	 */
	public void check(HeapSettings requested) {
		plan(requested, current());
	}

	/**
	 * Set the requested flags, in an order the JVM accepts, and set any already written
	 * back when a later one fails.
	 * @param requested the values to set; {@code null} values are left as they are
	 * @return the values after the change
	 * @throws TuningException as {@link #check(HeapSettings)} does, and
	 * {@link TuningException.Kind#CONFLICT} when the JVM refuses a write
	 */
	public HeapSettings apply(HeapSettings requested) {
		if (requested.isEmpty()) {
			return current();
		}
		this.lock.lock();
		try {
			List<Write> writes = plan(requested, current());
			List<Write> done = new ArrayList<>(writes.size());
			for (Write write : writes) {
				try {
					this.flags.write(write.flag(), write.value());
					done.add(write);
				}
				catch (RuntimeException ex) {
					String rollback = rollBack(done);
					throw new TuningException(TuningException.Kind.CONFLICT, write.parameter(), "the JVM refused "
							+ write.flag() + "=" + write.value() + ": " + ex.getMessage() + rollback);
				}
			}
			return current();
		}
		finally {
			this.lock.unlock();
		}
	}

	private String rollBack(List<Write> done) {
		if (done.isEmpty()) {
			return "; nothing was changed";
		}
		List<String> failures = new ArrayList<>();
		// Reverse order: the states passed through were valid, so walking back is too.
		for (int i = done.size() - 1; i >= 0; i--) {
			Write write = done.get(i);
			try {
				this.flags.write(write.flag(), write.previous());
			}
			catch (RuntimeException ex) {
				failures.add(write.flag() + " stays " + write.value() + " (" + ex.getMessage() + ")");
			}
		}
		return failures.isEmpty() ? "; the flags set before it were set back"
				: "; setting back failed: " + String.join(", ", failures);
	}

	private List<Write> plan(HeapSettings requested, HeapSettings current) {
		Integer min = requested.minHeapFreeRatio();
		Integer max = requested.maxHeapFreeRatio();
		Duration periodic = requested.g1PeriodicGcInterval();
		checkRange(HeapSettings.MIN_HEAP_FREE_RATIO, min);
		checkRange(HeapSettings.MAX_HEAP_FREE_RATIO, max);
		if (periodic != null && periodic.isNegative()) {
			throw new TuningException(TuningException.Kind.INVALID, HeapSettings.G1_PERIODIC_GC_INTERVAL,
					"'" + HeapSettings.G1_PERIODIC_GC_INTERVAL + "' must not be negative (zero turns it off)");
		}
		if (periodic != null && !periodic.isZero()
				&& periodic.compareTo(HeapSettings.MIN_G1_PERIODIC_GC_INTERVAL) < 0) {
			throw new TuningException(TuningException.Kind.INVALID, HeapSettings.G1_PERIODIC_GC_INTERVAL,
					"'" + HeapSettings.G1_PERIODIC_GC_INTERVAL + "' must be 0 (off) or at least "
							+ HeapSettings.MIN_G1_PERIODIC_GC_INTERVAL.toSeconds() + "s, but was " + periodic.toMillis()
							+ "ms");
		}
		if (min != null && max != null && min > max) {
			throw new TuningException(TuningException.Kind.INVALID, HeapSettings.MIN_HEAP_FREE_RATIO,
					"'" + HeapSettings.MIN_HEAP_FREE_RATIO + "' (" + min + ") must not be greater than '"
							+ HeapSettings.MAX_HEAP_FREE_RATIO + "' (" + max + ")");
		}
		if ((min != null || max != null) && !this.collector.usesFreeRatios()) {
			throw new TuningException(TuningException.Kind.CONFLICT,
					(min != null) ? HeapSettings.MIN_HEAP_FREE_RATIO : HeapSettings.MAX_HEAP_FREE_RATIO,
					this.collector.displayName() + " ignores MinHeapFreeRatio and MaxHeapFreeRatio; " + uncommitHint());
		}
		if (periodic != null && this.collector != CollectorKind.G1) {
			throw new TuningException(TuningException.Kind.CONFLICT, HeapSettings.G1_PERIODIC_GC_INTERVAL,
					"G1PeriodicGCInterval only has an effect under G1; this JVM runs " + this.collector.displayName());
		}
		List<Write> writes = new ArrayList<>(3);
		if (min != null || max != null) {
			Integer currentMin = current.minHeapFreeRatio();
			Integer currentMax = current.maxHeapFreeRatio();
			if (currentMin == null || currentMax == null) {
				throw new TuningException(TuningException.Kind.CONFLICT,
						(min != null) ? HeapSettings.MIN_HEAP_FREE_RATIO : HeapSettings.MAX_HEAP_FREE_RATIO,
						"the current MinHeapFreeRatio and MaxHeapFreeRatio cannot be read, so a change cannot be"
								+ " checked or undone");
			}
			int targetMin = (min != null) ? min : currentMin;
			int targetMax = (max != null) ? max : currentMax;
			if (targetMin > targetMax) {
				boolean minGiven = (min != null);
				String parameter = minGiven ? HeapSettings.MIN_HEAP_FREE_RATIO : HeapSettings.MAX_HEAP_FREE_RATIO;
				throw new TuningException(TuningException.Kind.INVALID, parameter,
						"'" + parameter + "' (" + (minGiven ? targetMin : targetMax) + ") must not be "
								+ (minGiven ? "greater than the current MaxHeapFreeRatio (" + currentMax
										: "less than the current MinHeapFreeRatio (" + currentMin)
								+ ")");
			}
			Write minWrite = (targetMin != currentMin) ? new Write(HeapSettings.MIN_HEAP_FREE_RATIO, MIN_FLAG,
					Integer.toString(targetMin), Integer.toString(currentMin)) : null;
			Write maxWrite = (targetMax != currentMax) ? new Write(HeapSettings.MAX_HEAP_FREE_RATIO, MAX_FLAG,
					Integer.toString(targetMax), Integer.toString(currentMax)) : null;
			// The JVM checks Min <= Max after each write. Writing Min first is safe when
			// the
			// new Min fits under the current Max; otherwise the new Min is above the
			// current
			// Max (>= current Min), so the new Max (>= new Min) is above the current Min,
			// and writing Max first is safe.
			boolean minFirst = targetMin <= currentMax;
			addIfPresent(writes, minFirst ? minWrite : maxWrite);
			addIfPresent(writes, minFirst ? maxWrite : minWrite);
		}
		if (periodic != null) {
			Duration currentPeriodic = current.g1PeriodicGcInterval();
			if (currentPeriodic == null) {
				throw new TuningException(TuningException.Kind.CONFLICT, HeapSettings.G1_PERIODIC_GC_INTERVAL,
						"G1PeriodicGCInterval cannot be read on this JVM, so a change cannot be undone");
			}
			if (!periodic.equals(currentPeriodic)) {
				writes.add(new Write(HeapSettings.G1_PERIODIC_GC_INTERVAL, PERIODIC_FLAG,
						Long.toString(periodic.toMillis()), Long.toString(currentPeriodic.toMillis())));
			}
		}
		return writes;
	}

	private String uncommitHint() {
		return switch (this.collector) {
			case ZGC -> "it uncommits memory that has been unused for ZUncommitDelay";
			case SHENANDOAH -> "it uncommits regions that have been empty for ShenandoahUncommitDelay";
			case EPSILON -> "it never collects or uncommits";
			default -> "they have no effect";
		};
	}

	private static void addIfPresent(List<Write> writes, @Nullable Write write) {
		if (write != null) {
			writes.add(write);
		}
	}

	private static void checkRange(String parameter, @Nullable Integer value) {
		if (value != null && (value < 0 || value > 100)) {
			throw new TuningException(TuningException.Kind.INVALID, parameter,
					"'" + parameter + "' must be between 0 and 100, but was " + value);
		}
	}

	private static @Nullable Integer ratio(@Nullable Long value) {
		return (value != null && value >= 0 && value <= 100) ? value.intValue() : null;
	}

	private record Write(String parameter, String flag, String value, String previous) {
	}

}
