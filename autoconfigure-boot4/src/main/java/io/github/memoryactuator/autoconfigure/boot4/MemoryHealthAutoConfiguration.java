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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.memoryactuator.autoconfigure.MemoryActuatorAutoConfiguration;
import io.github.memoryactuator.autoconfigure.MemoryActuatorProperties;
import io.github.memoryactuator.health.MemoryHealthCheck;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link MemoryHealthIndicator} on Spring Boot 4, where health contributors live in
 * {@code org.springframework.boot.health.contributor}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MemoryActuatorAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(MemoryHealthCheck.class)
@ConditionalOnEnabledHealthIndicator("memory")
public final class MemoryHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "memoryHealthIndicator")
	MemoryHealthIndicator memoryHealthIndicator(MemoryHealthCheck check, MemoryActuatorProperties properties) {
		return new MemoryHealthIndicator(check, properties.getHealth().getStatusAboveThreshold());
	}

}
