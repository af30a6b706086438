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

package io.github.memoryactuator.diagnosis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

/**
 * The soft memory limit's part of a diagnosis: a finding when its target cannot be kept.
 *
 * @since 0.1.0
 */
final class SoftLimitFinding {

	private SoftLimitFinding() {
	}

	/**
	 * Return the finding for the soft limit's status.
	 * @param status the status
	 * @return {@link FindingCode#SOFT_LIMIT_UNREACHABLE} when the state is
	 * {@link SoftLimitState#UNREACHABLE}, otherwise {@code null}
	 */
	static @Nullable Finding of(SoftLimitStatus status) {
		if (status.state() != SoftLimitState.UNREACHABLE) {
			return null;
		}
		Map<String, Long> evidence = new LinkedHashMap<>();
		evidence.put("target", status.target());
		evidence.put("charged", status.charged());
		evidence.put("nonHeap", status.nonHeap());
		return new Finding(FindingCode.SOFT_LIMIT_UNREACHABLE, Severity.WARNING,
				"The soft memory limit cannot be kept: " + status.reason(), evidence,
				"Raise the target, or shrink the live set or the non-heap memory; the soft limit has stopped "
						+ "tightening and probes again every 30 s");
	}

}
