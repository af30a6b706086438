package io.github.memoryactuator.reclaim;

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
class FakeVmFlags implements VmFlags {

	final Map<String, String> values = new HashMap<>();

	final List<String> writes = new ArrayList<>();

	final Set<String> refused = new HashSet<>();

	FakeVmFlags() {
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
		if (Integer.parseInt(this.values.get("MinHeapFreeRatio")) > Integer.parseInt(this.values.get("MaxHeapFreeRatio"))) {
			this.values.put(name, old);
			throw new IllegalArgumentException(name + " error: value violates its flag's constraint");
		}
		this.writes.add(name + "=" + value);
	}

}
