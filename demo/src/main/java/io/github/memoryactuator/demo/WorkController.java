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

package io.github.memoryactuator.demo;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An ordinary request: build a small catalogue and serialize it as JSON. The profiling
 * overhead benchmark measures throughput and latency of this endpoint with allocation
 * profiling on and off.
 *
 * @since 0.1.0
 */
@RestController
public class WorkController {

	static final int MAX_ITEMS = 1000;

	/**
	 * Return a catalogue page.
	 * @param items how many items, 1 to {@value #MAX_ITEMS}
	 * @return the items
	 */
	@GetMapping("/work")
	public List<Item> work(@RequestParam(defaultValue = "50") int items) {
		if (items < 1 || items > MAX_ITEMS) {
			throw ScenarioException.badParameter("items",
					"'items' must be between 1 and " + MAX_ITEMS + ", but was " + items);
		}
		List<Item> page = new ArrayList<>(items);
		for (int i = 0; i < items; i++) {
			page.add(new Item(i, "item-" + i, "A catalogue entry number " + i + " with a description of some length",
					i * 1.25, List.of("tag-" + (i % 7), "tag-" + (i % 11))));
		}
		return page;
	}

	/**
	 * One catalogue entry.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description a sentence
	 * @param price a price
	 * @param tags a few tags
	 */
	public record Item(int id, String name, String description, double price, List<String> tags) {
	}

}
