package io.github.memoryactuator.probe;

import java.nio.file.Path;

/**
 * Where the memory controller of this process's cgroup lives.
 *
 * @param version 1 or 2
 * @param directory the cgroup's directory (absolute, under the root)
 * @param mountPoint the directory the hierarchy is mounted on, the top of any walk
 * upwards
 * @since 0.1.0
 */
public record CgroupLocation(int version, Path directory, Path mountPoint) {

}
