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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IoFailures} through the readers: a kernel file that exists but cannot
 * be read gives a reason that names the well-known file and what the kernel said, and
 * never the path below the root, which for a cgroup names the service, container or pod.
 * Tests run as root here, so a file with no permissions would still be read: each
 * unreadable file is something root cannot read either.
 */
class UnreadableFilesTests {

	private static final String CGROUP = "sys/fs/cgroup/system.slice/app.service";

	@TempDir
	Path temp;

	private ServerSocketChannel socket;

	@AfterEach
	void closeSocket() throws IOException {
		if (this.socket != null) {
			this.socket.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Unreadable.class)
	void cgroupUsageThatCannotBeReadDoesNotRevealTheCgroupPath(Unreadable unreadable) throws IOException {
		Path root = copyOf("cgroup-v2-host-parent-limited");
		replace(root.resolve(CGROUP).resolve("memory.current"), unreadable);
		try (CgroupMemoryReader reader = new CgroupMemoryReader(root)) {
			Reading<CgroupMemory> reading = reader.read();
			assertThat(reading.isAvailable()).isFalse();
			assertRevealsNoPath(reading.reason(), root);
			assertThat(reading.reason()).contains("memory.current").contains(unreadable.kernelSays);
		}
	}

	@ParameterizedTest
	@EnumSource(Unreadable.class)
	void cgroupLimitThatCannotBeReadDoesNotRevealTheCgroupPath(Unreadable unreadable) throws IOException {
		Path root = copyOf("cgroup-v2-host-parent-limited");
		replace(root.resolve(CGROUP).resolve("memory.max"), unreadable);
		try (CgroupMemoryReader reader = new CgroupMemoryReader(root)) {
			Reading<CgroupMemory> reading = reader.read();
			assertThat(reading.isAvailable()).isFalse();
			assertRevealsNoPath(reading.reason(), root);
			assertThat(reading.reason()).contains("memory.max");
		}
	}

	@ParameterizedTest
	@EnumSource(Unreadable.class)
	void statusThatCannotBeReadDoesNotRevealTheRoot(Unreadable unreadable) throws IOException {
		Path root = copyOf("cgroup-v2-host-parent-limited");
		replace(root.resolve("proc/self/status"), unreadable);
		Reading<ProcStatus> reading = new ProcStatusReader(root).read();
		assertThat(reading.isAvailable()).isFalse();
		assertRevealsNoPath(reading.reason(), root);
		assertThat(reading.reason()).contains("/proc/self/status").contains(unreadable.kernelSays);
	}

	@ParameterizedTest
	@EnumSource(Unreadable.class)
	void smapsThatCannotBeReadDoesNotRevealTheRoot(Unreadable unreadable) throws IOException {
		Path root = copyOf("smaps-jdk17-g1");
		replace(root.resolve("proc/self/smaps"), unreadable);
		Reading<String> reading = ProcFiles.read(root, "proc/self/smaps", 1 << 20);
		assertThat(reading.isAvailable()).isFalse();
		assertRevealsNoPath(reading.reason(), root);
		assertThat(reading.reason()).contains("/proc/self/smaps").contains(unreadable.kernelSays);
	}

	private static void assertRevealsNoPath(String reason, Path root) {
		assertThat(reason).doesNotContain(root.toString())
			.doesNotContain("system.slice")
			.doesNotContain("app.service")
			.doesNotContain("sys/fs/cgroup")
			.doesNotContain("Exception:");
	}

	private void replace(Path file, Unreadable unreadable) throws IOException {
		Files.delete(file);
		switch (unreadable) {
			case DIRECTORY -> Files.createDirectory(file);
			case SYMLINK_LOOP -> Files.createSymbolicLink(file, file.getFileName());
			case SOCKET -> {
				this.socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
				this.socket.bind(UnixDomainSocketAddress.of(file));
			}
		}
	}

	private Path copyOf(String fixture) throws IOException {
		Path source = Fixtures.root(fixture);
		// A directory name like the ids a container runtime puts in cgroup paths.
		Path target = this.temp.resolve("pod-4f2a9c-secret");
		try (Stream<Path> files = Files.walk(source)) {
			files.forEach((path) -> {
				try {
					Files.copy(path, target.resolve(source.relativize(path).toString()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		return target;
	}

	/**
	 * Files that even root cannot read, and what the kernel says about each.
	 */
	enum Unreadable {

		DIRECTORY("Is a directory"),

		SYMLINK_LOOP("Too many levels of symbolic links"),

		SOCKET("No such device or address");

		private final String kernelSays;

		Unreadable(String kernelSays) {
			this.kernelSays = kernelSays;
		}

	}

}
