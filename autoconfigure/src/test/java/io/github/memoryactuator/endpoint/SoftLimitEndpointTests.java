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

package io.github.memoryactuator.endpoint;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import io.github.memoryactuator.autoconfigure.MemoryActuatorAutoConfiguration;
import io.github.memoryactuator.autoconfigure.MemoryEndpointAutoConfiguration;
import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the soft limit's face of {@link MemoryEndpoint} and
 * {@link MemoryEndpointWebExtension}: its section, and its target set, changed and
 * removed through the write path's rules, over JMX as a client sees it and with the web
 * extension's statuses, in a fixture tree with a 512 MB limit.
 */
class SoftLimitEndpointTests {

	private static final String[] RUN = { String.class.getName(), String.class.getName() };

	private static final String UNRESTRICTED = "management.endpoint.memory.access=UNRESTRICTED";

	private static final String PERIODIC = "G1PeriodicGCInterval";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
				JmxEndpointAutoConfiguration.class, MemoryActuatorAutoConfiguration.class,
				MemoryEndpointAutoConfiguration.class))
		.withConfiguration(jackson())
		.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=memory",
				"management.endpoints.jmx.domain=memory-actuator-soft-limit-tests",
				"memory-actuator.filesystem-root=" + Fixtures.root("cgroup-v1-hybrid-limited"),
				"memory-actuator.breakdown.gauge-enabled=false");

	@Test
	void readOnlyByDefaultTheSectionIsThereAndTheTargetCannotBeSet() {
		this.contextRunner.run((context) -> {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			Map<?, ?> section = (Map<?, ?>) server.invoke(name, "section", new Object[] { "softLimit" },
					new String[] { String.class.getName() });
			assertThat(section.get("state")).isEqualTo("OFF");
			assertThat(section.get("reason")).isEqualTo("no target is set");
			Map<?, ?> report = (Map<?, ?>) server.invoke(name, "memory", new Object[0], new String[0]);
			assertThat(((Map<?, ?>) report.get("softLimit")).get("state")).isEqualTo("OFF");
			assertThatExceptionOfType(ReflectionException.class)
				.isThrownBy(() -> server.invoke(name, "run", new Object[] { "softLimit", "400MB" }, RUN));
			assertThat(context.getBean(SoftLimitController.class).status().isSet()).isFalse();
		});
	}

	@Test
	void overJmxTheTargetIsSetHoldsItsFlagsAgainstAReclaimAndIsRemovedWithEveryFlagSetBack() {
		String periodic = flag(PERIODIC);
		this.contextRunner.withPropertyValues(UNRESTRICTED, "memory-actuator.reclaim.cooldown=0s").run((context) -> {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			Map<?, ?> set = (Map<?, ?>) server.invoke(name, "run", new Object[] { "softLimit", "400MB" }, RUN);
			assertThat(set.get("state")).isEqualTo("HOLDING");
			assertThat(((Number) set.get("target")).longValue()).isEqualTo(400L * 1024 * 1024);
			assertThat(set.get("targetText")).isEqualTo("400MB");
			Map<?, ?> held = (Map<?, ?>) set.get("heldFlags");
			if (held.containsKey(PERIODIC)) {
				assertThat(held.get(PERIODIC)).isEqualTo(periodic);
				assertThatExceptionOfType(MBeanException.class)
					.isThrownBy(() -> server.invoke(name, "reclaim", new Object[] { false, false, null, null, "1m" },
							new String[] { Boolean.class.getName(), Boolean.class.getName(), Integer.class.getName(),
									Integer.class.getName(), String.class.getName() }))
					.satisfies((ex) -> assertThat(ex.getCause()).hasMessageStartingWith(
							"G1PeriodicGCInterval is held by the soft limit (memory-actuator.soft-limit.target=400MB)"));
			}
			Map<?, ?> changed = (Map<?, ?>) server.invoke(name, "run", new Object[] { "softLimit", "80%" }, RUN);
			assertThat(((Number) changed.get("target")).longValue()).isEqualTo((long) (512L * 1024 * 1024 * 0.8));
			Map<?, ?> removed = (Map<?, ?>) server.invoke(name, "run", new Object[] { "softLimit", "off" }, RUN);
			assertThat(removed.get("state")).isEqualTo("OFF");
			assertThat((Map<?, ?>) removed.get("heldFlags")).isEmpty();
			assertThat(flag(PERIODIC)).isEqualTo(periodic);
		});
	}

	@Test
	void overJmxEveryRefusalNamesWhatIsWrongAndChangesNothing() {
		this.contextRunner.withPropertyValues(UNRESTRICTED, "memory-actuator.reclaim.cooldown=0s").run((context) -> {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			assertRefused(server, name, "lots",
					"'target' must be a size such as 1500MB or a share of the memory limit such as 85%, but was 'lots'");
			assertRefused(server, name, "512MB", "'target' (512 MB) must be below the effective memory limit (512 MB)");
			assertRefused(server, name, "0%", "'target' must be a share above 0% and at most 100%");
			assertRefused(server, name, "-1MB", "'target' must be a size such as 1500MB");
			assertRefused(server, name, "1MB", "'target' (1.0 MB) is below the floor this JVM can be brought down to");
			assertRefused(server, name, null, "'target' is required");
			assertThatExceptionOfType(ReflectionException.class)
				.isThrownBy(() -> server.invoke(name, "run", new Object[] { "histogram", "400MB" }, RUN))
				.satisfies((ex) -> assertThat(ex.getCause())
					.hasMessage("'target' applies only to POST /actuator/memory/softLimit"));
			assertThat(context.getBean(SoftLimitController.class).status().state()).isEqualTo(SoftLimitState.OFF);
		});
	}

	@Test
	void overHttpARefusedTargetIs400AndAChangeInTheCooldownIs429() {
		this.contextRunner.withPropertyValues(UNRESTRICTED).run((context) -> {
			MemoryEndpointWebExtension web = new MemoryEndpointWebExtension(context.getBean(MemoryEndpoint.class));
			WebEndpointResponse<Object> refused = web.run("softLimit", "600MB");
			assertThat(refused.getStatus()).isEqualTo(400);
			assertThat(String.valueOf(refused.getBody())).contains("must be below the effective memory limit");
			WebEndpointResponse<Object> set = web.run("softLimit", "400MB");
			assertThat(set.getStatus()).isEqualTo(200);
			assertThat(set.getBody()).isInstanceOf(SoftLimitSections.SoftLimitSection.class);
			WebEndpointResponse<Object> cooling = web.run("softLimit", "off");
			assertThat(cooling.getStatus()).isEqualTo(429);
			assertThat(String.valueOf(cooling.getBody())).contains("soft-limit target change ran recently");
			assertThat(context.getBean(SoftLimitController.class).status().isSet()).isTrue();
		});
	}

	private static void assertRefused(MBeanServer server, ObjectName name, String target, String message) {
		assertThatExceptionOfType(ReflectionException.class)
			.isThrownBy(() -> server.invoke(name, "run", new Object[] { "softLimit", target }, RUN))
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith(message));
	}

	private static String flag(String name) {
		return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
	}

	private static AutoConfigurations jackson() {
		String boot3 = "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration";
		return ClassUtils.isPresent(boot3, null) ? AutoConfigurations.of(ClassUtils.resolveClassName(boot3, null))
				: AutoConfigurations.of();
	}

	private static ObjectName memoryMBean(MBeanServer server) throws Exception {
		Set<ObjectName> names = server.queryNames(new ObjectName("memory-actuator-soft-limit-tests:type=Endpoint,*"),
				null);
		assertThat(names).hasSize(1);
		return names.iterator().next();
	}

}
