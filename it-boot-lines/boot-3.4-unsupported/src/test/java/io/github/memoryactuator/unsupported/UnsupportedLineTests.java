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

package io.github.memoryactuator.unsupported;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Tests for memory-actuator on Spring Boot 3.4, a line it does not support: the
 * application does not start, and the failure analysis names the versions found and
 * supported.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsupportedLineTests {

	@Test
	void startFailsNamingTheVersionsFoundAndSupported(CapturedOutput output) {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.4.");
		SpringApplication application = new SpringApplication(UnsupportedLineApplication.class);
		assertThatRuntimeException().isThrownBy(() -> application.run("--spring.main.web-application-type=none"))
			.withMessageContaining("but found Spring Boot " + SpringBootVersion.getVersion());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.containsPattern(
					"memory-actuator \\S+ supports Spring Boot 3\\.5, 4\\.0 and 4\\.1 \\(on Java 17 or later\\)")
			.contains("but found Spring Boot " + SpringBootVersion.getVersion() + " on Java " + Runtime.version())
			.contains(
					"Use Spring Boot 3.5.x, 4.0.x or 4.1.x, or a memory-actuator release that supports Spring Boot 3.4.")
			.contains("memory-actuator.compatibility-verifier.enabled=false");
	}

	@SpringBootApplication
	static class UnsupportedLineApplication {

	}

}
