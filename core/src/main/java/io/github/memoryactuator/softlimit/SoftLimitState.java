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
 * What the soft limit is doing.
 *
 * @since 0.1.0
 */
public enum SoftLimitState {

	/**
	 * Charged memory is at or under the target.
	 */
	HOLDING,

	/**
	 * Charged memory is above the target and the controller is bringing it down, or has
	 * no means left that works (the reason says which).
	 */
	OVER,

	/**
	 * The controller's collections spent the GC CPU budget: it stops tightening and lets
	 * memory exceed the target until the budget has drained to half.
	 */
	THROTTLED,

	/**
	 * The live set plus the non-heap memory does not fit the target: the controller stops
	 * tightening and probes again now and then.
	 */
	UNREACHABLE,

	/**
	 * No target is set, or the controller cannot run here (the reason says why).
	 */
	OFF

}
