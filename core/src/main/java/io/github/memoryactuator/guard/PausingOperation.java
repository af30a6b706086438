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

package io.github.memoryactuator.guard;

/**
 * The operations that stop the application for a full collection, which one
 * {@link PauseGuard} runs one at a time.
 *
 * @since 0.1.0
 */
public enum PausingOperation {

	/**
	 * {@code POST /actuator/memory}: a full GC, the heap uncommit and a native trim.
	 */
	RECLAIM("reclaim"),

	/**
	 * {@code GC.class_histogram}: a full GC and a walk of the heap that counts every
	 * class's instances.
	 */
	CLASS_HISTOGRAM("class histogram"),

	/**
	 * The soft limit's own action: a collection that resizes the heap, or a native trim.
	 * It runs alone but never starts the users' cooldown.
	 */
	SOFT_LIMIT("soft-limit collection"),

	/**
	 * A user's change of the soft-limit target (set, change or remove).
	 */
	SOFT_LIMIT_TARGET("soft-limit target change");

	private final String description;

	PausingOperation(String description) {
		this.description = description;
	}

	/**
	 * Return the operation's name for a sentence, such as {@code class histogram}.
	 * @return the name
	 */
	public String description() {
		return this.description;
	}

}
