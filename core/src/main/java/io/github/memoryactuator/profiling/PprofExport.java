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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * Writes the samples as a pprof profile (google/pprof's {@code proto/profile.proto}),
 * gzipped as the format asks: what {@code go tool pprof} reads and Grafana Pyroscope
 * ingests. Four sample types, as in Go's heap profiles: {@code alloc_objects} and
 * {@code alloc_space} from the allocation samples of the window, {@code inuse_objects}
 * and {@code inuse_space} from the surviving old-object samples. The allocated type is a
 * string label, {@code object}, on every sample; the leaf of each stack is the allocating
 * method. Comments in the profile say how each figure is estimated.
 */
final class PprofExport {

	// profile.proto field numbers.
	private static final int PROFILE_SAMPLE_TYPE = 1;

	private static final int PROFILE_SAMPLE = 2;

	private static final int PROFILE_MAPPING = 3;

	private static final int PROFILE_LOCATION = 4;

	private static final int PROFILE_FUNCTION = 5;

	private static final int PROFILE_STRING_TABLE = 6;

	private static final int PROFILE_TIME_NANOS = 9;

	private static final int PROFILE_DURATION_NANOS = 10;

	private static final int PROFILE_PERIOD_TYPE = 11;

	private static final int PROFILE_PERIOD = 12;

	private static final int PROFILE_COMMENT = 13;

	private static final int PROFILE_DEFAULT_SAMPLE_TYPE = 14;

	private static final int VALUE_TYPE_TYPE = 1;

	private static final int VALUE_TYPE_UNIT = 2;

	private static final int SAMPLE_LOCATION_ID = 1;

	private static final int SAMPLE_VALUE = 2;

	private static final int SAMPLE_LABEL = 3;

	private static final int LABEL_KEY = 1;

	private static final int LABEL_STR = 2;

	private static final int MAPPING_ID = 1;

	private static final int MAPPING_FILENAME = 5;

	private static final int MAPPING_HAS_FUNCTIONS = 7;

	private static final int MAPPING_HAS_FILENAMES = 8;

	private static final int MAPPING_HAS_LINE_NUMBERS = 9;

	private static final int LOCATION_ID = 1;

	private static final int LOCATION_MAPPING_ID = 2;

	private static final int LOCATION_LINE = 4;

	private static final int LINE_FUNCTION_ID = 1;

	private static final int LINE_LINE = 2;

	private static final int FUNCTION_ID = 1;

	private static final int FUNCTION_NAME = 2;

	private static final int FUNCTION_SYSTEM_NAME = 3;

	private static final int FUNCTION_FILENAME = 4;

	private PprofExport() {
	}

	static byte[] gzip(AllocationAggregator.Totals allocations, SurvivorCollector.@Nullable Harvest survivors,
			OptionalLong liveSet, Instant now, @Nullable String survivorsUnavailable) {
		byte[] profile = encode(allocations, survivors, liveSet, now, survivorsUnavailable);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(profile.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(profile);
		}
		catch (IOException ex) {
			// A ByteArrayOutputStream does not throw.
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static byte[] encode(AllocationAggregator.Totals allocations, SurvivorCollector.@Nullable Harvest survivors,
			OptionalLong liveSet, Instant now, @Nullable String survivorsUnavailable) {
		Map<SampledStack, long[]> values = new LinkedHashMap<>();
		for (Map.Entry<SampledStack, long[]> entry : allocations.stacks().entrySet()) {
			long[] sample = values.computeIfAbsent(entry.getKey(), (key) -> new long[4]);
			sample[0] += entry.getValue()[0];
			sample[1] += entry.getValue()[1];
		}
		List<SurvivorSample> alive = (survivors != null) ? survivors.samples() : List.of();
		for (SurvivorSample sample : alive) {
			values.computeIfAbsent(sample.stack(), (key) -> new long[4])[2]++;
		}
		shareOutInUse(values, alive, liveSet);

		Strings strings = new Strings();
		ProtoWriter profile = new ProtoWriter();
		valueType(profile, PROFILE_SAMPLE_TYPE, strings, "alloc_objects", "count");
		valueType(profile, PROFILE_SAMPLE_TYPE, strings, "alloc_space", "bytes");
		valueType(profile, PROFILE_SAMPLE_TYPE, strings, "inuse_objects", "count");
		valueType(profile, PROFILE_SAMPLE_TYPE, strings, "inuse_space", "bytes");
		long objectKey = strings.index("object");
		Map<Frame, Long> locations = new LinkedHashMap<>();
		Map<String, Long> functions = new LinkedHashMap<>();
		for (Map.Entry<SampledStack, long[]> entry : values.entrySet()) {
			List<Frame> frames = entry.getKey().frames();
			long[] ids = new long[frames.size()];
			for (int i = 0; i < ids.length; i++) {
				Frame frame = frames.get(i);
				ids[i] = locations.computeIfAbsent(frame, (key) -> (long) locations.size() + 1);
				functions.computeIfAbsent(frame.function(), (key) -> (long) functions.size() + 1);
			}
			ProtoWriter sample = new ProtoWriter().packed(SAMPLE_LOCATION_ID, ids)
				.packed(SAMPLE_VALUE, entry.getValue());
			sample.message(SAMPLE_LABEL, new ProtoWriter().int64(LABEL_KEY, objectKey)
				.int64(LABEL_STR, strings.index(entry.getKey().type())));
			profile.message(PROFILE_SAMPLE, sample);
		}
		// One mapping for the whole JVM, marked as symbolized: pprof then neither looks
		// for a binary nor tries to symbolize addresses (there are none).
		profile.message(PROFILE_MAPPING,
				new ProtoWriter().int64(MAPPING_ID, 1)
					.int64(MAPPING_FILENAME, strings.index("jvm"))
					.bool(MAPPING_HAS_FUNCTIONS, true)
					.bool(MAPPING_HAS_FILENAMES, true)
					.bool(MAPPING_HAS_LINE_NUMBERS, true));
		Map<String, Frame> byFunction = new HashMap<>();
		for (Frame frame : locations.keySet()) {
			byFunction.putIfAbsent(frame.function(), frame);
		}
		for (Map.Entry<Frame, Long> location : locations.entrySet()) {
			Frame frame = location.getKey();
			ProtoWriter line = new ProtoWriter().int64(LINE_FUNCTION_ID, functions.get(frame.function()))
				.int64(LINE_LINE, Math.max(0, frame.line()));
			profile.message(PROFILE_LOCATION,
					new ProtoWriter().int64(LOCATION_ID, location.getValue())
						.int64(LOCATION_MAPPING_ID, 1)
						.message(LOCATION_LINE, line));
		}
		for (Map.Entry<String, Long> function : functions.entrySet()) {
			Frame frame = byFunction.get(function.getKey());
			long name = strings.index(function.getKey());
			profile.message(PROFILE_FUNCTION,
					new ProtoWriter().int64(FUNCTION_ID, function.getValue())
						.int64(FUNCTION_NAME, name)
						.int64(FUNCTION_SYSTEM_NAME, name)
						.int64(FUNCTION_FILENAME, strings.index(frame.sourcePath())));
		}
		profile.int64(PROFILE_TIME_NANOS, now.getEpochSecond() * 1_000_000_000L + now.getNano());
		profile.int64(PROFILE_DURATION_NANOS, allocations.covered().toNanos());
		valueType(profile, PROFILE_PERIOD_TYPE, strings, "space", "bytes");
		profile.int64(PROFILE_PERIOD, 0);
		for (String comment : comments(allocations, survivors, liveSet, survivorsUnavailable)) {
			profile.int64(PROFILE_COMMENT, strings.index(comment));
		}
		profile.int64(PROFILE_DEFAULT_SAMPLE_TYPE,
				strings.index((survivors != null && !alive.isEmpty()) ? "inuse_space" : "alloc_space"));
		// The string table last: every index above is known by now.
		for (String string : strings.all()) {
			profile.string(PROFILE_STRING_TABLE, string);
		}
		return profile.toByteArray();
	}

	// inuse_space shares the live set out among the surviving samples, one share per
	// sample; without a live set, the sampled objects' own sizes where the JVM records
	// them.
	private static void shareOutInUse(Map<SampledStack, long[]> values, List<SurvivorSample> alive,
			OptionalLong liveSet) {
		if (alive.isEmpty()) {
			return;
		}
		Map<SampledStack, Long> sizes = new HashMap<>();
		for (SurvivorSample sample : alive) {
			sizes.merge(sample.stack(), sample.size().orElse(0), Long::sum);
		}
		for (Map.Entry<SampledStack, long[]> entry : values.entrySet()) {
			long[] sample = entry.getValue();
			if (sample[2] > 0) {
				sample[3] = liveSet.isPresent() ? Math.round((double) sample[2] / alive.size() * liveSet.getAsLong())
						: sizes.getOrDefault(entry.getKey(), 0L);
			}
		}
	}

	private static List<String> comments(AllocationAggregator.Totals allocations,
			SurvivorCollector.@Nullable Harvest survivors, OptionalLong liveSet, @Nullable String unavailable) {
		List<String> comments = new ArrayList<>();
		comments.add("memory-actuator allocation profile from Java Flight Recorder; every figure is an estimate "
				+ "from samples");
		comments.add("alloc_space: the weights of jdk.ObjectAllocationSample over the last "
				+ allocations.covered().toSeconds() + " s (each weight is the bytes its thread allocated since its "
				+ "previous sample); alloc_objects: samples taken, not objects");
		if (unavailable != null) {
			comments.add("inuse_objects, inuse_space: none, because " + unavailable);
		}
		else if (survivors == null) {
			comments.add("inuse_objects, inuse_space: none yet; the surviving samples have not been emitted");
		}
		else {
			comments.add("inuse_objects: objects sampled by jdk.OldObjectSample and alive at " + survivors.at()
					+ "; inuse_space: "
					+ (liveSet.isPresent()
							? "their share of the live set (" + liveSet.getAsLong() + " bytes after the latest GC)"
							: "the sampled objects' own sizes (no live set is known yet)"));
		}
		return comments;
	}

	private static void valueType(ProtoWriter profile, int field, Strings strings, String type, String unit) {
		profile.message(field, new ProtoWriter().int64(VALUE_TYPE_TYPE, strings.index(type))
			.int64(VALUE_TYPE_UNIT, strings.index(unit)));
	}

	private static final class Strings {

		private final Map<String, Long> indexes = new LinkedHashMap<>();

		Strings() {
			// The format wants "" at index 0.
			this.indexes.put("", 0L);
		}

		long index(String value) {
			return this.indexes.computeIfAbsent(value, (key) -> (long) this.indexes.size());
		}

		Iterable<String> all() {
			return this.indexes.keySet();
		}

	}

}
