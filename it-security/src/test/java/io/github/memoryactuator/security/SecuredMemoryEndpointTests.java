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

package io.github.memoryactuator.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory endpoint behind Spring Security, as an application would put it: anyone may
 * read, only {@code ACTUATOR_ADMIN} may reclaim.
 */
@SpringBootTest(classes = SecuredMemoryEndpointTests.SecuredApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,memory",
				"management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=1ms" })
class SecuredMemoryEndpointTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void anonymousGetIsAllowed() throws Exception {
		HttpResponse<String> response = send(get("/actuator/memory/process", null));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"rss\"");
	}

	@Test
	void anonymousPostIsUnauthorized() throws Exception {
		assertThat(send(post(null)).statusCode()).isEqualTo(401);
	}

	@Test
	void postWithWrongPasswordIsUnauthorized() throws Exception {
		assertThat(send(post(basic("admin", "wrong"))).statusCode()).isEqualTo(401);
	}

	@Test
	void postByAUserWithoutTheRoleIsForbidden() throws Exception {
		assertThat(send(post(basic("viewer", "viewer-secret"))).statusCode()).isEqualTo(403);
	}

	@Test
	void postByAnActuatorAdminReclaims() throws Exception {
		HttpResponse<String> response = send(post(basic("admin", "admin-secret")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"summary\"");
	}

	@Test
	void getStillReadsWithCredentials() throws Exception {
		assertThat(send(get("/actuator/memory/jvm", basic("viewer", "viewer-secret"))).statusCode()).isEqualTo(200);
	}

	private HttpRequest get(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request.build();
	}

	private HttpRequest post(String authorization) {
		// A tuning-free, trim-free reclaim keeps the test cheap; access is what is
		// tested.
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/memory"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"trim\": false}"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SecuredApplication {

		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			RequestMatcher endpoints = EndpointRequest.toAnyEndpoint();
			RequestMatcher writes = new AndRequestMatcher(endpoints,
					(request) -> !HttpMethod.GET.matches(request.getMethod())
							&& !HttpMethod.HEAD.matches(request.getMethod()));
			http.securityMatcher(endpoints)
				.authorizeHttpRequests((requests) -> requests.requestMatchers(writes)
					.hasRole("ACTUATOR_ADMIN")
					.anyRequest()
					.permitAll())
				// Actuator calls come from scripts with basic auth, not from a browser
				// session, so a CSRF token has nothing to protect here.
				.csrf((csrf) -> csrf.ignoringRequestMatchers(endpoints))
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}admin-secret").roles("ACTUATOR_ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer-secret").roles("VIEWER").build());
		}

	}

}
