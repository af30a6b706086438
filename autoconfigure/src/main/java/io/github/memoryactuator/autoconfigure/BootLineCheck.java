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

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Fails start-up on a Spring Boot line that memory-actuator does not support, before any
 * bean exists; {@link UnsupportedBootLineFailureAnalyzer} turns that into a message
 * naming the versions found and supported.
 * <p>
 * Failing, not warning: on an unsupported line the auto-configuration can load half of
 * itself, and a warning is read only once the dashboard is empty
 * ({@code memory-actuator.compatibility-verifier.enabled=false} turns it off). An
 * initializer in {@code META-INF/spring.factories}, because it runs on every Boot line
 * before any auto-configuration is read.
 */
class BootLineCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * The supported lines, oldest first; each has a module in {@code it-boot-lines/}.
	 */
	static final List<String> SUPPORTED_LINES = List.of("3.5", "4.0", "4.1");

	static final String ENABLED_PROPERTY = "memory-actuator.compatibility-verifier.enabled";

	private static final Pattern LINE = Pattern.compile("^(\\d+)\\.(\\d+)(\\D.*)?$");

	private final @Nullable String bootVersion;

	BootLineCheck() {
		this(SpringBootVersion.getVersion());
	}

	BootLineCheck(@Nullable String bootVersion) {
		this.bootVersion = bootVersion;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		if (environment.getProperty("memory-actuator.enabled", Boolean.class, true)
				&& environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			verify(this.bootVersion);
		}
	}

	/**
	 * Throw when a Spring Boot version lies outside the supported lines.
	 * @param bootVersion the version, such as {@code 3.5.7} or {@code 4.1.0-RC1};
	 * {@code null} when Boot does not say (Boot 2 in a jar without a manifest)
	 * @throws UnsupportedBootLineException when it is not supported
	 */
	static void verify(@Nullable String bootVersion) {
		String line = line(bootVersion);
		if (line != null && SUPPORTED_LINES.contains(line)) {
			return;
		}
		String ours = BootLineCheck.class.getPackage().getImplementationVersion();
		String description = "memory-actuator" + ((ours != null) ? " " + ours : "") + " supports Spring Boot "
				+ list(SUPPORTED_LINES, "", " and ") + " (on Java 17 or later), but found "
				+ ((line != null) ? "Spring Boot " + bootVersion : "a Spring Boot version it cannot read") + " on Java "
				+ Runtime.version() + ".";
		String action = "Use Spring Boot " + list(SUPPORTED_LINES, ".x", " or ")
				+ ((line != null) ? ", or a memory-actuator release that supports Spring Boot " + line : "")
				+ ". To start anyway, at your own risk (the endpoint or the gauges may be missing or fail), set "
				+ ENABLED_PROPERTY + "=false; to leave memory-actuator out, set memory-actuator.enabled=false.";
		throw new UnsupportedBootLineException(description, action);
	}

	private static String list(List<String> lines, String suffix, String last) {
		int end = lines.size() - 1;
		return String.join(suffix + ", ", lines.subList(0, end)) + suffix + last + lines.get(end) + suffix;
	}

	private static @Nullable String line(@Nullable String version) {
		Matcher matcher = (version != null) ? LINE.matcher(version) : null;
		return (matcher != null && matcher.matches()) ? matcher.group(1) + "." + matcher.group(2) : null;
	}

}
