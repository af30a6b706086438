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

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns an I/O failure into a reason that names the well-known file and what the kernel
 * said, never the file's path. The JDK puts the absolute path into the message of every
 * {@link FileSystemException} and {@link FileNotFoundException}; below a cgroup directory
 * that path names the container or the pod, which the endpoint otherwise never reveals.
 */
final class IoFailures {

	private IoFailures() {
	}

	/**
	 * Return why a file could not be read.
	 * @param name the well-known name of the file, such as {@code /proc/self/status} or
	 * {@code memory.current}
	 * @param ex what reading it threw
	 * @return the reason
	 */
	static String reason(String name, Exception ex) {
		if (ex instanceof NoSuchFileException) {
			return name + " does not exist";
		}
		if (ex instanceof AccessDeniedException) {
			return name + " is not readable (permission denied)";
		}
		if (ex instanceof FileSystemException fileSystem) {
			// getReason() is the kernel's error text alone; getMessage() adds the path.
			return name + " could not be read: "
					+ ((fileSystem.getReason() != null) ? fileSystem.getReason() : ex.getClass().getSimpleName());
		}
		String message = ex.getMessage();
		if (ex instanceof FileNotFoundException && message != null && message.endsWith(")")
				&& message.lastIndexOf(" (") >= 0) {
			// FileInputStream's form: "<path> (<error text>)".
			return name + " is not readable (" + message.substring(message.lastIndexOf(" (") + 2, message.length() - 1)
					+ ")";
		}
		// Other messages are the kernel's error text ("Is a directory"); one that names a
		// path is left out.
		return name + " could not be read: " + ex.getClass().getSimpleName()
				+ ((message != null && message.indexOf('/') < 0) ? " " + message : "");
	}

}
