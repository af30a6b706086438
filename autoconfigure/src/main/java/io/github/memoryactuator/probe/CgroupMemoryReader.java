package io.github.memoryactuator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Reads the limit and usage of this process's memory cgroup, v1 or v2. The cgroup is
 * located once, when the reader is created; the figures are read on every call.
 *
 * @since 0.1.0
 */
public class CgroupMemoryReader {

	private static final int MAX_BYTES = 64 * 1024;

	private final Reading<CgroupLocation> location;

	/**
	 * Create a reader rooted at the given path.
	 * @param root the file system root ({@code /} in production, a fixture tree in tests)
	 */
	public CgroupMemoryReader(Path root) {
		this.location = CgroupLocator.locate(root);
	}

	/**
	 * Return where the memory cgroup was found, or why it was not.
	 * @return the location
	 */
	public Reading<CgroupLocation> location() {
		return this.location;
	}

	/**
	 * Read the cgroup's memory figures.
	 * @return the figures, or why they could not be read
	 */
	public Reading<CgroupMemory> read() {
		if (!(this.location instanceof Reading.Available<CgroupLocation> available)) {
			return Reading.unavailable(String.valueOf(this.location.reason()));
		}
		CgroupLocation where = available.value();
		return (where.version() == 1) ? readV1(where) : readV2(where);
	}

	private Reading<CgroupMemory> readV1(CgroupLocation where) {
		Reading<CgroupLimits.Limit> limit = readFile(where.directory(), "memory.limit_in_bytes")
			.flatMap(CgroupLimits::parse);
		Reading<Long> usage = readNumber(where.directory(), "memory.usage_in_bytes");
		if (!(limit instanceof Reading.Available<CgroupLimits.Limit> availableLimit)) {
			return Reading.unavailable("cgroup v1 memory.limit_in_bytes: " + limit.reason());
		}
		if (!(usage instanceof Reading.Available<Long> availableUsage)) {
			return Reading.unavailable("cgroup v1 memory.usage_in_bytes: " + usage.reason());
		}
		@Nullable String stat = readFile(where.directory(), "memory.stat").orNull();
		CgroupLimits.Limit effective = availableLimit.value();
		// A parent's limit binds too; v1 reports the tightest one in memory.stat.
		OptionalLong hierarchical = statValue(stat, "hierarchical_memory_limit");
		if (hierarchical.isPresent()) {
			effective = effective.min(CgroupLimits.decode(hierarchical.getAsLong()));
		}
		return Reading.of(new CgroupMemory(1, effective, availableUsage.value(), statValue(stat, "total_inactive_file")));
	}

	private Reading<CgroupMemory> readV2(CgroupLocation where) {
		Reading<String> max = readFile(where.directory(), "memory.max");
		Reading<Long> usage = readNumber(where.directory(), "memory.current");
		if (!max.isAvailable() || !(usage instanceof Reading.Available<Long> availableUsage)) {
			return Reading.unavailable("the cgroup v2 memory controller is not enabled for this cgroup ("
					+ ((!max.isAvailable()) ? max.reason() : usage.reason()) + ")");
		}
		Reading<CgroupLimits.Limit> own = max.flatMap(CgroupLimits::parse);
		if (!(own instanceof Reading.Available<CgroupLimits.Limit> ownLimit)) {
			return Reading.unavailable("cgroup v2 memory.max: " + own.reason());
		}
		CgroupLimits.Limit effective = ownLimit.value();
		// v2 has no hierarchical figure: walk up to the mount and keep the tightest limit.
		Path parent = where.directory().getParent();
		while (parent != null && parent.startsWith(where.mountPoint()) && !parent.equals(where.directory())) {
			if (readFile(parent, "memory.max").flatMap(CgroupLimits::parse) instanceof Reading.Available<CgroupLimits.Limit> parentLimit) {
				effective = effective.min(parentLimit.value());
			}
			if (parent.equals(where.mountPoint())) {
				break;
			}
			parent = parent.getParent();
		}
		@Nullable String stat = readFile(where.directory(), "memory.stat").orNull();
		return Reading.of(new CgroupMemory(2, effective, availableUsage.value(), statValue(stat, "inactive_file")));
	}

	private static Reading<Long> readNumber(Path directory, String name) {
		return readFile(directory, name).flatMap((text) -> {
			OptionalLong value = KernelNumbers.parseUnsigned(text.strip());
			return (value.isPresent()) ? Reading.of(value.getAsLong())
					: Reading.unavailable(name + " is not a number: '" + ProcStatusParser.abbreviate(text.strip()) + "'");
		});
	}

	private static Reading<String> readFile(Path directory, String name) {
		// One open and read per file: no size check first, which cost a stat call per file
		// and per scrape, and cgroup files report a size unrelated to their text anyway.
		try (InputStream in = Files.newInputStream(directory.resolve(name))) {
			String text = ProcFiles.readText(in, MAX_BYTES);
			return (text != null) ? Reading.of(text) : Reading.unavailable(name + " is too large");
		}
		catch (IOException | RuntimeException ex) {
			return Reading.unavailable(name + " could not be read (" + ex.getClass().getSimpleName() + ")");
		}
	}

	static OptionalLong statValue(@Nullable String stat, String key) {
		if (stat == null) {
			return OptionalLong.empty();
		}
		// Scanned in place: memory.stat has 30 to 60 lines and is read on every scrape, so
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

}
