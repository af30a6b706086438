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

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.LimitUse;
import io.github.memoryactuator.watch.ChargedMemory;

/**
 * Warnings for tests of the reports.
 */
final class TestWarnings {

	private static final long MB = 1024 * 1024;

	private TestWarnings() {
	}

	// A crossing of 90 % of 512 MB at 40 MB/s, sampled a second before it was warned
	// about, after a collection that moved 12 MB into the old generation.
	static PreOomWarning warning(String text, GaugeSnapshot snapshot, Instant warnedAt) {
		ChargedMemory sample = new ChargedMemory(warnedAt.minusSeconds(1), 0, 470 * MB,
				Reading.of(new LimitUse(470 * MB, 512 * MB, 460 * MB, 480 * MB)), 40.0 * MB, 45.0 * MB, 12 * MB);
		return new PreOomWarning(text, sample, snapshot, warnedAt);
	}

}
