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

package io.github.memoryactuator.softlimit;

/**
 * How the soft limit keeps its target.
 *
 * @param aim the share of the target the controller aims at, so that one sample's
 * reaction time stays under the target (Go aims at 95 %)
 * @param gcCpuBudget the share of all CPU time the GC may use before the controller stops
 * tightening
 * @param maxForcedPerMinute the most collections the controller forces in any minute,
 * whatever the budget
 * @param targetName the name of the target's setting, for messages, such as
 * {@code memory-actuator.soft-limit.target}
 * @since 0.1.0
 */
public record SoftLimitSettings(double aim, double gcCpuBudget, int maxForcedPerMinute, String targetName) {

	/**
	 * The aim by default.
	 */
	public static final double DEFAULT_AIM = 0.95;

	/**
	 * The GC CPU budget by default.
	 */
	public static final double DEFAULT_GC_CPU_BUDGET = 0.10;

	/**
	 * The most forced collections per minute by default.
	 */
	public static final int DEFAULT_MAX_FORCED_PER_MINUTE = 12;

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException naming the setting, for an aim or budget outside
	 * (0, 1] or a bound below 1
	 */
	public SoftLimitSettings {
		if (!(aim > 0.5) || aim > 1) {
			throw new IllegalArgumentException("'aim' must be above 0.5 and at most 1, but was " + aim);
		}
		if (!(gcCpuBudget > 0) || gcCpuBudget > 1) {
			throw new IllegalArgumentException("'gcCpuBudget' must be above 0 and at most 1, but was " + gcCpuBudget);
		}
		if (maxForcedPerMinute < 1 || maxForcedPerMinute > 60) {
			throw new IllegalArgumentException(
					"'maxForcedPerMinute' must be between 1 and 60, but was " + maxForcedPerMinute);
		}
	}

	/**
	 * Return the defaults.
	 * @param targetName the name of the target's setting, for messages
	 * @return the settings
	 */
	public static SoftLimitSettings defaults(String targetName) {
		return new SoftLimitSettings(DEFAULT_AIM, DEFAULT_GC_CPU_BUDGET, DEFAULT_MAX_FORCED_PER_MINUTE, targetName);
	}

}
