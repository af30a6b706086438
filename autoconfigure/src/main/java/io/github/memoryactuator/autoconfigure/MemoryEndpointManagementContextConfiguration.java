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

import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.util.ServletRequestPathUtils;

import io.github.memoryactuator.endpoint.MemoryEndpoint;
import io.github.memoryactuator.endpoint.RequestSizeLimitFilter;
import io.github.memoryactuator.guard.PauseGuard;

/**
 * Management-context configuration that caps the size of request bodies sent to the
 * memory endpoint and adds {@code Retry-After} to its 429s. A management-context
 * configuration, so that it applies on a separate management port too.
 *
 * @since 0.1.0
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class, ServletRequestPathUtils.class })
@ConditionalOnBean(MemoryEndpoint.class)
public class MemoryEndpointManagementContextConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> memoryActuatorRequestSizeLimitFilter(
			ObjectProvider<PathMappedEndpoints> endpoints, MemoryActuatorProperties properties, PauseGuard guard) {
		RequestSizeLimitFilter filter = new RequestSizeLimitFilter(() -> {
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String path = (mapped != null) ? mapped.getPath(EndpointId.of("memory")) : null;
			return (path != null) ? path : "/actuator/memory";
		}, properties.getMaxRequestSize().toBytes(), guard::retryAfterSeconds);
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("memoryActuatorRequestSizeLimitFilter");
		return registration;
	}

}
