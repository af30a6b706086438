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

package io.github.memoryactuator.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory health of the process at one moment.
 *
 * @param aboveThreshold whether the memory in use is at or above the threshold share of
 * the effective limit
 * @param details the figures the decision rests on, in bytes and ratios, in a stable
 * order
 * @since 0.1.0
 */
public record MemoryHealth(boolean aboveThreshold, Map<String, Object> details) {

	/**
	 * Create a health with an unmodifiable copy of the details.
	 * @param aboveThreshold whether the memory in use is at or above the threshold
	 * @param details the details
	 */
	public MemoryHealth {
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

}
