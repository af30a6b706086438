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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.Finding;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.snapshot.FullSnapshot;

/**
 * The sections of {@code /actuator/memory} that come from a full-depth capture:
 * {@code nmt}, {@code breakdown} and {@code diagnosis}.
 *
 * @since 0.1.0
 */
public final class DeepSections {

	private DeepSections() {
	}

	private static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 10_000.0) / 100.0;
	}

	/**
	 * The {@code breakdown} section.
	 *
	 * @param rss the RSS the categories add up to
	 * @param categories one entry per category, {@code unexplained} last
	 * @param coverage how much of RSS was measured, how much claimed
	 * @param notes what limited the attribution
	 * @param capturedAt when the sources were read (full captures are cached)
	 * @param captureMillis how long the full capture took
	 * @param unavailable why there is no breakdown, or {@code null}
	 */
	public record BreakdownSection(@Nullable Long rss, List<CategoryEntry> categories, @Nullable Coverage coverage,
			List<String> notes, java.time.@Nullable Instant capturedAt, @Nullable Double captureMillis,
			@Nullable String unavailable) implements OperationResponseBody {

		static BreakdownSection of(FullSnapshot full, Reading<RssBreakdown> reading) {
			RssBreakdown breakdown = reading.orNull();
			if (breakdown == null) {
				return new BreakdownSection(null, List.of(), null, List.of(), null, null, reading.reason());
			}
			List<CategoryEntry> categories = breakdown.parts()
				.stream()
				.map((part) -> new CategoryEntry(part.category().tag(), part.category().label(), part.bytes(),
						percent(part.bytes(), breakdown.rss()), part.resident(), part.isUpperBound(),
						part.method().description(), part.detail()))
				.toList();
			Coverage coverage = new Coverage(percent(breakdown.measured(), breakdown.rss()),
					percent(breakdown.claimed(), breakdown.rss()), percent(breakdown.unexplained(), breakdown.rss()),
					breakdown.overclaimed());
			return new BreakdownSection(breakdown.rss(), categories, coverage, breakdown.notes(),
					breakdown.capturedAt(), millis(full.cost()), null);
		}

		private static double percent(long part, long whole) {
			return (whole > 0) ? Math.round(part * 1000.0 / whole) / 10.0 : 0.0;
		}

	}

	/**
	 * How much of RSS the breakdown measured. {@code measured + claimed + unexplained} is
	 * 100; only {@code measured} is resident memory found in known mappings.
	 *
	 * @param measured share of RSS measured from resident pages of known mappings, in
	 * percent
	 * @param claimed share of RSS attributed from committed or allocator figures (upper
	 * bounds), in percent
	 * @param unexplained share of RSS no source accounts for, in percent
	 * @param overclaimed bytes that committed and allocator figures asked for beyond the
	 * resident memory left: committed or freed memory that is not resident
	 */
	public record Coverage(double measured, double claimed, double unexplained, long overclaimed) {
	}

	/**
	 * One category.
	 *
	 * @param category the tag value of the gauge
	 * @param label a human-readable name
	 * @param bytes resident bytes
	 * @param percent share of RSS, one decimal
	 * @param resident the part of {@code bytes} measured from resident pages
	 * @param upperBound whether some of {@code bytes} was claimed from a committed or
	 * allocator figure rather than measured
	 * @param measuredBy how the figure was measured
	 * @param detail what exactly was counted
	 */
	public record CategoryEntry(String category, String label, long bytes, double percent, long resident,
			boolean upperBound, String measuredBy, String detail) {
	}

	/**
	 * The {@code diagnosis} section.
	 *
	 * @param verdict one sentence
	 * @param leakSuspected whether the live set grows steadily
	 * @param nativeLeakSuspected whether native memory grows steadily (from the memory
	 * history)
	 * @param nativeGrowth what the native growth trend says
	 * @param findings what was found, most severe first
	 */
	public record DiagnosisSection(String verdict, boolean leakSuspected, boolean nativeLeakSuspected,
			String nativeGrowth, List<Finding> findings) implements OperationResponseBody {

		static DiagnosisSection of(Diagnosis diagnosis) {
			return new DiagnosisSection(diagnosis.verdict(), diagnosis.leakSuspected(), diagnosis.nativeLeakSuspected(),
					diagnosis.nativeGrowth(), diagnosis.findings());
		}

	}

	/**
	 * The {@code nmt} section: Native Memory Tracking's summary.
	 *
	 * @param totalReserved reserved bytes over every category
	 * @param totalCommitted committed bytes over every category
	 * @param categories committed bytes by NMT category (no "Total" entry)
	 * @param unavailable why there is no summary (NMT off), or {@code null}
	 */
	public record NmtSection(@Nullable Long totalReserved, @Nullable Long totalCommitted,
			@Nullable Map<String, Long> categories, @Nullable String unavailable) implements OperationResponseBody {

		static NmtSection of(Reading<NmtSummary> reading) {
			NmtSummary nmt = reading.orNull();
			if (nmt == null) {
				return new NmtSection(null, null, null, reading.reason());
			}
			Map<String, Long> categories = new java.util.LinkedHashMap<>();
			for (NmtSummary.Category category : nmt.categories()) {
				categories.put(category.name(), category.committed());
			}
			return new NmtSection(nmt.totalReserved(), nmt.totalCommitted(), categories, null);
		}

	}

}
