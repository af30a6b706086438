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

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.probe.Fixtures;
import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CgroupMemoryReader}, {@link CgroupLocator} and {@link CgroupLimits}.
 */
class CgroupMemoryReaderTests {

	@Test
	void v1HybridWithLimitReadsLimitUsageAndInactiveFile() {
		CgroupMemory memory = read("cgroup-v1-hybrid-limited");
		assertThat(memory.version()).isEqualTo(1);
		assertThat(memory.limit().bytes()).hasValue(512L * 1024 * 1024);
		assertThat(memory.usage()).isEqualTo(85598208L);
		assertThat(memory.inactiveFile()).isPresent();
	}

	@Test
	void v1HybridUnlimitedDecodesThePageRoundedLongMax() {
		CgroupMemory memory = read("cgroup-v1-hybrid-unlimited");
		assertThat(memory.version()).isEqualTo(1);
		assertThat(memory.limit().isUnlimited()).isTrue();
		assertThat(memory.usage()).isPositive();
	}

	@Test
	void v2ContainerWithLimit() {
		CgroupMemory memory = read("cgroup-v2-container-limited");
		assertThat(memory.version()).isEqualTo(2);
		assertThat(memory.limit().bytes()).hasValue(536870912L);
		assertThat(memory.usage()).isEqualTo(187326464L);
		assertThat(memory.workingSet()).hasValue(187326464L - 62914560L);
	}

	@Test
	void v2MaxIsUnlimited() {
		CgroupMemory memory = read("cgroup-v2-container-unlimited");
		assertThat(memory.limit().isUnlimited()).isTrue();
		assertThat(memory.usage()).isEqualTo(92274688L);
	}

	@Test
	void v2ParentLimitBindsAServiceWithoutItsOwn() {
		CgroupMemory memory = read("cgroup-v2-host-parent-limited");
		assertThat(memory.limit().bytes()).hasValue(1073741824L);
		assertThat(memory.usage()).isEqualTo(150994944L);
	}

