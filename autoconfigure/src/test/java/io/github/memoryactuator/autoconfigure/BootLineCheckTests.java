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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link BootLineCheck} and {@link UnsupportedBootLineFailureAnalyzer}. The
 * matrix runs them on every supported line, so the line each runs on is accepted too.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootLineCheckTests {

	@Test
	void theLineTheseTestsRunOnIsSupported() {
		assertThatNoException().isThrownBy(() -> BootLineCheck.verify(SpringBootVersion.getVersion()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "3.5.0", "3.5.7", "4.0.0-RC2", "4.0.7", "4.1.2", "4.1.0-SNAPSHOT" })
	void everyVersionOfASupportedLineIsAccepted(String version) {
		assertThatNoException().isThrownBy(() -> BootLineCheck.verify(version));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2.7.18", "3.4.12", "3.6.0", "4.2.0", "5.0.0-M1", "35.1" })
	void aVersionOutsideTheSupportedLinesFailsNamingItAndTheLines(String version) {
		assertThatExceptionOfType(UnsupportedBootLineException.class).isThrownBy(() -> BootLineCheck.verify(version))
			.satisfies((ex) -> {
				assertThat(ex.getDescription()).contains("but found Spring Boot " + version + " on Java ")
					.contains("supports Spring Boot 3.5, 4.0 and 4.1 (on Java 17 or later)")
					.contains(Runtime.version().toString());
				assertThat(ex.getAction()).startsWith("Use Spring Boot 3.5.x, 4.0.x or 4.1.x")
					.contains("memory-actuator.compatibility-verifier.enabled=false")
					.contains("memory-actuator.enabled=false");
			});
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = "${springBootVersion}")
	void anUnreadableVersionFailsSayingSo(String version) {
		assertThatExceptionOfType(UnsupportedBootLineException.class).isThrownBy(() -> BootLineCheck.verify(version))
			.withMessageContaining("found a Spring Boot version it cannot read")
			.withMessageNotContaining("a memory-actuator release that supports");
	}

	@Test
	void anOldLineIsToldWhichReleaseItNeeds() {
		assertThatExceptionOfType(UnsupportedBootLineException.class).isThrownBy(() -> BootLineCheck.verify("3.4.12"))
			.withMessageContaining("or a memory-actuator release that supports Spring Boot 3.4.");
	}

	@Test
	void everySpringApplicationRunsTheCheck() {
		assertThat(new SpringApplication(Empty.class).getInitializers())
			.hasAtLeastOneElementOfType(BootLineCheck.class);
	}

	@Test
	void startOnAnUnsupportedLineFailsWithTheAnalysis(CapturedOutput output) {
		SpringApplication application = application(new BootLineCheck("3.4.12"));
		assertThatExceptionOfType(UnsupportedBootLineException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("supports Spring Boot 3.5, 4.0 and 4.1 (on Java 17 or later), but found Spring Boot 3.4.12")
			.contains("Action:")
			.contains(
					"Use Spring Boot 3.5.x, 4.0.x or 4.1.x, or a memory-actuator release that supports Spring Boot 3.4.");
	}

	@Test
	void theVerifierCanBeSwitchedOff() {
		SpringApplication application = application(new BootLineCheck("3.4.12"));
		try (ConfigurableApplicationContext context = application
			.run("--memory-actuator.compatibility-verifier.enabled=false")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void aDisabledMemoryActuatorIsNotChecked() {
		SpringApplication application = application(new BootLineCheck("2.7.18"));
		try (ConfigurableApplicationContext context = application.run("--memory-actuator.enabled=false")) {
			assertThat(context.isActive()).isTrue();
		}
	}

	private static SpringApplication application(BootLineCheck check) {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addInitializers(check);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
