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

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns refused scenario requests into RFC 9457 problem details whose {@code detail} says
 * what was wrong and whose {@code parameter} names the request parameter at fault.
 * Limited to {@link ScenarioController}, so the actuator endpoints keep their own errors.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = ScenarioController.class)
public class ScenarioExceptionHandler {

	@ExceptionHandler
	ProblemDetail refused(ScenarioException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.getStatus(), String.valueOf(ex.getMessage()));
		problem.setTitle(
				(ex.getStatus() == HttpStatus.BAD_REQUEST) ? "Invalid scenario parameter" : "Scenario could not run");
		if (ex.getParameter() != null) {
			problem.setProperty("parameter", ex.getParameter());
		}
		return problem;
	}

	/**
	 * Without this, {@code ?megabytes=abc} gets Boot's generic 400 body, which does not
	 * say which parameter was wrong.
	 * @param ex the conversion failure
	 * @return the problem
	 */
	@ExceptionHandler
	ProblemDetail notANumber(MethodArgumentTypeMismatchException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"'" + ex.getName() + "' must be a whole number, but was '" + ex.getValue() + "'");
		problem.setTitle("Invalid scenario parameter");
		problem.setProperty("parameter", ex.getName());
		return problem;
	}

}
