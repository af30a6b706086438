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

package io.github.memoryactuator.breakdown;

/**
 * How a category's figure was measured. Only {@link #RESIDENT} is a measurement of
 * resident memory; the others are claims: committed is not resident, so a committed
 * figure is only ever used up to what resident memory is left to explain, and the
 * category is then an upper bound.
 *
 * @since 0.1.0
 */
public enum Method {

	/**
	 * Resident pages counted per mapping in {@code /proc/self/smaps}.
	 */
	RESIDENT("resident from smaps"),

	/**
	 * Committed memory from Native Memory Tracking, capped by the resident memory left.
	 */
	NMT_COMMITTED("committed from NMT"),

	/**
	 * Committed memory from the memory MXBeans, capped by the resident memory left.
	 */
	MXBEAN_COMMITTED("committed from MXBeans"),

	/**
	 * Used memory from the memory MXBeans, capped by the resident memory left.
	 */
	MXBEAN_USED("used from MXBeans"),

	/**
	 * glibc's own statistics ({@code mallinfo} printed by {@code VM.info}, or
	 * {@code malloc_info} printed by {@code System.native_heap_info}), capped by the
	 * resident memory left.
	 */
	MALLINFO("glibc malloc statistics"),

	/**
	 * A model-based estimate.
	 */
	ESTIMATE("estimate"),

	/**
	 * RSS minus every other category.
	 */
	RESIDUAL("residual");

	private final String description;

	Method(String description) {
		this.description = description;
	}

	/**
	 * Return what the method means, for the report.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
