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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.tuning.VmFlags;

/**
 * VM flags in a map that refuse what HotSpot refuses: an unknown flag, and a write that
 * breaks {@code MinHeapFreeRatio <= MaxHeapFreeRatio}. Records every write.
 */
final class FakeFlags implements VmFlags {

	final Map<String, String> values = new LinkedHashMap<>();

	final List<String> writes = new ArrayList<>();

	FakeFlags with(String name, Object value) {
		this.values.put(name, String.valueOf(value));
		return this;
	}

	static FakeFlags g1() {
		return new FakeFlags().with("MinHeapFreeRatio", 40)
			.with("MaxHeapFreeRatio", 70)
			.with("G1PeriodicGCInterval", 0)
			.with("MinHeapSize", 8 * 1024 * 1024)
			.with("InitialHeapSize", 64 * 1024 * 1024)
			.with("MaxHeapSize", 1024 * 1024 * 1024)
			.with("DisableExplicitGC", false)
			.with("SoftMaxHeapSize", 1024 * 1024 * 1024);
	}

	@Override
	public Reading<String> read(String name) {
		String value = this.values.get(name);
		return (value != null) ? Reading.of(value) : Reading.unavailable("no flag " + name);
	}

	@Override
	public void write(String name, String value) {
		if (!this.values.containsKey(name)) {
			throw new IllegalArgumentException("Flag " + name + " does not exist");
		}
		long min = (name.equals("MinHeapFreeRatio")) ? Long.parseLong(value) : number("MinHeapFreeRatio");
		long max = (name.equals("MaxHeapFreeRatio")) ? Long.parseLong(value) : number("MaxHeapFreeRatio");
		if (min > max) {
			throw new IllegalArgumentException(name + " error: value violates its flag's constraint");
		}
		this.values.put(name, value);
		this.writes.add(name + "=" + value);
	}

	private long number(String name) {
		String value = this.values.get(name);
		return (value != null) ? Long.parseLong(value) : 0;
	}

}
