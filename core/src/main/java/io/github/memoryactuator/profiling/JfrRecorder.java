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

package io.github.memoryactuator.profiling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.hotspot.TypeNames;

/**
 * The only class that touches {@code jdk.jfr}: an in-process {@link RecordingStream} with
 * {@code jdk.ObjectAllocationSample} (throttled) and, where the collector allows it,
 * {@code jdk.OldObjectSample} with stack traces. Loaded only when profiling starts.
 * <p>
 * The JVM writes old-object samples only when a recording stops, never periodically (a
 * design choice of Flight Recorder, to keep chunk rotation cheap). So a harvest starts
 * and stops a second, empty recording that enables the event: its stop makes the JVM emit
 * every live sample into the stream. The cutoff is 0: no search for paths to GC roots,
 * which would need a safepoint and a walk of the heap.
 */
final class JfrRecorder implements AllocationProfiler.Recorder {

	static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";

	static final String OLD_OBJECT_SAMPLE = "jdk.OldObjectSample";

	// Flight Recorder's own default depth; deeper frames are already cut by the JVM.
	private static final int MAX_DEPTH = 64;

	// Java thread ids are never reused, so forgetting them all now and then costs one
	// more skipped sample per thread, no wrong weight.
	private static final int MAX_THREADS = 65_536;

	private final RecordingStream stream;

	private final AllocationProfiler.Sink sink;

	private final FrameInterner interner;

	// Used on the stream's thread only.
	private final Set<Long> sampledThreads = new HashSet<>();

	private JfrRecorder(RecordingStream stream, AllocationProfiler.Sink sink, FrameInterner interner) {
		this.stream = stream;
		this.sink = sink;
		this.interner = interner;
	}

	/**
	 * Start recording.
	 * @param settings the sampling rate
	 * @param oldObjects whether to sample surviving objects too
	 * @param sink where the samples go
	 * @param interner shares frames among stacks; used on the stream's thread only
	 * @return the running recorder
	 * @throws AllocationProfiler.UnavailableException if Flight Recorder cannot record
	 */
	static AllocationProfiler.Recorder start(ProfilingSettings settings, boolean oldObjects,
			AllocationProfiler.Sink sink, FrameInterner interner) throws AllocationProfiler.UnavailableException {
		if (!FlightRecorder.isAvailable()) {
			throw new AllocationProfiler.UnavailableException(
					"Flight Recorder is not available in this JVM (started with -XX:-FlightRecorder, or built "
							+ "without it)");
		}
		RecordingStream stream;
		try {
			stream = new RecordingStream();
		}
		catch (IllegalStateException | SecurityException ex) {
			throw new AllocationProfiler.UnavailableException(
					"Flight Recorder cannot record here: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		JfrRecorder recorder = new JfrRecorder(stream, sink, interner);
		try {
			stream.enable(ALLOCATION_SAMPLE)
				.with("throttle", settings.allocationSamplesPerSecond() + "/s")
				.withStackTrace();
			if (oldObjects) {
				stream.enable(OLD_OBJECT_SAMPLE).with("cutoff", "0 ns").withStackTrace();
				stream.onEvent(OLD_OBJECT_SAMPLE, recorder::survivor);
			}
			stream.onEvent(ALLOCATION_SAMPLE, recorder::allocation);
			stream.onFlush(sink::flushed);
			// The stream reads what the JVM writes to its disk repository about once a
			// second; a minute of chunks is plenty to catch up after a pause.
			stream.setMaxAge(Duration.ofMinutes(1));
			stream.setReuse(true);
			stream.setOrdered(false);
			stream.startAsync();
		}
		catch (RuntimeException ex) {
			stream.close();
			throw new AllocationProfiler.UnavailableException(
					"Flight Recorder did not start: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		return recorder;
	}

	@Override
	public void harvest() {
		// Must not run on the stream's thread: Flight Recorder ignores events written by
		// its own threads, and the emission would be lost.
		try (Recording trigger = new Recording()) {
			trigger.setName("memory-actuator survivors");
			trigger.setToDisk(false);
			trigger.enable(OLD_OBJECT_SAMPLE).with("cutoff", "0 ns").withStackTrace();
			trigger.start();
			trigger.stop();
		}
	}

	@Override
	public void close() {
		this.stream.close();
	}

	private void allocation(RecordedEvent event) {
		try {
			if (firstOfItsThread(event.getThread())) {
				return;
			}
			this.sink.allocation(stack(type(event.getClass("objectClass")), event.getStackTrace()),
					event.getLong("weight"));
		}
		catch (RuntimeException ex) {
			this.sink.unreadable(ex);
		}
	}

	private void survivor(RecordedEvent event) {
		try {
			RecordedObject object = event.getValue("object");
			String type = type((object != null) ? object.getClass("type") : null);
			Duration age = event.hasField("objectAge") ? event.getDuration("objectAge")
					: Duration.between(event.getInstant("allocationTime"), event.getStartTime());
			OptionalLong size = event.hasField("objectSize") ? OptionalLong.of(event.getLong("objectSize"))
					: OptionalLong.empty();
			this.sink.survivor(new SurvivorSample(stack(type, event.getStackTrace()), age, size));
		}
		catch (RuntimeException ex) {
			this.sink.unreadable(ex);
		}
	}

	// A sample's weight is what its thread allocated since its previous sample, and for a
	// thread's first sample since the thread started: at start-up, hundreds of MB that
	// were allocated before sampling began. So each thread's first sample is left out.
	private boolean firstOfItsThread(@Nullable RecordedThread thread) {
		if (thread == null) {
			return false;
		}
		if (this.sampledThreads.size() >= MAX_THREADS) {
			this.sampledThreads.clear();
		}
		return this.sampledThreads.add(thread.getJavaThreadId());
	}

	private String type(@Nullable RecordedClass type) {
		return (type != null) ? this.interner.name(TypeNames.javaName(type.getName())) : "unknown";
	}

	private SampledStack stack(String type, @Nullable RecordedStackTrace trace) {
		if (trace == null) {
			return new SampledStack(type, List.of());
		}
		List<RecordedFrame> frames = trace.getFrames();
		int depth = Math.min(frames.size(), MAX_DEPTH);
		List<Frame> stack = new ArrayList<>(depth);
		for (int i = 0; i < depth; i++) {
			RecordedFrame frame = frames.get(i);
			RecordedMethod method = frame.getMethod();
			if (method == null || method.getType() == null) {
				continue;
			}
			Frame shared = this.interner.frame(method.getType().getName(), method.getName(), frame.getLineNumber());
			if (shared == null) {
				// The interner is full: keep the top of the stack, where the site is, and
				// let the callers below go, as Flight Recorder itself does past its
				// depth.
				break;
			}
			stack.add(shared);
		}
		return new SampledStack(type, stack);
	}

}
