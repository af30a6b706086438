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

package io.github.memoryactuator.histogram;

import io.github.memoryactuator.guard.Refusal;

/**
 * The answer to a class histogram request.
 *
 * @since 0.1.0
 */
public sealed interface HistogramOutcome
		permits HistogramOutcome.Completed, HistogramOutcome.Refused, HistogramOutcome.Unavailable {

	/**
	 * The histogram ran (HTTP 200).
	 *
	 * @param report the top classes and what grew since the previous histogram
	 */
	record Completed(HistogramReport report) implements HistogramOutcome {
	}

	/**
	 * The guard refused the request: another operation that pauses the application runs,
	 * or one ran within the cooldown. Nothing ran.
	 *
	 * @param refusal why
	 */
	record Refused(Refusal refusal) implements HistogramOutcome {
	}

	/**
	 * This JVM cannot print a class histogram, or the command failed (HTTP 503).
	 *
	 * @param reason why
	 */
	record Unavailable(String reason) implements HistogramOutcome {
	}

}
