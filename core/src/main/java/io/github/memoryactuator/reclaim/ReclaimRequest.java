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

package io.github.memoryactuator.reclaim;

import io.github.memoryactuator.tuning.HeapSettings;

/**
 * What a reclaim should do. Tuning is applied first, so that the collection that follows
 * already sizes the heap by the new ratios.
 *
 * @param gc whether to run a full collection and wait for the heap uncommit to settle
 * @param trim whether to trim the native (glibc) heap
 * @param tuning heap-shrink flags to set first; {@link HeapSettings#none()} for none
 * @since 0.1.0
 */
public record ReclaimRequest(boolean gc, boolean trim, HeapSettings tuning) {

	private static final ReclaimRequest DEFAULTS = new ReclaimRequest(true, true, HeapSettings.none());

	/**
	 * Return the default request: collect and trim, tune nothing.
	 * @return the request
	 */
	public static ReclaimRequest defaults() {
		return DEFAULTS;
	}

	/**
	 * Return whether this request runs a step that costs a pause or CPU (a collection or
	 * a trim), as opposed to only setting flags.
	 * @return whether the collection or the trim is requested
	 */
	public boolean reclaims() {
		return this.gc || this.trim;
	}

}
