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

/**
 * A write that did not run: another write runs or ran within the cooldown, this JVM
 * cannot honour the requested tuning, or it cannot take a class histogram. Over JMX the
 * message reaches the client as an {@link IllegalStateException}'s; over HTTP the web
 * extension answers 429, 409 or 503 instead.
 *
 * @since 0.1.0
 */
public class WriteRefusedException extends RuntimeException {

	WriteRefusedException(String message) {
		super(message);
	}

}
