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

package io.github.memoryactuator.probe.kernel;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The mappings of {@code /proc/self/smaps}, in address order.
 *
 * @param mappings every mapping that could be parsed
 * @since 0.1.0
 */
public record Smaps(List<Mapping> mappings) {

	/**
	 * Create an instance.
	 * @param mappings every mapping that could be parsed
	 */
	public Smaps {
		mappings = List.copyOf(mappings);
	}

	/**
	 * Return the mappings that match.
	 * @param filter which mappings to keep
	 * @return the matching mappings
	 */
	public List<Mapping> select(Predicate<Mapping> filter) {
		return this.mappings.stream().filter(filter).toList();
	}

	/**
	 * Sum one figure over the mappings that match.
	 * @param filter which mappings to count
	 * @param figure the figure, such as {@code Mapping::rss}
	 * @return the sum in bytes
	 */
	public long sum(Predicate<Mapping> filter, ToLongFunction<Mapping> figure) {
		long total = 0;
		for (Mapping mapping : this.mappings) {
			if (filter.test(mapping)) {
				total += figure.applyAsLong(mapping);
			}
		}
		return total;
	}

}
