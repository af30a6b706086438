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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.CodedInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.testing.GoPprof;
import io.github.memoryactuator.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PprofExport}: the profile decodes with protobuf-java and loads in
 * {@code go tool pprof}, which names the leaking site.
 */
class PprofExportTests {

	private static final Frame REMEMBER = new Frame("com.acme.ReportCache", "remember", 42);

	private static final Frame HANDLE = new Frame("com.acme.web.ReportController", "handle", 17);

	private static final Frame PARSE = new Frame("com.acme.Parser", "parse", 7);

	private static final Frame COPY = new Frame("java.util.Arrays", "copyOf", 3512);

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	@TempDir
	Path temp;

	@Test
	void goToolPprofNamesTheLeakingSiteInItsTopList() throws Exception {
		Path file = write(
				PprofExport.gzip(allocations(), survivors(), OptionalLong.of(200L << 20), this.clock.instant(), null));
		String top = GoPprof.run(file, "-top");
		assertThat(top).contains("Type: inuse_space");
		// The leaf of a leaking stack has the flat share: 84 of 100 survivors.
		assertThat(top).containsPattern("(?m)^\\s*168(\\.\\d+)?MB\\s+84\\.00%.*com\\.acme\\.ReportCache\\.remember$");
		String alloc = GoPprof.run(file, "-top", "-sample_index=alloc_space");
		assertThat(alloc).containsPattern("(?m)^\\s*[\\d.]+MB\\s+75\\.00%.*com\\.acme\\.Parser\\.parse$");
	}

	@Test
	void goToolPprofSeesEverySampleTypeLabelLineAndComment() throws Exception {
		Path file = write(
				PprofExport.gzip(allocations(), survivors(), OptionalLong.of(200L << 20), this.clock.instant(), null));
		String raw = GoPprof.run(file, "-raw");
		assertThat(raw).contains("alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes[dflt]");
		assertThat(raw).contains("object:[byte[]]").contains("object:[char[]]");
		assertThat(raw).contains("com.acme.ReportCache.remember com/acme/ReportCache.java:42");
		assertThat(raw).contains("java.util.Arrays.copyOf java/util/Arrays.java:3512");
		assertThat(raw).contains("Comment: alloc_space: the weights of jdk.ObjectAllocationSample over the last 60 s");
		assertThat(raw).contains("their share of the live set (209715200 bytes after the latest GC)");
		// The leaking stack carries both its allocations and its 84 survivors.
		assertThat(raw).containsPattern("(?m)^\\s+2\\s+3000000\\s+84\\s+176160768: \\d+ \\d+ $");
	}

	@Test
	void withoutSurvivorsTheDefaultIsAllocatedSpaceAndACommentSaysWhy() throws Exception {
		Path file = write(PprofExport.gzip(allocations(), null, OptionalLong.empty(), this.clock.instant(),
				OldObjectSampling.SHENANDOAH));
		String raw = GoPprof.run(file, "-raw");
		assertThat(raw).contains("alloc_space/bytes[dflt]");
		assertThat(raw).contains(
				"inuse_objects, inuse_space: none, because the JVM's leak profiler does not run " + "under Shenandoah");
	}

	@Test
	void anEmptyProfileIsStillAValidProfile() throws Exception {
		AllocationAggregator empty = new AllocationAggregator(this.clock, Duration.ofMinutes(1), 8,
				new FrameInterner(1024));
		Path file = write(PprofExport.gzip(empty.totals(), null, OptionalLong.empty(), this.clock.instant(), null));
		assertThat(GoPprof.run(file, "-top")).contains("Type: alloc_space");
	}

	@Test
	void theStringTableStartsEmptyAndEveryIndexPointsIntoIt() throws IOException {
		AllocationAggregator.Totals allocations = allocations();
		SurvivorCollector.Harvest survivors = survivors();
		byte[] profile = PprofExport.encode(allocations, survivors, OptionalLong.of(1000), this.clock.instant(), null);
		List<String> strings = new ArrayList<>();
		long maxIndex = 0;
		CodedInputStream input = CodedInputStream.newInstance(profile);
		while (!input.isAtEnd()) {
			int tag = input.readTag();
			int field = tag >>> 3;
			if (field == 6) {
				strings.add(input.readStringRequireUtf8());
			}
			else if (field == 13 || field == 14) {
				maxIndex = Math.max(maxIndex, input.readInt64());
			}
			else {
				input.skipField(tag);
			}
		}
		assertThat(strings.get(0)).isEmpty();
		assertThat(strings).doesNotHaveDuplicates();
		assertThat(maxIndex).isLessThan(strings.size());
		byte[] gzipped = PprofExport.gzip(allocations, survivors, OptionalLong.of(1000), this.clock.instant(), null);
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			assertThat(Arrays.equals(gzip.readAllBytes(), profile)).as("gunzipped equals the encoded profile").isTrue();
		}
	}

	private AllocationAggregator.Totals allocations() {
		AllocationAggregator aggregator = new AllocationAggregator(this.clock, Duration.ofMinutes(5), 64,
				new FrameInterner(1024));
		aggregator.add(new SampledStack("byte[]", List.of(REMEMBER, HANDLE)), 1_000_000);
		aggregator.add(new SampledStack("byte[]", List.of(REMEMBER, HANDLE)), 2_000_000);
		aggregator.add(new SampledStack("char[]", List.of(PARSE, HANDLE)), 9_000_000);
		aggregator.add(new SampledStack("java.lang.Object[]", List.of(COPY, PARSE)), 0);
		this.clock.advance(Duration.ofSeconds(60));
		return aggregator.totals();
	}

	private SurvivorCollector.Harvest survivors() {
		List<SurvivorSample> samples = new ArrayList<>();
		for (int i = 0; i < 84; i++) {
			samples.add(new SurvivorSample(new SampledStack("byte[]", List.of(REMEMBER, HANDLE)), Duration.ofSeconds(i),
					OptionalLong.empty()));
		}
		for (int i = 0; i < 16; i++) {
			samples.add(new SurvivorSample(new SampledStack("java.lang.String", List.of(PARSE)), Duration.ofSeconds(1),
					OptionalLong.empty()));
		}
		return new SurvivorCollector.Harvest(this.clock.instant(), samples);
	}

	private Path write(byte[] bytes) throws IOException {
		return Files.write(Files.createTempFile(this.temp, "profile", ".pb.gz"), bytes);
	}

}
