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

package io.github.memoryactuator.endpoint;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * A request parameter that is wrong in itself: a 400 over HTTP, an
 * {@link IllegalArgumentException} over JMX. The message names the parameter.
 */
final class InvalidParameterException extends InvalidEndpointRequestException {

	private final @Nullable String parameter;

	InvalidParameterException(@Nullable String parameter, String message) {
		super(message, message);
		this.parameter = parameter;
	}

	@Nullable String getParameter() {
		return this.parameter;
	}

}
