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
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.github.memoryactuator.endpoint.RequestSizeLimitFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryEndpointManagementContextConfiguration}, loaded after the
 * endpoint as the management context loads it.
 */
class MemoryEndpointManagementContextConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryEndpointAutoConfiguration.class,
						EndpointAutoConfiguration.class, MemoryEndpointManagementContextConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=memory");

	@Test
	void runShouldCapTheBodiesSentToTheEndpointAtTheConfiguredSize() {
		this.contextRunner.withPropertyValues("memory-actuator.max-request-size=1KB").run((context) -> {
			assertThat(context.getBean(FilterRegistrationBean.class).getFilter())
				.isInstanceOf(RequestSizeLimitFilter.class);
			RequestSizeLimitFilter filter = (RequestSizeLimitFilter) context.getBean(FilterRegistrationBean.class)
				.getFilter();
			assertThat(post(filter, 1024).getStatus()).isEqualTo(200);
			assertThat(post(filter, 1025).getStatus()).isEqualTo(413);
		});
	}

	@Test
	void runWithoutTheEndpointShouldHaveNoFilter() {
		this.contextRunner.withPropertyValues("management.endpoint.memory.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void runOutsideAServletApplicationShouldHaveNoFilter() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MemoryActuatorAutoConfiguration.class, MemoryEndpointAutoConfiguration.class,
							EndpointAutoConfiguration.class, MemoryEndpointManagementContextConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=memory")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
	}

	private static MockHttpServletResponse post(RequestSizeLimitFilter filter, int bytes) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/memory");
		request.setContentType("application/json");
		request.setContent(new byte[bytes]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
