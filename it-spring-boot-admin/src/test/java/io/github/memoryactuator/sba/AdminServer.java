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

package io.github.memoryactuator.sba;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openqa.selenium.json.Json;

/**
 * The Spring Boot Admin server of one line, in a JVM of its own, secured with a login and
 * a CSRF cookie (see {@code AdminServerApplication}), and its registration API.
 */
final class AdminServer implements AutoCloseable {

	static final String USER = "admin";

	private static final Json json = new Json();

	private final ForkedApp app;

	private final String password;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private AdminServer(ForkedApp app, String password) {
		this.app = app;
		this.password = password;
	}

	/**
	 * Start the server with the class path of its line.
	 * @param classes the compiled server application
	 * @param classPathFile the line's runtime class path, as the dependency plugin wrote
	 * it
	 * @param logs where its log goes
	 * @param password the password of {@link #USER}
	 * @return the starting server, which {@link #await(ForkedApp.Starting, String)} waits
	 * for
	 */
	static ForkedApp.Starting start(Path classes, Path classPathFile, Path logs, String password) throws IOException {
		String classPath = classes + java.io.File.pathSeparator
				+ Files.readString(classPathFile, StandardCharsets.UTF_8).trim();
		return ForkedApp.start("admin-server", logs, List.of("-Xmx384m"),
				List.of("-cp", classPath, "io.github.memoryactuator.sba.server.AdminServerApplication"),
				// immediate: a graceful shutdown waits for the UI's event streams
				List.of("--spring.security.user.name=" + USER, "--spring.security.user.password=" + password,
						"--server.shutdown=immediate", "--spring.application.name=spring-boot-admin",
						"--management.endpoints.web.exposure.include=health,info",
						"--management.endpoint.health.show-details=always"));
	}

	static String newPassword() {
		return UUID.randomUUID().toString();
	}

	static AdminServer await(ForkedApp.Starting starting, String password) throws IOException, InterruptedException {
		return new AdminServer(starting.awaitStarted(), password);
	}

	String baseUrl() {
		return this.app.baseUrl();
	}

	String password() {
		return this.password;
	}

	ForkedApp app() {
		return this.app;
	}

	/**
	 * Register an application through SBA's registration API, as the SBA client would.
	 * @param name the application's name
	 * @param baseUrl where it serves, such as {@code http://127.0.0.1:8080}
	 * @return SBA's id of the instance
	 */
	String register(String name, String baseUrl) throws IOException, InterruptedException {
		Map<String, Object> registration = new LinkedHashMap<>();
		registration.put("name", name);
		registration.put("managementUrl", baseUrl + "/actuator");
		registration.put("healthUrl", baseUrl + "/actuator/health");
		registration.put("serviceUrl", baseUrl + "/");
		HttpResponse<String> response = this.http.send(request("/instances").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.toJson(registration)))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException(
					"registering " + name + " answered " + response.statusCode() + ": " + response.body());
		}
		return String.valueOf(json.<Map<String, Object>>toType(response.body(), Json.MAP_TYPE).get("id"));
	}

	/**
	 * Wait until SBA has seen the instance up and has read its actuator endpoints (its
	 * {@code ENDPOINTS_DETECTED} event), which is what the UI decides its tabs on.
	 * @param id the instance
	 * @param timeout how long to wait
	 * @return the ids of the instance's endpoints
	 */
	List<String> awaitEndpoints(String id, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			HttpResponse<String> events = this.http.send(request("/instances/events").GET().build(),
					HttpResponse.BodyHandlers.ofString());
			boolean detected = events.statusCode() == 200 && json
				.<List<Map<String, Object>>>toType(events.body(), Json.LIST_OF_MAPS_TYPE)
				.stream()
				.anyMatch(
						(event) -> id.equals(event.get("instance")) && "ENDPOINTS_DETECTED".equals(event.get("type")));
			HttpResponse<String> response = this.http.send(request("/instances/" + id).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			last = response.body();
			if (detected && response.statusCode() == 200) {
				Map<String, Object> instance = json.toType(last, Json.MAP_TYPE);
				Object status = ((Map<?, ?>) instance.get("statusInfo")).get("status");
				List<?> endpoints = (List<?>) instance.get("endpoints");
				if ("UP".equals(status) && endpoints != null) {
					return endpoints.stream()
						.map((endpoint) -> String.valueOf(((Map<?, ?>) endpoint).get("id")))
						.toList();
				}
			}
			Thread.sleep(200);
		}
		throw new IOException("SBA did not see instance " + id + " up with its endpoints within " + timeout.toSeconds()
				+ " s; the last answer: " + last);
	}

	private HttpRequest.Builder request(String path) {
		String credentials = Base64.getEncoder()
			.encodeToString((USER + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Authorization", "Basic " + credentials)
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10));
	}

	@Override
	public void close() {
		this.app.close();
	}

}
