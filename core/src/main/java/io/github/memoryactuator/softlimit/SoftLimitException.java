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

package io.github.memoryactuator.softlimit;

/**
 * A target the soft limit refuses: unparseable, out of range, at or above the effective
 * limit, below the floor it can reach, a percentage without a limit, or a collector that
 * cannot be steered. The message names what is wrong and the setting, as the caller named
 * it.
 *
 * @since 0.1.0
 */
public class SoftLimitException extends IllegalArgumentException {

	private final Kind kind;

	SoftLimitException(String message) {
		this(Kind.INVALID, message);
	}

	SoftLimitException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	/**
	 * Return whether the target is wrong in itself or conflicts with this JVM's state.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * What kind of refusal.
	 */
	public enum Kind {

		/**
		 * The target is wrong for this process: unparseable, out of range, above the
		 * limit or below the floor, or the collector cannot be steered.
		 */
		INVALID,

		/**
		 * Another application context in this JVM keeps the soft limit.
		 */
		CONFLICT

	}

}
