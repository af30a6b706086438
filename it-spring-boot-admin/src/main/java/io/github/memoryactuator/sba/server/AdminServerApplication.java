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

package io.github.memoryactuator.sba.server;

import de.codecentric.boot.admin.server.config.AdminServerProperties;
import de.codecentric.boot.admin.server.config.EnableAdminServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * A Spring Boot Admin server secured the way SBA's documentation secures one: a login
 * form for the UI, HTTP Basic for the registration API, and a CSRF token in the
 * {@code XSRF-TOKEN} cookie that SBA's HTTP client sends back with every write, so the
 * Memory tab's reclaim passes only when it goes through that client. The user is
 * {@code spring.security.user.*}, set by the test.
 */
@SpringBootApplication
@EnableAdminServer
public class AdminServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdminServerApplication.class, args);
	}

	@Bean
	SecurityFilterChain adminServerSecurity(HttpSecurity http, AdminServerProperties server) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
		signedIn.setTargetUrlParameter("redirectTo");
		signedIn.setDefaultTargetUrl(server.path("/"));
		// The token is read on every request, not deferred: that writes the cookie
		// that SBA's client reads it from.
		CsrfTokenRequestAttributeHandler tokens = new CsrfTokenRequestAttributeHandler();
		tokens.setCsrfRequestAttributeName(null);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(paths.matcher(server.path("/assets/**")), paths.matcher(server.path("/login")),
					paths.matcher(server.path("/actuator/health")), paths.matcher(server.path("/actuator/info")))
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage(server.path("/login")).successHandler(signedIn))
			.logout((logout) -> logout.logoutUrl(server.path("/logout")))
			.httpBasic(Customizer.withDefaults())
			// Registration and deregistration are API calls with HTTP Basic; every
			// write from the UI, the proxied actuator writes among them, needs the token.
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(tokens)
				.ignoringRequestMatchers(paths.matcher(HttpMethod.POST, server.path("/instances")),
						paths.matcher(HttpMethod.DELETE, server.path("/instances/*")),
						paths.matcher(server.path("/actuator/**"))));
		return http.build();
	}

}
