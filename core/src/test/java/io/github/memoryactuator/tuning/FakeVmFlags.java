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

package io.github.memoryactuator.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.memoryactuator.probe.Reading;

/**
 * Flags in a map that enforce HotSpot's {@code MinHeapFreeRatio <= MaxHeapFreeRatio}
 * constraint after every write, as the JVM does, and can refuse chosen flags.
 */
public class FakeVmFlags implements VmFlags {

	public final Map<String, String> values = new HashMap<>();

	public final List<String> writes = new ArrayList<>();

	public final Set<String> refused = new HashSet<>();

	public FakeVmFlags() {
		this.values.put("MinHeapFreeRatio", "40");
		this.values.put("MaxHeapFreeRatio", "70");
		this.values.put("G1PeriodicGCInterval", "0");
		this.values.put("MinHeapSize", Long.toString(8L << 20));
		this.values.put("ZUncommitDelay", "300");
	}

	@Override
	public Reading<String> read(String name) {
		String value = this.values.get(name);
		return (value != null) ? Reading.of(value) : Reading.unavailable("VM option \"" + name + "\" does not exist");
	}

	@Override
	public void write(String name, String value) {
		if (this.refused.contains(name)) {
			throw new IllegalArgumentException("VM Option \"" + name + "\" is not writeable");
		}
		String old = this.values.put(name, value);
		if (Integer.parseInt(this.values.get("MinHeapFreeRatio")) > Integer
			.parseInt(this.values.get("MaxHeapFreeRatio"))) {
			this.values.put(name, old);
			throw new IllegalArgumentException(name + " error: value violates its flag's constraint");
		}
		this.writes.add(name + "=" + value);
	}

}
