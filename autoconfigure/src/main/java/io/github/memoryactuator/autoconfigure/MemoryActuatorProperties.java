package io.github.memoryactuator.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties for memory-actuator.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("memory-actuator")
public class MemoryActuatorProperties {

	/**
	 * Whether to enable memory-actuator.
	 */
	private boolean enabled = true;

	/**
	 * How long one snapshot of the cheap sources (/proc/self/status, cgroup, MXBeans) is
	 * shared. Keep it shorter than the scrape interval: one scrape then costs one read,
	 * and the next sees fresh figures.
	 */
	private Duration snapshotTimeToLive = Duration.ofMillis(250);

	/**
	 * Root of the file system that /proc and /sys are read under. Tests point it at a
	 * fixture tree.
	 */
	private Path filesystemRoot = Path.of("/");

	/**
	 * Number of post-GC live-set points kept for trends.
	 */
	private int liveSetHistory = 256;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getSnapshotTimeToLive() {
		return this.snapshotTimeToLive;
	}

	public void setSnapshotTimeToLive(Duration snapshotTimeToLive) {
		Assert.isTrue(!snapshotTimeToLive.isNegative(),
				"'memory-actuator.snapshot-time-to-live' must not be negative");
		this.snapshotTimeToLive = snapshotTimeToLive;
	}

	public Path getFilesystemRoot() {
		return this.filesystemRoot;
	}

	public void setFilesystemRoot(Path filesystemRoot) {
		this.filesystemRoot = filesystemRoot;
	}

	public int getLiveSetHistory() {
		return this.liveSetHistory;
	}

	public void setLiveSetHistory(int liveSetHistory) {
		Assert.isTrue(liveSetHistory >= 2 && liveSetHistory <= 100_000,
				"'memory-actuator.live-set-history' must be between 2 and 100000");
		this.liveSetHistory = liveSetHistory;
	}

}
