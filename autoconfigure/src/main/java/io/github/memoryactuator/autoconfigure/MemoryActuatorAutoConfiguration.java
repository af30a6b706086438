package io.github.memoryactuator.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.memoryactuator.probe.CgroupMemoryReader;
import io.github.memoryactuator.probe.JvmMemoryReader;
import io.github.memoryactuator.probe.LiveSetTracker;
import io.github.memoryactuator.probe.ProcStatusReader;
import io.github.memoryactuator.snapshot.MemorySnapshotter;
import io.github.memoryactuator.snapshot.SnapshotCache;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the probes and the cached
 * memory snapshot that the endpoint and the gauges share.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "memory-actuator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MemoryActuatorProperties.class)
public final class MemoryActuatorAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LiveSetTracker memoryActuatorLiveSetTracker(MemoryActuatorProperties properties) {
		return LiveSetTracker.startPlatform(properties.getLiveSetHistory());
	}

	@Bean
	@ConditionalOnMissingBean
	MemorySnapshotter memoryActuatorSnapshotter(MemoryActuatorProperties properties, LiveSetTracker liveSet) {
		return new MemorySnapshotter(new ProcStatusReader(properties.getFilesystemRoot()),
				new CgroupMemoryReader(properties.getFilesystemRoot()), JvmMemoryReader.platform(), liveSet,
				MemorySnapshotter.platformCollectors(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	SnapshotCache memoryActuatorSnapshotCache(MemorySnapshotter snapshotter, MemoryActuatorProperties properties) {
		return new SnapshotCache(snapshotter::capture, properties.getSnapshotTimeToLive());
	}

}
