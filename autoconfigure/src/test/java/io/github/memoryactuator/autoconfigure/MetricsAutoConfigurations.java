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

package io.github.memoryactuator.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's own metrics auto-configurations on the line the tests run on. Boot 4
 * moved them from the actuator to {@code spring-boot-micrometer-metrics}, under another
 * package with the same class names; naming them as text lets these tests compile and run
 * on Boot 3.5, 4.0 and 4.1 alike.
 */
final class MetricsAutoConfigurations {

	private static final String BOOT_4 = "org.springframework.boot.micrometer.metrics.autoconfigure";

	private static final String BOOT_3 = "org.springframework.boot.actuate.autoconfigure.metrics";

	private static final String PACKAGE = ClassUtils.isPresent(BOOT_4 + ".MetricsAutoConfiguration", null) ? BOOT_4
			: BOOT_3;

	private MetricsAutoConfigurations() {
	}

	/**
	 * The metrics set-up and a simple registry: what an application without an exporter
	 * gets.
	 * @return the auto-configurations
	 */
	static AutoConfigurations simple() {
		return AutoConfigurations.of(load("MetricsAutoConfiguration"), load("CompositeMeterRegistryAutoConfiguration"),
				load("export.simple.SimpleMetricsExportAutoConfiguration"));
	}

	/**
	 * The metrics set-up and the Prometheus registry.
	 * @return the auto-configurations
	 */
	static AutoConfigurations prometheus() {
		return AutoConfigurations.of(load("MetricsAutoConfiguration"), load("CompositeMeterRegistryAutoConfiguration"),
				load("export.prometheus.PrometheusMetricsExportAutoConfiguration"));
	}

	private static Class<?> load(String name) {
		return ClassUtils.resolveClassName(PACKAGE + "." + name, null);
	}

}
