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

package io.github.memoryactuator.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache of rendered reports that never evicts: every report rendered stays. Keyed by an
 * id that is new on every request, it is the ordinary leak that allocation profiling
 * names: {@code byte[]} allocated at {@link #render}, held through {@link Report}.
 *
 * @since 0.1.0
 */
public final class ReportCache {

	private final Map<String, Report> reports = new ConcurrentHashMap<>();

	/**
	 * Return the report with this id, rendering it the first time.
	 * @param id the report's id
	 * @param size its size in bytes
	 * @return the report
	 */
	public Report report(String id, int size) {
		return this.reports.computeIfAbsent(id, (key) -> render(key, size));
	}

	int size() {
		return this.reports.size();
	}

	void clear() {
		this.reports.clear();
	}

	private static Report render(String id, int size) {
		byte[] body = new byte[size];
		// Written, so that the array is really there.
		body[0] = (byte) id.hashCode();
		return new Report(id, body);
	}

	/**
	 * One rendered report.
	 *
	 * @param id its id
	 * @param body its content
	 */
	public record Report(String id, byte[] body) {
	}

}
