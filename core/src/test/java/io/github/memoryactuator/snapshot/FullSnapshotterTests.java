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

package io.github.memoryactuator.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.hotspot.NativeHeap;
import io.github.memoryactuator.probe.hotspot.NmtSummary;
import io.github.memoryactuator.probe.hotspot.SystemMap;
import io.github.memoryactuator.probe.hotspot.VmInfo;
import io.github.memoryactuator.probe.kernel.AddressRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FullSnapshotter}.
 */
class FullSnapshotterTests {

	private static final AddressRange JDK25_CLASS_SPACE = new AddressRange(0x26000000L, 0x66000000L);

	@Test
	void withNativeHeapInfoVmInfoRunsOnceAndLaterCapturesKeepOnlyItsFixedFacts() throws Exception {
		Commands commands = new Commands(
				Map.of(DiagnosticCommands.VM_INFO, fixture("dcmd/jdk25-g1/vm_info-nmt-off.txt"),
						DiagnosticCommands.NATIVE_HEAP_INFO, fixture("dcmd/jdk25-g1/native_heap_info.txt"),
						DiagnosticCommands.NATIVE_MEMORY, "Native memory tracking is not enabled"));
		FullSnapshotter snapshotter = snapshotter(commands);
		VmInfo first = snapshotter.capture().vmInfo().orNull();
		FullSnapshot second = snapshotter.capture();
		FullSnapshot third = snapshotter.capture();
		assertThat(commands.calls(DiagnosticCommands.VM_INFO)).isEqualTo(1);
		assertThat(commands.calls(DiagnosticCommands.NATIVE_HEAP_INFO)).isEqualTo(3);
		assertThat(first.mallocOutstanding()).isPresent();
		assertThat(first.classSpace()).contains(JDK25_CLASS_SPACE);
		VmInfo later = second.vmInfo().orNull();
		assertThat(later.classSpace()).contains(JDK25_CLASS_SPACE);
		assertThat(later.libc()).isEqualTo(first.libc());
		assertThat(later.rss()).isEmpty();
		assertThat(later.mallocOutstanding()).isEmpty();
		assertThat(later.mallocRetained()).isEmpty();
		assertThat(third.vmInfo().orNull()).isEqualTo(later);
		NativeHeap heap = second.nativeHeap().orNull();
		assertThat(second.mallocInUse()).hasValue(heap.arenaInUse() + heap.mmapped());
	}

	@Test
	void withoutNativeHeapInfoVmInfoRunsOnEveryCaptureForGlibcFigures() throws Exception {
		Commands commands = new Commands(
				Map.of(DiagnosticCommands.VM_INFO, fixture("dcmd/jdk17-g1/vm_info-nmt-off.txt"),
						DiagnosticCommands.NATIVE_MEMORY, "Native memory tracking is not enabled"));
		FullSnapshotter snapshotter = snapshotter(commands);
		snapshotter.capture();
		FullSnapshot second = snapshotter.capture();
		assertThat(commands.calls(DiagnosticCommands.VM_INFO)).isEqualTo(2);
		assertThat(second.vmInfo().orNull().mallocOutstanding()).isPresent();
		assertThat(second.mallocInUse()).isEqualTo(second.vmInfo().orNull().mallocOutstanding());
	}

	@Test
	void nmtSummaryPrintedByVmInfoIsNotAskedForAgain() throws Exception {
		Commands commands = new Commands(
				Map.of(DiagnosticCommands.VM_INFO, fixture("dcmd/jdk17-zgc/vm_info-nmt-summary.txt"),
						DiagnosticCommands.NATIVE_MEMORY, fixture("dcmd/jdk17-zgc/native_memory-summary-scale_b.txt")));
		NmtSummary nmt = snapshotter(commands).capture().nmt().orNull();
		assertThat(commands.calls(DiagnosticCommands.NATIVE_MEMORY)).isZero();
		assertThat(nmt.category("Java Heap").orElseThrow().committed()).isEqualTo(387072L * 1024);
	}

	@Test
	void nmtIsAskedForWhenVmInfoRunsWithoutItsSummaryOrNotAtAll() throws Exception {
		Commands commands = new Commands(
				Map.of(DiagnosticCommands.VM_INFO, fixture("dcmd/jdk25-g1/vm_info-nmt-off.txt"),
						DiagnosticCommands.NATIVE_HEAP_INFO, fixture("dcmd/jdk25-g1/native_heap_info.txt"),
						DiagnosticCommands.NATIVE_MEMORY, fixture("dcmd/jdk25-g1/native_memory-summary-scale_b.txt")));
		FullSnapshotter snapshotter = snapshotter(commands);
		assertThat(snapshotter.capture().nmt().isAvailable()).isTrue();
		assertThat(snapshotter.capture().nmt().isAvailable()).isTrue();
		assertThat(commands.calls(DiagnosticCommands.NATIVE_MEMORY)).isEqualTo(2);
	}

