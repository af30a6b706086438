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

package io.github.memoryactuator.reclaim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.memoryactuator.reclaim.ReclaimReport.GcStep;
import io.github.memoryactuator.reclaim.ReclaimReport.Released;
import io.github.memoryactuator.reclaim.ReclaimReport.Status;
import io.github.memoryactuator.reclaim.ReclaimReport.TrimStep;
import io.github.memoryactuator.snapshot.ByteSizes;

/**
 * Words a reclaim's report in one line for the log and the answer: what was released in
 * all, then what each step did.
 */
final class ReclaimSummary {

	private ReclaimSummary() {
	}

	/**
	 * Return the summary.
	 * @param released what the whole reclaim released
	 * @param gc the collection step
	 * @param trim the trim step
	 * @param tolerance a change smaller than this, in bytes, is no change
	 * @return the summary, such as
	 * {@code released 412 MB: heap uncommit 380 MB, native trim 32 MB}
	 */
	static String of(Released released, GcStep gc, TrimStep trim, long tolerance) {
		boolean rss = released.rss().isPresent();
		long total = released.best();
		List<String> parts = new ArrayList<>(2);
		if (gc.status() == Status.COMPLETED) {
			parts.add("heap uncommit " + ByteSizes.format(gc.released().best()));
		}
		else if (gc.status() != Status.SKIPPED) {
			parts.add("gc " + gc.status().name().toLowerCase(Locale.ROOT));
		}
		if (trim.status() == Status.COMPLETED) {
			long trimmed = trim.released().rss().isPresent() ? trim.released().best()
					: ((trim.reported() != null) ? trim.reported().released() : trim.released().best());
			parts.add("native trim " + ByteSizes.format(trimmed));
		}
		else if (trim.status() != Status.SKIPPED) {
			parts.add("native trim " + trim.status().name().toLowerCase(Locale.ROOT));
		}
		StringBuilder summary = new StringBuilder();
		if (total > tolerance) {
			summary.append("released ").append(ByteSizes.format(total));
		}
		else if (total < -tolerance) {
			summary.append("released nothing (")
				.append(rss ? "RSS" : "heap committed")
				.append(" grew by ")
				.append(ByteSizes.format(-total))
				.append(")");
		}
		else {
			summary.append("released nothing");
		}
		if (!rss) {
			summary.append(" of heap committed (RSS cannot be read here)");
		}
		if (!parts.isEmpty()) {
			summary.append(": ").append(String.join(", ", parts));
		}
		return summary.toString();
	}

}
