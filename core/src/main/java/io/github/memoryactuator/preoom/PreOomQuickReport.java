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

package io.github.memoryactuator.preoom;

import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.history.BreakdownPoint;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * What the pre-OOM report file holds first, within milliseconds of the warning: only what
 * is already in memory, the warning with the sample that crossed the threshold, the
 * gauge-depth snapshot taken then (process, JVM, cgroup), the newest breakdown point and
 * the last {@link PreOomReport#HISTORY hour} of history. Near the limit a fast leak can
 * reach it before a full capture ({@code smaps}, NMT) is done: this is the report that
 * the kill leaves when it comes first. The {@link PreOomReport full report} replaces it
 * in the same file.
 *
 * @param writtenAt when the report was put together
 * @param warning the warning that triggered it
 * @param newestBreakdown the history's newest breakdown point, or why there is none
 * @param history the history's points, or why there are none
 * @param softLimit the soft limit's status, or {@code null} when no target is set
 * @since 0.1.0
 */
public record PreOomQuickReport(Instant writtenAt, PreOomWarning warning, Reading<BreakdownPoint> newestBreakdown,
		Reading<PreOomReport.History> history, @Nullable SoftLimitStatus softLimit) {

	/**
	 * Put a quick report together now, from memory only.
	 * @param warning the warning that asks for the report
	 * @param history the memory history, or {@code null} when it is off
	 * @return the report
	 */
	public static PreOomQuickReport take(PreOomWarning warning, @Nullable MemoryHistory history) {
		Instant now = Instant.now();
		return new PreOomQuickReport(now, warning, newestBreakdown(history).get(),
				PreOomReport.History.of(history, now), null);
	}

	/**
	 * Return this report with the soft limit's target and state, when a target is set.
	 * @param status the soft limit's status, or {@code null} without a controller
	 * @return the report
	 */
	public PreOomQuickReport withSoftLimit(@Nullable SoftLimitStatus status) {
		if (status == null || !status.isSet()) {
			return this;
		}
		return new PreOomQuickReport(this.writtenAt, this.warning, this.newestBreakdown, this.history, status);
	}

	/**
	 * Return where the newest breakdown point of a history comes from, with why there is
	 * none.
	 * @param history the memory history, or {@code null} when it is off
	 * @return the supplier
	 */
	public static Supplier<Reading<BreakdownPoint>> newestBreakdown(@Nullable MemoryHistory history) {
		if (history == null) {
			return () -> Reading.unavailable(Reading.Cause.NOT_ENABLED, PreOomReport.History.OFF);
		}
		return () -> {
			BreakdownPoint point = history.latestBreakdown();
			return (point != null) ? Reading.of(point)
					: Reading.unavailable(Reading.Cause.MISSING, "no breakdown point has been taken yet");
		};
	}

	/**
	 * Return the report as one JSON object, with the keys of the full report where they
	 * mean the same.
	 * @return the JSON text
	 */
	public String toJson() {
		Json json = new Json(64 * 1024).object();
		json.field("writtenAt", this.writtenAt.toString()).field("stage", "quick");
		PreOomReport.warning(json, this.warning);
		GaugeSnapshot gauge = this.warning.snapshot();
		json.object("capture").field("capturedAt", gauge.capturedAt().toString());
		json.object("unavailable");
		gauge.unavailable().forEach(json::field);
		json.end().end();
		PreOomReport.process(json, gauge.process());
		PreOomReport.jvm(json, gauge);
		PreOomReport.container(json, gauge.container());
		PreOomReport.softLimit(json, this.softLimit);
		json.object("newestBreakdownPoint");
		BreakdownPoint point = this.newestBreakdown.orNull();
		if (point != null) {
			PreOomReport.breakdownPoint(json, point);
		}
		else {
			json.field("unavailable", this.newestBreakdown.reason());
		}
		json.end();
		PreOomReport.history(json, this.history);
		return json.end().toString();
	}

}
