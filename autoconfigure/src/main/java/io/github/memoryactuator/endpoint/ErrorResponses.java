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

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The JSON body of an error answer: {@code status}, {@code error} (what went wrong),
 * {@code parameter} when one parameter is at fault, and {@code retryAfterSeconds} with a
 * 429.
 */
final class ErrorResponses {

	static final int STATUS_CONFLICT = 409;

	private ErrorResponses() {
	}

	static WebEndpointResponse<Object> error(int status, @Nullable String parameter, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", message);
		if (parameter != null) {
			body.put("parameter", parameter);
		}
		return new WebEndpointResponse<>(body, status);
	}

	static WebEndpointResponse<Object> badParameter(InvalidParameterException ex) {
		return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getParameter(), String.valueOf(ex.getMessage()));
	}

	// The Retry-After header is set by RequestSizeLimitFilter, from the same guard.
	static WebEndpointResponse<Object> retryLater(String message, long seconds) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		body.put("error", message);
		body.put("retryAfterSeconds", seconds);
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
	}

}
