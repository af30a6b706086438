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

package io.github.memoryactuator.tuning;

import org.jspecify.annotations.Nullable;

/**
 * A heap-tuning request that was not applied. Nothing of it was applied: a change made
 * before the failure is rolled back.
 *
 * @since 0.1.0
 */
public class TuningException extends RuntimeException {

	private final Kind kind;

	private final @Nullable String parameter;

	/**
	 * Create an exception.
	 * @param kind what went wrong
	 * @param parameter the request parameter at fault, such as
	 * {@link HeapSettings#MAX_HEAP_FREE_RATIO}, or {@code null} if none is
	 * @param message what went wrong, for the caller
	 */
	public TuningException(Kind kind, @Nullable String parameter, String message) {
		super(message);
		this.kind = kind;
		this.parameter = parameter;
	}

	/**
	 * Return what went wrong.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Return the request parameter at fault.
	 * @return the parameter, or {@code null} if the failure is not about one
	 */
	public @Nullable String getParameter() {
		return this.parameter;
	}

	/**
	 * What went wrong.
	 */
	public enum Kind {

		/**
		 * The request is wrong in itself: out of range, or a minimum above the maximum
		 * (HTTP 400).
		 */
		INVALID,

		/**
		 * The request is well formed but this JVM cannot honour it: the running collector
		 * ignores the flag, or the JVM refused to write it (HTTP 409).
		 */
		CONFLICT

	}

}