	@Test
	void v2RootCgroupHasNoMemoryFilesAndSaysSo() {
		Reading<CgroupMemory> reading = new CgroupMemoryReader(Fixtures.root("cgroup-v2-host-root")).read();
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).startsWith("the cgroup v2 memory controller is not enabled for this cgroup");
	}

	@Test
	void noCgroupFileIsUnavailable() {
		Reading<CgroupMemory> reading = new CgroupMemoryReader(Fixtures.root("no-cgroup")).read();
		assertThat(reading.reason()).isEqualTo("/proc/self/cgroup does not exist (not Linux, or no cgroup support)");
	}

	@Test
	void nothingAtAllIsUnavailable(@TempDir Path empty) {
		assertThat(new CgroupMemoryReader(empty).read().isAvailable()).isFalse();
	}

	@Test
	void garbledValuesAreUnavailableWithTheText() {
		Reading<CgroupMemory> reading = new CgroupMemoryReader(Fixtures.root("garbled")).read();
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).contains("cgroup v2 memory.current: not a number: '12a'");
	}

	@Test
	void garbledLimitIsUnavailableWithTheText(@TempDir Path root) throws Exception {
		java.nio.file.Files.createDirectories(root.resolve("proc/self"));
		java.nio.file.Files.createDirectories(root.resolve("sys/fs/cgroup"));
		java.nio.file.Files.writeString(root.resolve("proc/self/cgroup"), "0::/\n");
		java.nio.file.Files.writeString(root.resolve("proc/self/mountinfo"),
				"29 28 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
		java.nio.file.Files.writeString(root.resolve("sys/fs/cgroup/memory.max"), "lots\n");
		java.nio.file.Files.writeString(root.resolve("sys/fs/cgroup/memory.current"), "1\n");
		assertThat(new CgroupMemoryReader(root).read().reason()).contains("not a cgroup memory limit: 'lots'");
	}

	@Test
	void unlimitedEncodingsAreDecodedInOnePlace() {
		assertThat(CgroupLimits.parse("max\n").orNull().isUnlimited()).isTrue();
		assertThat(CgroupLimits.parse("9223372036854771712\n").orNull().isUnlimited()).isTrue();
		// 64 KiB pages round LONG_MAX down further
		assertThat(CgroupLimits.parse("9223372036854710272").orNull().isUnlimited()).isTrue();
		assertThat(CgroupLimits.parse("1073741824").orNull().bytes()).hasValue(1073741824L);
		assertThat(CgroupLimits.parse("-1").isAvailable()).isFalse();
		assertThat(CgroupLimits.parse("").isAvailable()).isFalse();
	}

	@Test
	void mountPointsWithEscapedSpacesAreDecoded() {
		assertThat(CgroupLocator.parseMountinfo("35 31 0:32 / /sys/fs/my\\040cgroup rw - cgroup cgroup rw,memory\n"))
			.singleElement()
			.satisfies((mount) -> assertThat(mount.mountPoint()).isEqualTo("/sys/fs/my cgroup"));
	}

	@Test
	void cgroupNamespaceWithForeignPathFallsBackToTheMount(@TempDir Path root) {
		Reading<CgroupLocation> location = CgroupLocator.locate(root, "4:memory:/docker/abc\n",
				"35 31 0:32 /docker/other /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
		assertThat(location.orNull().directory()).isEqualTo(root.resolve("sys/fs/cgroup/memory"));
	}

	@Test
	void v1ControllerInACommaListIsFound(@TempDir Path root) {
		Reading<CgroupLocation> location = CgroupLocator.locate(root, "4:memory,hugetlb:/\n0::/\n",
				"35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory,hugetlb\n"
						+ "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n");
		assertThat(location.orNull().version()).isEqualTo(1);
	}

	@Test
	void usageIsReadEveryTimeButTheLimitOnlyOncePerRefreshInterval(@TempDir Path root) throws Exception {
		java.nio.file.Files.createDirectories(root.resolve("proc/self"));
		java.nio.file.Path cgroup = java.nio.file.Files.createDirectories(root.resolve("sys/fs/cgroup"));
		java.nio.file.Files.writeString(root.resolve("proc/self/cgroup"), "0::/\n");
		java.nio.file.Files.writeString(root.resolve("proc/self/mountinfo"),
				"29 28 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
		java.nio.file.Files.writeString(cgroup.resolve("memory.max"), "1000000\n");
		java.nio.file.Files.writeString(cgroup.resolve("memory.current"), "100\n");
		java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
		try (CgroupMemoryReader reader = new CgroupMemoryReader(root, java.time.Duration.ofSeconds(10), now::get)) {
			assertThat(reader.read().orNull().usage()).isEqualTo(100);
			java.nio.file.Files.writeString(cgroup.resolve("memory.max"), "2000000\n");
			java.nio.file.Files.writeString(cgroup.resolve("memory.current"), "200\n");
			now.addAndGet(java.time.Duration.ofSeconds(9).toNanos());
			CgroupMemory cached = reader.read().orNull();
			assertThat(cached.usage()).isEqualTo(200);
			assertThat(cached.limit().bytes()).hasValue(1000000);
			now.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
			assertThat(reader.read().orNull().limit().bytes()).hasValue(2000000);
		}
	}

	@Test
	void mountPointThatIsNoValidPathIsUnavailableInsteadOfThrowing(@TempDir Path root) {
		// Found by ParserFuzzTests: \000 unescapes to NUL, which Path rejects.
		Reading<CgroupLocation> location = CgroupLocator.locate(root, "0::/\n",
				"35 31 0:32 / /sys/fs/cgroup\\000x rw - cgroup2 cgroup2 rw\n");
		assertThat(location.reason())
			.isEqualTo("the cgroup v2 mount point in /proc/self/mountinfo is not a valid " + "path on this system");
	}

	@Test
	void mountPointOutsideTheRootIsUnavailable(@TempDir Path root) {
		Reading<CgroupLocation> location = CgroupLocator.locate(root.resolve("a"), "4:memory:/\n",
				"35 31 0:32 / /../../etc rw - cgroup cgroup rw,memory\n");
		assertThat(location.reason()).contains("leaves the file system root");
	}

	private static CgroupMemory read(String fixture) {
		Reading<CgroupMemory> reading = new CgroupMemoryReader(Fixtures.root(fixture)).read();
		assertThat(reading.reason()).isNull();
		return reading.orNull();
	}

}
