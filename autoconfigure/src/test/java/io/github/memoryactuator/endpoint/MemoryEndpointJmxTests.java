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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import io.github.memoryactuator.autoconfigure.MemoryActuatorAutoConfiguration;
import io.github.memoryactuator.autoconfigure.MemoryEndpointAutoConfiguration;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MemoryEndpoint} exposed over JMX only, through the platform
 * MBeanServer as a JMX client sees it: every section, a reclaim, a class histogram, and
 * the same guards as over HTTP (read-only by default, the cooldown, one write at a time,
 * parameters that are wrong in themselves).
 */
class MemoryEndpointJmxTests {

	private static final String[] RECLAIM_SIGNATURE = { Boolean.class.getName(), Boolean.class.getName(),
			Integer.class.getName(), Integer.class.getName(), String.class.getName() };

	// Upper case: outside a SpringApplication the environment converts enums strictly.
	private static final String UNRESTRICTED = "management.endpoint.memory.access=UNRESTRICTED";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
				JmxEndpointAutoConfiguration.class, MemoryActuatorAutoConfiguration.class,
				MemoryEndpointAutoConfiguration.class))
		.withConfiguration(jackson())
		.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=memory",
				"management.endpoints.jmx.domain=memory-actuator-jmx-tests",
				"memory-actuator.reclaim.settle-timeout=0s", "memory-actuator.breakdown.gauge-enabled=false");

	@Test
	void readOnlyByDefaultEverySectionCanBeReadAndThereIsNoReclaim() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			assertThat(Arrays.stream(server.getMBeanInfo(name).getOperations()).map(MBeanOperationInfo::getName))
				.containsExactlyInAnyOrder("memory", "section");
			Map<?, ?> report = (Map<?, ?>) server.invoke(name, "memory", new Object[0], new String[0]);
			assertThat(report.keySet().stream().map(String::valueOf)).contains("process", "jvm", "gc", "container",
					"tuning", "nmt", "breakdown", "diagnosis", "verdict");
			for (String section : context.getBean(MemoryEndpoint.class).sectionNames()) {
				Object body = server.invoke(name, "section", new Object[] { section },
						new String[] { String.class.getName() });
				assertThat(body).as(section).isInstanceOf(Map.class);
			}
			assertThatExceptionOfType(MBeanException.class)
				.isThrownBy(() -> server.invoke(name, "section", new Object[] { "allocations" },
						new String[] { String.class.getName() }))
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("memory-actuator.profiling.enabled=true"));
			assertThat(
					server.invoke(name, "section", new Object[] { "heapz" }, new String[] { String.class.getName() }))
				.isNull();
			assertThat(context).doesNotHaveBean(MemoryEndpointWebExtension.class);
		});
	}

	@Test
	void reclaimRunsThenTheCooldownRefusesEveryWriteWithTheSecondsLeft() {
		this.contextRunner.withPropertyValues(UNRESTRICTED).run((context) -> {
			assertThat(context).hasNotFailed();
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			Map<?, ?> result = (Map<?, ?>) server.invoke(name, "reclaim",
					new Object[] { null, Boolean.FALSE, null, null, null }, RECLAIM_SIGNATURE);
			assertThat(result.get("summary").toString()).isNotBlank();
			assertThat(((Map<?, ?>) result.get("gc")).get("status")).isEqualTo("completed");
			assertThat(((Map<?, ?>) result.get("trim")).get("status")).isEqualTo("skipped");
			for (Object[] arguments : List.of(new Object[] { null, null, null, null, null },
					new Object[] { Boolean.FALSE, Boolean.FALSE, null, 70, null })) {
				assertThatExceptionOfType(MBeanException.class)
					.isThrownBy(() -> server.invoke(name, "reclaim", arguments, RECLAIM_SIGNATURE))
					.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(IllegalStateException.class)
						.hasMessageStartingWith("A reclaim ran recently; the next write is allowed in "));
			}
		});
	}

	@Test
	void aClassHistogramRunsUnderTheSameGuardAsTheReclaim() {
		this.contextRunner.withPropertyValues(UNRESTRICTED).run((context) -> {
			assertThat(context).hasNotFailed();
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			assertThat(Arrays.stream(server.getMBeanInfo(name).getOperations()).map(MBeanOperationInfo::getName))
				.containsExactlyInAnyOrder("memory", "section", "reclaim", "run");
			String[] signature = { String.class.getName() };
			Map<?, ?> histogram = (Map<?, ?>) server.invoke(name, "run", new Object[] { "histogram" }, signature);
			assertThat((List<?>) histogram.get("top")).isNotEmpty();
			assertThat(histogram.get("note").toString()).startsWith("the first histogram");
			assertThatExceptionOfType(MBeanException.class)
				.isThrownBy(() -> server.invoke(name, "reclaim", new Object[] { null, null, null, null, null },
						RECLAIM_SIGNATURE))
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(IllegalStateException.class)
					.hasMessageStartingWith("A class histogram ran recently; the next write is allowed in "));
			assertThatExceptionOfType(ReflectionException.class)
				.isThrownBy(() -> server.invoke(name, "run", new Object[] { "heapdump" }, signature))
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(IllegalArgumentException.class)
					.hasMessageStartingWith("Unknown operation 'heapdump'"));
		});
	}

	@Test
	void parametersThatAreWrongInThemselvesAreRefusedNamingTheParameter() {
		this.contextRunner.withPropertyValues(UNRESTRICTED).run((context) -> {
			assertThat(context).hasNotFailed();
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName name = memoryMBean(server);
			assertRefused(server, name, new Object[] { null, null, null, null, "1" },
					"'g1PeriodicGcInterval' must " + "be 0 (off) or at least 10s, but was 1ms");
			assertRefused(server, name, new Object[] { null, null, 101, null, null },
					"'minHeapFreeRatio' must be between 0 and 100, but was 101");
			// A client that sends text where a Boolean is declared.
			assertRefused(server, name, new Object[] { "maybe", null, null, null, null },
					"'gc' must be true or false, but was 'maybe'");
			// Nothing ran: a reclaim is still allowed.
			assertThat(server.invoke(name, "reclaim", new Object[] { Boolean.FALSE, Boolean.FALSE, null, null, null },
					RECLAIM_SIGNATURE))
				.isInstanceOf(Map.class);
		});
	}

	@Test
	@Timeout(60)
	void aWriteWhileAReclaimRunsIsRefused() {
		this.contextRunner.withPropertyValues(UNRESTRICTED)
			.withUserConfiguration(HeldCollection.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MBeanServer server = ManagementFactory.getPlatformMBeanServer();
				ObjectName name = memoryMBean(server);
				HeldCommands commands = context.getBean(HeldCommands.class);
				ExecutorService pool = Executors.newSingleThreadExecutor();
				try {
					Future<Object> running = pool.submit(() -> server.invoke(name, "reclaim",
							new Object[] { null, Boolean.FALSE, null, null, null }, RECLAIM_SIGNATURE));
					assertThat(commands.collecting.await(30, TimeUnit.SECONDS)).isTrue();
					assertThatExceptionOfType(MBeanException.class)
						.isThrownBy(() -> server.invoke(name, "reclaim",
								new Object[] { Boolean.FALSE, Boolean.FALSE, null, 70, null }, RECLAIM_SIGNATURE))
						.satisfies(
								(ex) -> assertThat(ex.getCause()).hasMessageStartingWith("A reclaim is running (for ")
									.hasMessageEndingWith("only one write runs at a time"));
					commands.release.countDown();
					assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOf(Map.class);
				}
				finally {
					commands.release.countDown();
					pool.shutdownNow();
				}
			});
	}

	// Boot 3.5's JMX exporter maps results with the application's ObjectMapper, to which
	// Jackson's auto-configuration adds java.time; Jackson 3 (Boot 4) has it built in.
	private static AutoConfigurations jackson() {
		String boot3 = "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration";
		return ClassUtils.isPresent(boot3, null) ? AutoConfigurations.of(ClassUtils.resolveClassName(boot3, null))
				: AutoConfigurations.of();
	}

	private static void assertRefused(MBeanServer server, ObjectName name, Object[] arguments, String message) {
		assertThatExceptionOfType(ReflectionException.class)
			.isThrownBy(() -> server.invoke(name, "reclaim", arguments, RECLAIM_SIGNATURE))
			.satisfies(
					(ex) -> assertThat(ex.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage(message));
	}

	private static ObjectName memoryMBean(MBeanServer server) throws Exception {
		Set<ObjectName> names = server.queryNames(new ObjectName("memory-actuator-jmx-tests:type=Endpoint,*"), null);
		assertThat(names).hasSize(1);
		return names.iterator().next();
	}

	@Configuration(proxyBeanMethods = false)
	static class HeldCollection {

		@Bean
		HeldCommands heldCommands() {
			return new HeldCommands();
		}

	}

	/**
	 * The platform's diagnostic commands, with the full GC held until released.
	 */
	static class HeldCommands extends DiagnosticCommands {

		final CountDownLatch collecting = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		HeldCommands() {
			super(ManagementFactory.getPlatformMBeanServer());
		}

		@Override
		public Reading<String> invoke(String operation, String... arguments) {
			if (operation.equals(GC_RUN)) {
				this.collecting.countDown();
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return super.invoke(operation, arguments);
		}

	}

}