	@Test
	void systemMapLabelsAreKeptWhileEveryMappingKeepsItsBounds(@TempDir Path root) throws Exception {
		String systemMap = fixture("smaps-jdk25-g1-nmt/system_map.txt");
		Commands commands = new Commands(Map.of(DiagnosticCommands.VM_INFO,
				fixture("dcmd/jdk25-g1/vm_info-nmt-off.txt"), DiagnosticCommands.NATIVE_HEAP_INFO,
				fixture("dcmd/jdk25-g1/native_heap_info.txt"), DiagnosticCommands.NATIVE_MEMORY,
				fixture("dcmd/jdk25-g1/native_memory-summary-scale_b.txt"), DiagnosticCommands.SYSTEM_MAP, systemMap));
		Path smaps = Files.createDirectories(root.resolve("proc/self")).resolve("smaps");
		List<String> lines = systemMap.lines().filter((line) -> line.startsWith("0x")).toList();
		Files.writeString(smaps, smapsOf(lines));
		FullSnapshotter snapshotter = snapshotter(commands, root);
		FullSnapshot first = snapshotter.capture();
		FullSnapshot second = snapshotter.capture();
		assertThat(commands.calls(DiagnosticCommands.SYSTEM_MAP)).isEqualTo(1);
		assertThat(second.systemMap().orNull()).isSameAs(first.systemMap().orNull());
		assertThat(second.systemMap().orNull().labelOf(0xe0000000L, 0xf7a00000L)).isEqualTo(SystemMap.Label.JAVA_HEAP);
		// The heap commits more: its read-write mapping grows into the reserved one.
		Files.writeString(smaps, smapsOf(lines).replace("e0000000-f7a00000", "e0000000-f8000000")
			.replace("f7a00000-ffe00000", "f8000000-ffe00000"));
		snapshotter.capture();
		assertThat(commands.calls(DiagnosticCommands.SYSTEM_MAP)).isEqualTo(2);
	}

	// A smaps with the mappings System.map printed, in its columns: range, size,
	// permissions, rss, hugetlb, page size, notes, owner, file.
	private static String smapsOf(List<String> systemMapLines) {
		StringBuilder smaps = new StringBuilder();
		for (String line : systemMapLines) {
			String[] columns = line.trim().split(" +");
			String[] range = columns[0].split("-");
			String file = columns[columns.length - 1];
			smaps.append(Long.toHexString(Long.decode(range[0])))
				.append('-')
				.append(Long.toHexString(Long.decode(range[1])))
				.append(' ')
				.append(columns[2])
				.append(" 00000000 00:00 0 ")
				.append(file.equals("-") ? "" : file)
				.append("\nRss: ")
				.append(Long.parseLong(columns[3]) / 1024)
				.append(" kB\n");
		}
		return smaps.toString();
	}

	private static FullSnapshotter snapshotter(Commands commands) throws Exception {
		return snapshotter(commands, Fixtures.root("smaps-jdk17-g1"));
	}

	private static FullSnapshotter snapshotter(Commands commands, Path root) throws Exception {
		MBeanServer server = MBeanServerFactory.newMBeanServer();
		server.registerMBean(commands, new ObjectName("com.sun.management:type=DiagnosticCommand"));
		GaugeSnapshotter gauge = TestSnapshots.snapshotter("smaps-jdk17-g1");
		return new FullSnapshotter(gauge::capture, root, new DiagnosticCommands(server));
	}

	private static String fixture(String relative) throws IOException {
		return Files.readString(Fixtures.root(relative), StandardCharsets.ISO_8859_1);
	}

	/**
	 * The DiagnosticCommand MBean with fixed outputs, counting how often each runs.
	 */
	static final class Commands implements DynamicMBean {

		private final Map<String, String> outputs;

		private final List<String> invoked = new ArrayList<>();

		Commands(Map<String, String> outputs) {
			this.outputs = outputs;
		}

		synchronized int calls(String operation) {
			return (int) this.invoked.stream().filter(operation::equals).count();
		}

		@Override
		public synchronized Object invoke(String actionName, Object[] params, String[] signature) {
			this.invoked.add(actionName);
			return this.outputs.get(actionName);
		}

		@Override
		public MBeanInfo getMBeanInfo() {
			MBeanParameterInfo arguments = new MBeanParameterInfo("arguments", String[].class.getName(), "");
			MBeanOperationInfo[] operations = this.outputs.keySet()
				.stream()
				.map((name) -> new MBeanOperationInfo(name, "", new MBeanParameterInfo[] { arguments },
						String.class.getName(), MBeanOperationInfo.ACTION_INFO))
				.toArray(MBeanOperationInfo[]::new);
			return new MBeanInfo(Commands.class.getName(), "", null, null, operations, null);
		}

		@Override
		public Object getAttribute(String attribute) {
			return null;
		}

		@Override
		public void setAttribute(Attribute attribute) {
		}

		@Override
		public AttributeList getAttributes(String[] attributes) {
			return new AttributeList();
		}

		@Override
		public AttributeList setAttributes(AttributeList attributes) {
			return new AttributeList();
		}

	}

}
