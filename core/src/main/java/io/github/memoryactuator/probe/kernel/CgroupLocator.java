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

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.memoryactuator.probe.Reading;

/**
 * Finds the memory cgroup of this process from {@code /proc/self/cgroup} and
 * {@code /proc/self/mountinfo}. A v1 memory controller wins over the unified hierarchy,
 * because hybrid hosts mount both and put the memory controller on v1.
 *
 * @since 0.1.0
 */
final class CgroupLocator {

	private static final int MAX_BYTES = 4 * 1024 * 1024;

	private CgroupLocator() {
	}

	/**
	 * Locate the memory cgroup under a root.
	 * @param root the file system root
	 * @return the location, or why there is none
	 */
	static Reading<CgroupLocation> locate(Path root) {
		Reading<String> cgroup = ProcFiles.read(root, "proc/self/cgroup", MAX_BYTES);
		if (!cgroup.isAvailable()) {
			return Reading.unavailable(cgroup.reason() + " (not Linux, or no cgroup support)");
		}
		Reading<String> mountinfo = ProcFiles.read(root, "proc/self/mountinfo", MAX_BYTES);
		if (!mountinfo.isAvailable()) {
			return Reading.unavailable(String.valueOf(mountinfo.reason()));
		}
		return locate(root, String.valueOf(cgroup.orNull()), String.valueOf(mountinfo.orNull()));
	}

	/**
	 * Locate the memory cgroup from the text of the two files. Pure apart from checking
	 * that the resulting directory exists.
	 * @param root the file system root the mount points are under
	 * @param procSelfCgroup the text of {@code /proc/self/cgroup}
	 * @param mountinfo the text of {@code /proc/self/mountinfo}
	 * @return the location, or why there is none
	 */
	static Reading<CgroupLocation> locate(Path root, String procSelfCgroup, String mountinfo) {
		String v1Path = null;
		String v2Path = null;
		for (String line : procSelfCgroup.split("\n")) {
			// hierarchy-ID:controller-list:cgroup-path; the path may itself contain ':'
			int first = line.indexOf(':');
			int second = (first >= 0) ? line.indexOf(':', first + 1) : -1;
			if (second < 0) {
				continue;
			}
			String controllers = line.substring(first + 1, second);
			String path = line.substring(second + 1).strip();
			if (!path.startsWith("/")) {
				continue;
			}
			if (line.startsWith("0:") && controllers.isEmpty()) {
				v2Path = path;
			}
			else if (List.of(controllers.split(",")).contains("memory")) {
				v1Path = path;
			}
		}
		List<Mount> mounts = parseMountinfo(mountinfo);
		if (v1Path != null) {
			for (Mount mount : mounts) {
				if (mount.fsType().equals("cgroup") && List.of(mount.superOptions().split(",")).contains("memory")) {
					return resolve(root, 1, mount, v1Path);
				}
			}
			return Reading.unavailable("the memory cgroup v1 controller is not mounted");
		}
		if (v2Path != null) {
			for (Mount mount : mounts) {
				if (mount.fsType().equals("cgroup2")) {
					return resolve(root, 2, mount, v2Path);
				}
			}
			return Reading.unavailable("the cgroup v2 hierarchy is not mounted");
		}
		return Reading.unavailable("/proc/self/cgroup names no memory cgroup");
	}

	private static Reading<CgroupLocation> resolve(Path root, int version, Mount mount, String cgroupPath) {
		try {
			return resolveOrFail(root, version, mount, cgroupPath);
		}
		catch (InvalidPathException ex) {
			// The text is read as Latin-1 and mountinfo's \000 unescapes to NUL: a name
			// that is not a valid path here (NUL, or unmappable in sun.jnu.encoding) must
			// not stop the application from starting.
			return Reading.unavailable("the " + ((version == 1) ? "memory cgroup v1" : "cgroup v2")
					+ " mount point in /proc/self/mountinfo is not a valid path on this system");
		}
	}

	private static Reading<CgroupLocation> resolveOrFail(Path root, int version, Mount mount, String cgroupPath) {
		Path normalRoot = root.normalize();
		Path mountPoint = root.resolve(mount.mountPoint().substring(1)).normalize();
		if (!mountPoint.startsWith(normalRoot)) {
			// Only a garbled mountinfo ("/../..") gets here; never read outside the root.
			return Reading.unavailable("the " + ((version == 1) ? "memory cgroup v1" : "cgroup v2")
					+ " mount point in /proc/self/mountinfo leaves the file system root");
		}
		String relative;
		if (mount.root().equals("/")) {
			relative = cgroupPath;
		}
		else if (cgroupPath.startsWith(mount.root())) {
			relative = cgroupPath.substring(mount.root().length());
		}
		else {
			// A cgroup namespace shows the cgroup's own directory as the mount.
			relative = "/";
		}
		Path directory = mountPoint.resolve(relative.replaceFirst("^/+", "")).normalize();
		if (!directory.startsWith(mountPoint) || !Files.isDirectory(directory)) {
			// Host paths are not visible inside some containers; the mount is then ours.
			directory = mountPoint;
		}
		return Reading.of(new CgroupLocation(version, directory, mountPoint));
	}

	static List<Mount> parseMountinfo(String mountinfo) {
		List<Mount> mounts = new ArrayList<>();
		for (String line : mountinfo.split("\n")) {
			String[] fields = line.strip().split(" ");
			int separator = -1;
			for (int i = 6; i < fields.length; i++) {
				if (fields[i].equals("-")) {
					separator = i;
					break;
				}
			}
			if (separator < 0 || fields.length < separator + 4 || !fields[4].startsWith("/")) {
				continue;
			}
			mounts
				.add(new Mount(unescape(fields[3]), unescape(fields[4]), fields[separator + 1], fields[separator + 3]));
		}
		return mounts;
	}

	// mountinfo escapes space, tab, newline and backslash as three octal digits (\040).
	private static String unescape(String field) {
		if (field.indexOf('\\') < 0) {
			return field;
		}
		StringBuilder result = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && isOctal(field, i + 1, 3)) {
				result.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	private static boolean isOctal(String text, int from, int count) {
		if (from + count > text.length()) {
			return false;
		}
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '7') {
				return false;
			}
		}
		return true;
	}

	record Mount(String root, String mountPoint, String fsType, String superOptions) {
	}

}
