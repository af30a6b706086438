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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.TextScan;

/**
 * Reads the limit and usage of this process's memory cgroup, v1 or v2. The cgroup is
 * located once, when the reader is created; the figures are read on every call.
 *
 * @since 0.1.0
 */
public class CgroupMemoryReader implements AutoCloseable {

	private static final int MAX_BYTES = 64 * 1024;

	// The limit changes only when a pod is resized in place; inactive_file only feeds the
	// endpoint's working set. Neither is worth four more file reads on every scrape.
	private static final Duration SLOW_REFRESH = Duration.ofSeconds(10);

	private final Reading<CgroupLocation> location;

	private final @Nullable KernelFile usageFile;

	private final long refreshNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable Reading<Slow> slow;

	private long slowReadAt;

	/**
	 * Create a reader rooted at the given path.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 */
	public CgroupMemoryReader(Path root) {
		this(root, SLOW_REFRESH, System::nanoTime);
	}

	CgroupMemoryReader(Path root, Duration refresh, LongSupplier nanoTime) {
		this.location = CgroupLocator.locate(root);
		this.refreshNanos = refresh.toNanos();
		this.nanoTime = nanoTime;
		CgroupLocation where = this.location.orNull();
		// Opened on first read; the directory is absolute, so the root is not needed
		// again.
		this.usageFile = (where != null) ? new KernelFile(where.directory(),
				(where.version() == 1) ? "memory.usage_in_bytes" : "memory.current", MAX_BYTES) : null;
	}

	/**
	 * Return where the memory cgroup was found, or why it was not.
	 * @return the location
	 */
	public Reading<CgroupLocation> location() {
		return this.location;
	}

	/**
	 * Read the cgroup's memory figures. Usage is read every time, from a file kept open;
	 * the limit and {@code memory.stat} change rarely and cost a walk over several files,
	 * so they are re-read at most once per refresh interval.
	 * @return the figures, or why they could not be read
	 */
	public Reading<CgroupMemory> read() {
		if (!(this.location instanceof Reading.Available<CgroupLocation> available)) {
			return Reading.unavailable(String.valueOf(this.location.reason()));
		}
		CgroupLocation where = available.value();
		KernelFile usageFile = this.usageFile;
		Reading<Long> usage = (usageFile != null) ? usageFile.read(CgroupMemoryReader::parseNumber)
				: Reading.unavailable("no usage file");
		if (!(usage instanceof Reading.Available<Long> availableUsage)) {
			String reason = String.valueOf(usage.reason());
			if (where.version() == 2 && usage.cause() == Reading.Cause.MISSING) {
				return Reading.unavailable(Reading.Cause.NOT_ENABLED,
						"the cgroup v2 memory controller is not enabled for this cgroup (" + reason + ")");
			}
			return Reading.unavailable("cgroup v" + where.version() + " "
					+ ((where.version() == 1) ? "memory.usage_in_bytes" : "memory.current") + ": " + reason);
		}
		Reading<Slow> slow = slow(where);
		if (!(slow instanceof Reading.Available<Slow> availableSlow)) {
			return Reading.unavailable(String.valueOf(slow.reason()));
		}
		Slow figures = availableSlow.value();
		return Reading
			.of(new CgroupMemory(where.version(), figures.limit(), availableUsage.value(), figures.inactiveFile()));
	}

