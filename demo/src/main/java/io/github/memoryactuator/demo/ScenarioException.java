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

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A scenario request that was refused before it could hurt the JVM: a parameter out of
 * bounds, a cap on what may be held at once, or memory the OS would not give.
 *
 * @since 0.1.0
 */
public class ScenarioException extends RuntimeException {

	private final HttpStatus status;

	private final @Nullable String parameter;

	/**
	 * Create an exception.
	 * @param status the HTTP status to answer with
	 * @param parameter the request parameter at fault, or {@code null}
	 * @param message what was wrong and what to do, for the response's {@code detail}
	 */
	public ScenarioException(HttpStatus status, @Nullable String parameter, String message) {
		super(message);
		this.status = status;
		this.parameter = parameter;
	}

	static ScenarioException badParameter(String parameter, String message) {
		return new ScenarioException(HttpStatus.BAD_REQUEST, parameter, message);
	}

	/**
	 * The HTTP status to answer with.
	 * @return the status
	 */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * The request parameter at fault.
	 * @return the parameter name, or {@code null} when no single parameter is at fault
	 */
	public @Nullable String getParameter() {
		return this.parameter;
	}

}
