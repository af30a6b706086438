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

package io.github.memoryactuator.autoconfigure.boot4;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.github.memoryactuator.health.MemoryHealth;
import io.github.memoryactuator.health.MemoryHealthCheck;

/**
 * A {@link HealthIndicator} for the memory of the process: UP with RSS, the effective
 * limit and the verdict, or the configured status (OUT_OF_SERVICE by default) at and
 * above the threshold share of the limit. It reads the cached gauge-depth snapshot only.
 *
 * @since 0.1.0
 */
public class MemoryHealthIndicator extends AbstractHealthIndicator {

	private final MemoryHealthCheck check;

	private final Status statusAboveThreshold;

	/**
	 * Create an indicator.
	 * @param check the Spring-free check
	 * @param statusAboveThreshold the status code at and above the threshold
	 */
	public MemoryHealthIndicator(MemoryHealthCheck check, String statusAboveThreshold) {
		super("Memory health check failed");
		this.check = check;
		this.statusAboveThreshold = new Status(statusAboveThreshold);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MemoryHealth health = this.check.check();
		builder.status(health.aboveThreshold() ? this.statusAboveThreshold : Status.UP).withDetails(health.details());
	}

}
