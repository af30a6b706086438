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

package io.github.memoryactuator.demo;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full report must not reveal the environment, the command line, JVM arguments, file
 * paths of this machine or the process's cgroup: only sizes, counts, JVM pool and flag
 * names, and reasons that name well-known kernel files.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class WhatTheEndpointRevealsTests {

	@Autowired
	private RestTestClient client;

	@Test
	void fullReportHoldsNoPathsArgumentsOrEnvironmentOfThisMachine() throws IOException {
		StringBuilder everything = new StringBuilder(read("/actuator/memory"));
		for (String section : List.of("process", "jvm", "gc", "container", "tuning", "nmt", "breakdown", "diagnosis",
				"history")) {
			everything.append(read("/actuator/memory/" + section));
		}
		String json = everything.toString();
		assertThat(json).contains("\"rss\"");
		for (String secret : secrets()) {
			assertThat(json).as("the report reveals '%s'", secret).doesNotContain(secret);
		}
		assertThat(json).doesNotContain("PATH=")
			.doesNotContain("JAVA_HOME")
			.doesNotContain("java.class.path")
			.doesNotContain("sun.java.command")
			.doesNotContainPattern("\"(-D|-X)[A-Za-z]")
			.doesNotContain(".jar")
			.doesNotContain("/usr/lib/jvm");
	}

	private String read(String path) {
		return new String(this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static List<String> secrets() throws IOException {
		List<String> secrets = new ArrayList<>();
		secrets.add(System.getProperty("user.home"));
		secrets.add(System.getProperty("java.home"));
		secrets.add(System.getProperty("user.dir"));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			secrets.add(entry);
		}
		for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (argument.startsWith("-D") || argument.startsWith("-X") || argument.startsWith("-javaagent")) {
				secrets.add(argument);
			}
		}
		// The cgroup directory names the container or the service (a Docker id, a
		// systemd unit); the report gives the cgroup version only.
		Path cgroup = Path.of("/proc/self/cgroup");
		if (Files.isReadable(cgroup)) {
			for (String line : Files.readAllLines(cgroup)) {
				String path = line.substring(line.indexOf(':', line.indexOf(':') + 1) + 1);
				if (path.length() > 1) {
					secrets.add(path);
				}
			}
		}
		secrets.removeIf((secret) -> secret == null || secret.length() < 4);
		return secrets;
	}

}
