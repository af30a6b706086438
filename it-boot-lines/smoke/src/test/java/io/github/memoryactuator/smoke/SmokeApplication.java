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

package io.github.memoryactuator.smoke;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application the matrix runs on every Boot line: what a user writes, and nothing
 * that differs between the lines. Security matches paths rather than
 * {@code EndpointRequest}, whose package moved in Boot 4.
 */
@SpringBootApplication
public class SmokeApplication {

	static final String ADMIN = "admin";

	static final String VIEWER = "viewer";

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/actuator/**")
				.permitAll()
				.anyRequest()
				.hasRole("ACTUATOR_ADMIN"))
			// Actuator calls come from scripts with basic auth, not from a browser
			// session, so a CSRF token has nothing to protect here.
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/actuator/**"))
			.httpBasic(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername(ADMIN).password("{noop}" + ADMIN + "-secret").roles("ACTUATOR_ADMIN").build(),
				User.withUsername(VIEWER).password("{noop}" + VIEWER + "-secret").roles("VIEWER").build());
	}

}