	private Reading<Slow> slow(CgroupLocation where) {
		this.lock.lock();
		try {
			long now = this.nanoTime.getAsLong();
			Reading<Slow> cached = this.slow;
			if (cached != null && now - this.slowReadAt < this.refreshNanos) {
				return cached;
			}
			Reading<Slow> fresh = (where.version() == 1) ? readV1(where) : readV2(where);
			this.slow = fresh;
			this.slowReadAt = now;
			return fresh;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Reading<Slow> readV1(CgroupLocation where) {
		Reading<CgroupLimits.Limit> limit = readFile(where.directory(), "memory.limit_in_bytes")
			.flatMap(CgroupLimits::parse);
		if (!(limit instanceof Reading.Available<CgroupLimits.Limit> availableLimit)) {
			return Reading.unavailable("cgroup v1 memory.limit_in_bytes: " + limit.reason());
		}
		@Nullable String stat = readFile(where.directory(), "memory.stat").orNull();
		CgroupLimits.Limit effective = availableLimit.value();
		// A parent's limit binds too; v1 reports the tightest one in memory.stat.
		OptionalLong hierarchical = statValue(stat, "hierarchical_memory_limit");
		if (hierarchical.isPresent()) {
			effective = effective.min(CgroupLimits.decode(hierarchical.getAsLong()));
		}
		return Reading.of(new Slow(effective, statValue(stat, "total_inactive_file")));
	}

	private Reading<Slow> readV2(CgroupLocation where) {
		Reading<String> max = readFile(where.directory(), "memory.max");
		if (!max.isAvailable()) {
			return Reading
				.unavailable("the cgroup v2 memory controller is not enabled for this cgroup (" + max.reason() + ")");
		}
		Reading<CgroupLimits.Limit> own = max.flatMap(CgroupLimits::parse);
		if (!(own instanceof Reading.Available<CgroupLimits.Limit> ownLimit)) {
			return Reading.unavailable("cgroup v2 memory.max: " + own.reason());
		}
		CgroupLimits.Limit effective = ownLimit.value();
		// v2 has no hierarchical figure: walk up to the mount and keep the tightest
		// limit.
		Path parent = where.directory().getParent();
		while (parent != null && parent.startsWith(where.mountPoint()) && !parent.equals(where.directory())) {
			if (readFile(parent, "memory.max")
				.flatMap(CgroupLimits::parse) instanceof Reading.Available<CgroupLimits.Limit> parentLimit) {
				effective = effective.min(parentLimit.value());
			}
			if (parent.equals(where.mountPoint())) {
				break;
			}
			parent = parent.getParent();
		}
		@Nullable String stat = readFile(where.directory(), "memory.stat").orNull();
		return Reading.of(new Slow(effective, statValue(stat, "inactive_file")));
	}

	private static Reading<Long> parseNumber(byte[] data, int length) {
		String text = new String(data, 0, length, StandardCharsets.ISO_8859_1).strip();
		OptionalLong value = KernelNumbers.parseUnsigned(text);
		return value.isPresent() ? Reading.of(value.getAsLong())
				: Reading.unavailable("not a number: '" + TextScan.abbreviate(text) + "'");
	}

	@Override
	public void close() {
		if (this.usageFile != null) {
			this.usageFile.close();
		}
	}

	private static Reading<String> readFile(Path directory, String name) {
		// One open and read per file: no size check first, which cost a stat call per
		// file
		// and per scrape, and cgroup files report a size unrelated to their text anyway.
		try (InputStream in = Files.newInputStream(directory.resolve(name))) {
			String text = ProcFiles.readText(in, MAX_BYTES);
			return (text != null) ? Reading.of(text) : Reading.unavailable(name + " is too large");
		}
		catch (IOException | RuntimeException ex) {
			return Reading.unavailable(IoFailures.reason(name, ex));
		}
	}

	public static OptionalLong statValue(@Nullable String stat, String key) {
		if (stat == null) {
			return OptionalLong.empty();
		}
		// Scanned in place: memory.stat has 30 to 60 lines and is read on every scrape,
		// so
		// a String per line was most of this reader's garbage.
		int start = 0;
		int length = stat.length();
		while (start < length) {
			int end = stat.indexOf('\n', start);
			if (end < 0) {
				end = length;
			}
			int space = start + key.length();
			if (space < end && stat.charAt(space) == ' ' && stat.startsWith(key, start)) {
				return KernelNumbers.parseUnsigned(stat.substring(space + 1, end).strip());
			}
			start = end + 1;
		}
		return OptionalLong.empty();
	}

	private record Slow(CgroupLimits.Limit limit, OptionalLong inactiveFile) {
	}

}
