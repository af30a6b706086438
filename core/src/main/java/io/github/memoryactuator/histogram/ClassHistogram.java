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

import java.util.List;

/**
 * What {@code GC.class_histogram} counted: every class with live instances, largest first
 * as the JVM prints them.
 *
 * @param classes one entry per class
 * @param instances the JVM's total of instances
 * @param bytes the JVM's total of bytes (shallow sizes: each object without what it
 * references)
 * @since 0.1.0
 */
public record ClassHistogram(List<Entry> classes, long instances, long bytes) {

	/**
	 * Create a histogram.
	 * @param classes the entries
	 * @param instances the total of instances
	 * @param bytes the total of bytes
	 */
	public ClassHistogram {
		classes = List.copyOf(classes);
	}

	/**
	 * One class.
	 *
	 * @param className the class, as Java writes it ({@code byte[]},
	 * {@code com.acme.Cache$Entry})
	 * @param instances its live instances
	 * @param bytes their shallow size in bytes
	 */
	public record Entry(String className, long instances, long bytes) {
	}

}
