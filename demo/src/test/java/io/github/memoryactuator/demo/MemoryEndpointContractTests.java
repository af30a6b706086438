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

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the public contract does not move by accident: the key paths of every
 * section {@code /actuator/memory} serves, the gauges the starter registers and the JMX
 * operations of the endpoint, each compared with a list checked in under
 * {@code src/test/resources/contract/}: a key, gauge or operation that is added, renamed
 * or removed fails here by name. A change to the contract is a change to a list, made on
 * purpose; {@code -Dcontract.write=<directory>} writes what a run sees, to compare.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"management.endpoints.web.exposure.include=memory", "management.endpoint.memory.access=unrestricted",
		"spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=memory",
		"management.endpoints.jmx.domain=memory-actuator-contract-tests", "memory-actuator.profiling.enabled=true" })
@AutoConfigureRestTestClient
class MemoryEndpointContractTests {

	// Sections served only one at a time (GET /actuator/memory/{section}).
	private static final List<String> SECTIONS_ALONE = List.of("history", "allocations");

	// The starter's meters, apart from Micrometer's own JVM and process binders.
	private static final List<String> OUR_GAUGES = List.of("process.memory.", "process.cgroup.memory.",
			"jvm.memory.heap.", "jvm.memory.committed.total", "jvm.gc.headroom", "jvm.memory.reclaim",
			"memory.softlimit.");

	// Maps from a name to a value: their keys depend on the JDK, the run and the finding.
	private static final Set<String> DATA_MAPS = Set.of("nmt.categories", "softLimit.heldFlags",
			"softLimit.actionCounts", "diagnosis.findings[].evidence", "history.breakdowns[].categories",
			"history.breakdowns[].nmtCommitted");

	// A line "? path" in a list: a key that may be absent (a null value is left out, an
	// empty list has no element keys), so only its presence under another name fails.
	private static final String MAY_BE_ABSENT = "? ";

	@Autowired
	private RestTestClient client;

	@Autowired
	private MeterRegistry registry;

	@Test
	void everySectionKeepsItsKeyPaths() {
		Set<String> live = new TreeSet<>(keyPaths("", json("/actuator/memory")));
		for (String section : SECTIONS_ALONE) {
			live.add(section);
			live.addAll(keyPaths(section, json("/actuator/memory/" + section)));
		}
		assertSameAsCheckedIn("memory-endpoint-key-paths.txt", live);
	}

	@Test
	void theGaugesKeepTheirNames() {
		Set<String> live = new TreeSet<>();
		for (Meter meter : this.registry.getMeters()) {
			String name = meter.getId().getName();
			if (OUR_GAUGES.stream().anyMatch(name::startsWith)) {
				live.add(name + " " + meter.getId().getType());
			}
		}
		assertSameAsCheckedIn("gauges.txt", live);
	}

	@Test
	void theJmxOperationsKeepTheirNamesAndParameters() throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Set<ObjectName> names = server.queryNames(new ObjectName("memory-actuator-contract-tests:name=Memory,*"), null);
		assertThat(names).hasSize(1);
		Set<String> live = new TreeSet<>();
		for (MBeanOperationInfo operation : server.getMBeanInfo(names.iterator().next()).getOperations()) {
			List<String> parameters = new ArrayList<>();
			for (MBeanParameterInfo parameter : operation.getSignature()) {
				parameters.add(parameter.getName() + ":" + parameter.getType());
			}
			live.add(operation.getName() + "(" + String.join(", ", parameters) + ")");
		}
		assertSameAsCheckedIn("jmx-operations.txt", live);
	}

	private JsonNode json(String uri) {
		String body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		return JsonMapper.builder().build().readTree(body);
	}

	// Paths, not values: "jvm.heap.pools[].name". A map whose keys are data (NMT's
	// categories, a finding's evidence) is one path ending in "{}".
	static Set<String> keyPaths(String prefix, JsonNode node) {
		Set<String> paths = new TreeSet<>();
		if (node.isObject() && DATA_MAPS.contains(prefix)) {
			paths.add(prefix + "{}");
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
				paths.add(path);
				paths.addAll(keyPaths(path, field.getValue()));
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				paths.addAll(keyPaths(prefix + "[]", element));
			}
		}
		return paths;
	}

	private static void assertSameAsCheckedIn(String list, Set<String> live) {
		write(list, live);
		Set<String> known = new TreeSet<>();
		Set<String> required = new TreeSet<>();
		for (String line : read(list)) {
			boolean optional = line.startsWith(MAY_BE_ABSENT);
			String path = optional ? line.substring(MAY_BE_ABSENT.length()) : line;
			known.add(path);
			if (!optional) {
				required.add(path);
			}
		}
		Set<String> added = new TreeSet<>(live);
		added.removeAll(known);
		Set<String> missing = new TreeSet<>(required);
		missing.removeAll(live);
		assertThat(added).as("added to the contract and not in contract/" + list).isEmpty();
		assertThat(missing).as("in contract/" + list + " and missing from the live contract").isEmpty();
	}

	private static Set<String> read(String list) {
		try (InputStream in = MemoryEndpointContractTests.class.getResourceAsStream("/contract/" + list)) {
			assertThat(in).as("contract/" + list).isNotNull();
			Set<String> lines = new TreeSet<>(
					Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
			lines.removeIf(String::isBlank);
			return lines;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void write(String list, Set<String> live) {
		String directory = System.getProperty("contract.write");
		if (directory == null) {
			return;
		}
		try {
			Files.writeString(Path.of(directory, list), String.join("\n", live) + "\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
