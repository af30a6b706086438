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

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitState;
import io.github.memoryactuator.softlimit.SoftLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the soft limit's part of {@link MemoryActuatorAutoConfiguration}: off and
 * inert without a target, a target kept from the start, flags set back when the context
 * closes, and every refusal at startup naming the property.
 */
class SoftLimitAutoConfigurationTests {

	private static final String PERIODIC = "G1PeriodicGCInterval";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoryActuatorAutoConfiguration.class,
				MemoryEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
		.withPropertyValues("memory-actuator.filesystem-root=" + Fixtures.root("cgroup-v1-hybrid-limited"));

	@Test
	void runWithoutATargetShouldHaveAnInertSoftLimit() {
		String periodic = flag(PERIODIC);
		this.contextRunner.run((context) -> {
			SoftLimitStatus status = context.getBean(SoftLimitController.class).status();
			assertThat(status.state()).isEqualTo(SoftLimitState.OFF);
			assertThat(status.isSet()).isFalse();
			assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().equals(SoftLimitController.THREAD_NAME));
			assertThat(flag(PERIODIC)).isEqualTo(periodic);
		});
	}

	@Test
	void runWithATargetShouldKeepItAndSetTheFlagsBackWhenTheContextCloses() {
		String periodic = flag(PERIODIC);
		AtomicReference<SoftLimitController> controller = new AtomicReference<>();
		this.contextRunner.withPropertyValues("memory-actuator.soft-limit.target=400MB").run((context) -> {
			controller.set(context.getBean(SoftLimitController.class));
			SoftLimitStatus status = controller.get().status();
			assertThat(status.target()).isEqualTo(400L * 1024 * 1024);
			assertThat(status.state()).isEqualTo(SoftLimitState.HOLDING);
			assertThat(status.heldFlags())
				.allSatisfy((flag, original) -> assertThat(flag(flag)).isNotEqualTo(original));
		});
		assertThat(controller.get().status().state()).isEqualTo(SoftLimitState.OFF);
		assertThat(controller.get().status().heldFlags()).isEmpty();
		assertThat(flag(PERIODIC)).isEqualTo(periodic);
	}

	@Test
	void runWithAnUnparseableTargetShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.soft-limit.target=lots")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"'memory-actuator.soft-limit.target' must be a size such as 1500MB or a share of the "
								+ "memory limit such as 85%, but was 'lots'"));
	}

	@Test
	void runWithATargetAtTheLimitShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.soft-limit.target=100%")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("'memory-actuator.soft-limit.target' (512 MB) must be below the effective "
						+ "memory limit (512 MB)"));
	}

	@Test
	void runWithAShareButNoLimitShouldFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("memory-actuator.filesystem-root=" + Fixtures.root("cgroup-v1-hybrid-unlimited"),
					"memory-actuator.soft-limit.target=85%")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'memory-actuator.soft-limit.target' is a share of the memory limit (85%), but "
						+ "this process has none"));
	}

	@Test
	void runWithBadSettingsShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("memory-actuator.soft-limit.aim=1.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'memory-actuator.soft-limit.aim' must be above 0.5 and at most 1"));
		this.contextRunner.withPropertyValues("memory-actuator.soft-limit.gc-cpu-budget=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'memory-actuator.soft-limit.gc-cpu-budget' must be above 0 and at most 1"));
		this.contextRunner.withPropertyValues("memory-actuator.soft-limit.max-forced-collections-per-minute=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"'memory-actuator.soft-limit.max-forced-collections-per-minute' must be between 1 and 60"));
	}

	private static String flag(String name) {
		return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
	}

}
