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

package io.github.memoryactuator.probe.hotspot;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;

/**
 * Runs HotSpot diagnostic commands (what {@code jcmd} runs) in-process through the
 * {@code com.sun.management:type=DiagnosticCommand} MBean: no attach, no fork, no JNI.
 *
 * @since 0.1.0
 */
public class DiagnosticCommands {

	/**
	 * {@code GC.run}: a full collection, which runs even under
	 * {@code -XX:+DisableExplicitGC}.
	 */
	public static final String GC_RUN = "gcRun";

	/**
	 * {@code System.trim_native_heap}: glibc {@code malloc_trim}.
	 */
	public static final String TRIM_NATIVE_HEAP = "systemTrimNativeHeap";

	/**
	 * {@code VM.native_memory}: the Native Memory Tracking report.
	 */
	public static final String NATIVE_MEMORY = "vmNativeMemory";

	/**
	 * {@code GC.heap_info}: the heap's layout and address range.
	 */
	public static final String HEAP_INFO = "gcHeapInfo";

	/**
	 * {@code GC.class_histogram}: a full collection, then every class's live instances
	 * and their bytes.
	 */
	public static final String CLASS_HISTOGRAM = "gcClassHistogram";

	/**
	 * {@code VM.info}: includes glibc's outstanding and retained C-heap.
	 */
	public static final String VM_INFO = "vmInfo";

	/**
	 * {@code System.map} (JDK 22+): every mapping with the JVM subsystem that owns it
	 * (with Native Memory Tracking on).
	 */
	public static final String SYSTEM_MAP = "systemMap";

	/**
	 * {@code System.native_heap_info}: glibc's {@code malloc_info}, with large
	 * allocations apart from the arenas (not on JDK 17).
	 */
	public static final String NATIVE_HEAP_INFO = "systemNativeHeapInfo";

	private static final String OBJECT_NAME = "com.sun.management:type=DiagnosticCommand";

	private final @Nullable MBeanServer server;

	private final @Nullable ObjectName name;

	private final Set<String> operations;

	private final @Nullable String unavailableReason;

	/**
	 * Create an instance over the given MBean server.
	 * @param server the server that holds the DiagnosticCommand MBean
	 */
	public DiagnosticCommands(MBeanServer server) {
		ObjectName objectName = null;
		Set<String> names = new HashSet<>();
		String reason = null;
		try {
			objectName = new ObjectName(OBJECT_NAME);
			for (MBeanOperationInfo operation : server.getMBeanInfo(objectName).getOperations()) {
				names.add(operation.getName());
			}
		}
		catch (JMException | RuntimeException ex) {
			reason = "the DiagnosticCommand MBean is not available on this JVM (" + ex.getClass().getSimpleName() + ")";
		}
		this.server = (reason != null) ? null : server;
		this.name = (reason != null) ? null : objectName;
		this.operations = Set.copyOf(names);
		this.unavailableReason = reason;
	}

	/**
	 * Create an instance over the platform MBean server.
	 * @return the instance
	 */
	public static DiagnosticCommands platform() {
		return new DiagnosticCommands(ManagementFactory.getPlatformMBeanServer());
	}

	/**
	 * Return whether this JVM offers the operation.
	 * @param operation the MBean operation name, such as {@link #TRIM_NATIVE_HEAP}
	 * @return whether it can be invoked
	 */
	public boolean supports(String operation) {
		return this.operations.contains(operation);
	}

	/**
	 * Invoke an operation.
	 * @param operation the MBean operation name
	 * @param arguments the command's arguments, such as {@code "summary"}
	 * @return what the command printed, or why it could not run
	 */
	public Reading<String> invoke(String operation, String... arguments) {
		if (this.server == null || this.name == null) {
			return Reading.unavailable(String.valueOf(this.unavailableReason));
		}
		if (!supports(operation)) {
			return Reading.unavailable(Reading.Cause.MISSING, "this JVM has no diagnostic command '" + operation + "'");
		}
		try {
			// Every operation takes String[]; vmNativeMemory fails with a null signature.
			Object result = this.server.invoke(this.name, operation, new Object[] { arguments },
					new String[] { String[].class.getName() });
			return Reading.of((result != null) ? result.toString() : "");
		}
		catch (JMException | RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return Reading
				.unavailable("diagnostic command '" + operation + "' failed: " + cause.getClass().getSimpleName()
						+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""));
		}
	}

}
