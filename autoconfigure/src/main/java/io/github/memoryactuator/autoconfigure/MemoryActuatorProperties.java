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

package io.github.memoryactuator.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.softlimit.SoftLimitException;
import io.github.memoryactuator.softlimit.SoftLimitSettings;
import io.github.memoryactuator.softlimit.SoftLimitTarget;
import io.github.memoryactuator.watch.MemoryWatch;

/**
 * Configuration properties for memory-actuator. They validate themselves, in
 * {@link #validate(Object, Errors)}, which Spring Boot's binder calls: a bad value fails
 * the start with a message that names the property and the value.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(MemoryActuatorProperties.PREFIX)
public class MemoryActuatorProperties implements Validator {

	static final String PREFIX = "memory-actuator";

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
	 * Largest request body the memory endpoint accepts; larger ones get 413. Spring
	 * Boot's actuator reads a JSON body whole before the operation sees it.
	 */
	private DataSize maxRequestSize = DataSize.ofKilobytes(64);

	private final FullCapture fullCapture = new FullCapture();

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	private final Gc gc = new Gc();

	private final Breakdown breakdown = new Breakdown();

	private final Diagnosis diagnosis = new Diagnosis();

	private final History history = new History();

	private final Watch watch = new Watch();

	private final PreOom preOom = new PreOom();

	private final Reclaim reclaim = new Reclaim();

	private final Profiling profiling = new Profiling();

	private final CompatibilityVerifier compatibilityVerifier = new CompatibilityVerifier();

	private final Health health = new Health();

	private final SoftLimit softLimit = new SoftLimit();

	public FullCapture getFullCapture() {
		return this.fullCapture;
	}

	public Gc getGc() {
		return this.gc;
	}

	public Breakdown getBreakdown() {
		return this.breakdown;
	}

	public Diagnosis getDiagnosis() {
		return this.diagnosis;
	}

	public History getHistory() {
		return this.history;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public PreOom getPreOom() {
		return this.preOom;
	}

	public Reclaim getReclaim() {
		return this.reclaim;
	}

	public Profiling getProfiling() {
		return this.profiling;
	}

	public CompatibilityVerifier getCompatibilityVerifier() {
		return this.compatibilityVerifier;
	}

	public Health getHealth() {
		return this.health;
	}

	public SoftLimit getSoftLimit() {
		return this.softLimit;
	}

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
		this.snapshotTimeToLive = snapshotTimeToLive;
	}

	public Path getFilesystemRoot() {
		return this.filesystemRoot;
	}

	public void setFilesystemRoot(Path filesystemRoot) {
		this.filesystemRoot = filesystemRoot;
	}

	@Override
	public boolean supports(Class<?> type) {
		return MemoryActuatorProperties.class.isAssignableFrom(type);
	}

	/**
	 * Check every property; each bad value is rejected with a message that names its full
	 * key and the value.
	 * @param target these properties
	 * @param errors where the rejections go
	 */
	@Override
	public void validate(Object target, Errors errors) {
		MemoryActuatorProperties properties = (MemoryActuatorProperties) target;
		Check check = new Check(errors);
		check.that(!properties.snapshotTimeToLive.isNegative(), "snapshotTimeToLive", "must not be negative");
		check.that(properties.maxRequestSize.toBytes() >= 1024, "maxRequestSize", "must be at least 1KB");
		int recentCollections = properties.gc.recentCollections;
		check.that(recentCollections >= 2 && recentCollections <= 100_000, "gc.recentCollections",
				"must be between 2 and 100000");
		check.that(!properties.fullCapture.minInterval.isNegative(), "fullCapture.minInterval", "must not be negative");
		check.that(properties.breakdown.refreshInterval.toMillis() >= 1000, "breakdown.refreshInterval",
				"must be at least 1s");
		validateHistory(properties.history, check);
		Duration watch = properties.watch.interval;
		check.that(watch.compareTo(MemoryWatch.MIN_INTERVAL) >= 0 && watch.compareTo(MemoryWatch.MAX_INTERVAL) <= 0,
				"watch.interval", "must be between 25ms and 10s");
		PreOom preOom = properties.preOom;
		check.that(preOom.threshold > 0.05 && preOom.threshold <= 1, "preOom.threshold",
				"must be above 0.05 and at most 1");
		check.that(preOom.minInterval.compareTo(Duration.ofSeconds(1)) >= 0, "preOom.minInterval",
				"must be at least 1s");
		check.that(preOom.maxFiles >= 1 && preOom.maxFiles <= 1000, "preOom.maxFiles", "must be between 1 and 1000");
		Diagnosis diagnosis = properties.diagnosis;
		check.that(
				diagnosis.leakWindow.compareTo(Duration.ofSeconds(1)) >= 0
						&& diagnosis.leakWindow.compareTo(Duration.ofDays(1)) <= 0,
				"diagnosis.leakWindow", "must be between 1s and 1d");
		check.that(!diagnosis.leakMinGrowth.isNegative(), "diagnosis.leakMinGrowth", "must not be negative");
		check.that(diagnosis.leakMinGrowthRatio >= 0 && diagnosis.leakMinGrowthRatio <= 100,
				"diagnosis.leakMinGrowthRatio", "must be between 0 and 100");
		Reclaim reclaim = properties.reclaim;
		check.that(!reclaim.cooldown.isNegative(), "reclaim.cooldown", "must not be negative");
		check.that(!reclaim.settleTimeout.isNegative() && reclaim.settleTimeout.toSeconds() <= 60,
				"reclaim.settleTimeout", "must be between 0 and 60s");
		check.that(reclaim.settlePollInterval.toMillis() >= 1, "reclaim.settlePollInterval", "must be at least 1ms");
		Profiling profiling = properties.profiling;
		check.that(profiling.allocationSamplesPerSecond >= 1 && profiling.allocationSamplesPerSecond <= 10_000,
				"profiling.allocationSamplesPerSecond", "must be between 1 and 10000");
		check.that(profiling.survivorInterval.toMillis() >= 1000, "profiling.survivorInterval", "must be at least 1s");
		check.that(profiling.window.toMillis() >= 60_000, "profiling.window", "must be at least 1m");
		Health health = properties.health;
		check.that(health.threshold > 0 && health.threshold <= 1, "health.threshold", "must be above 0 and at most 1");
		check.that(!health.statusAboveThreshold.isBlank(), "health.statusAboveThreshold", "must not be empty");
		validateSoftLimit(properties.softLimit, check);
	}

	// The history's rings are allocated at start: each interval at least 1s, the
	// retention at least each interval, and no ring above MemoryHistory.MAX_POINTS.
	private static void validateHistory(History history, Check check) {
		for (String name : new String[] { "interval", "breakdownInterval" }) {
			Duration interval = name.equals("interval") ? history.interval : history.breakdownInterval;
			String field = "history." + name;
			if (!check.that(interval.compareTo(Duration.ofSeconds(1)) >= 0, field, "must be at least 1s")) {
				continue;
			}
			if (!check.that(history.retention.compareTo(interval) >= 0, "history.retention",
					"must be at least '" + key(field) + "' (" + interval + ")")) {
				continue;
			}
			long points = history.retention.toMillis() / interval.toMillis();
			check.that(points < MemoryHistory.MAX_POINTS, "history.retention",
					"/ '" + key(field) + "' must be at most " + (MemoryHistory.MAX_POINTS - 1) + " points", points);
		}
	}

	private static void validateSoftLimit(SoftLimit softLimit, Check check) {
		String target = softLimit.target;
		if (target != null) {
			try {
				SoftLimitTarget.parse(key("softLimit.target"), target);
			}
			catch (SoftLimitException ex) {
				check.errors.rejectValue("softLimit.target", "invalid", String.valueOf(ex.getMessage()));
			}
		}
		check.that(softLimit.aim > 0.5 && softLimit.aim <= 1, "softLimit.aim", "must be above 0.5 and at most 1");
		check.that(softLimit.gcCpuBudget > 0 && softLimit.gcCpuBudget <= 1, "softLimit.gcCpuBudget",
				"must be above 0 and at most 1");
		check.that(softLimit.maxForcedCollectionsPerMinute >= 1 && softLimit.maxForcedCollectionsPerMinute <= 60,
				"softLimit.maxForcedCollectionsPerMinute", "must be between 1 and 60");
	}

	// "preOom.maxFiles" -> "memory-actuator.pre-oom.max-files"
	static String key(String field) {
		return PREFIX + "." + field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
	}

	// Rejects a field with "'<key>' <rule>, but was <value>".
	private record Check(Errors errors) {

		boolean that(boolean valid, String field, String rule) {
			return that(valid, field, rule, this.errors.getFieldValue(field));
		}

		boolean that(boolean valid, String field, String rule, @Nullable Object value) {
			if (!valid) {
				this.errors.rejectValue(field, "invalid", "'" + key(field) + "' " + rule + ", but was " + value);
			}
			return valid;
		}

	}

	/**
	 * Full-depth captures (smaps, NMT, GC.heap_info, VM.info), used by the breakdown and
	 * the diagnosis.
	 */
	public static class FullCapture {

		/**
		 * Shortest time between two full captures; requests in between are served the
		 * cached one. Reading smaps takes the process's memory-map lock, so keep it well
		 * above zero.
		 */
		private Duration minInterval = Duration.ofSeconds(10);

		public Duration getMinInterval() {
			return this.minInterval;
		}

		public void setMinInterval(Duration minInterval) {
			this.minInterval = minInterval;
		}

	}

	/**
	 * The gc section of the memory endpoint.
	 */
	public static class Gc {

		/**
		 * Number of most recent collections the gc section lists. The leak trend keeps
		 * its own points, bounded by the leak window.
		 */
		private int recentCollections = 256;

		public int getRecentCollections() {
			return this.recentCollections;
		}

		public void setRecentCollections(int recentCollections) {
			this.recentCollections = recentCollections;
		}

	}

	/**
	 * The process.memory.breakdown gauge.
	 */
	public static class Breakdown {

		/**
		 * Whether to register the process.memory.breakdown gauge and refresh it in the
		 * background.
		 */
		private boolean gaugeEnabled = true;

		/**
		 * How often the breakdown gauge is recomputed (one full capture each time).
		 */
		private Duration refreshInterval = Duration.ofSeconds(60);

		public boolean isGaugeEnabled() {
			return this.gaugeEnabled;
		}

		public void setGaugeEnabled(boolean gaugeEnabled) {
			this.gaugeEnabled = gaugeEnabled;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/**
	 * The in-process memory history behind GET /actuator/memory/history and the native
	 * growth trend.
	 */
	public static class History {

		/**
		 * Whether to keep a memory history: a background thread takes a gauge-depth point
		 * every interval and a breakdown point every breakdown interval, into rings
		 * allocated once at start.
		 */
		private boolean enabled = true;

		/**
		 * How often a gauge-depth point (RSS, anon/file, heap, live set, headroom,
		 * container usage) is taken.
		 */
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * How often a breakdown point (every category, malloc in use, NMT categories) is
		 * taken: one full capture (smaps) each time, unless a recent one is cached.
		 */
		private Duration breakdownInterval = Duration.ofMinutes(1);

		/**
		 * How long points are kept. Retention / interval must stay below 8640 points, for
		 * each interval.
		 */
		private Duration retention = Duration.ofHours(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getBreakdownInterval() {
			return this.breakdownInterval;
		}

		public void setBreakdownInterval(Duration breakdownInterval) {
			this.breakdownInterval = breakdownInterval;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	/**
	 * The memory watch: one thread that samples the memory the kernel charges to this
	 * process, for the pre-OOM warning and the soft memory limit.
	 */
	public static class Watch {

		/**
		 * Longest time between two samples of the memory charged to the process,
		 * independent of the history's interval. Near the pre-OOM threshold the watch
		 * samples sooner, so that fast growth cannot cross the threshold unseen for long.
		 */
		private Duration interval = Duration.ofSeconds(1);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * The warning and the report before the OOM killer.
	 */
	public static class PreOom {

		/**
		 * Whether to log one warning (the growth rate, the verdict and the three largest
		 * categories) when memory crosses the threshold of the effective container limit,
		 * and to write a report file when a directory is set. It listens to the memory
		 * watch (memory-actuator.watch.interval), with or without the history. It also
		 * logs one warning at start when the heap's maximum does not fit the limit.
		 */
		private boolean enabled = true;

		/**
		 * Share of the effective container limit that warns; lower when one
		 * stop-the-world collection may move enough into the old generation to reach the
		 * limit from there. It warns again only after memory fell 5 points below where it
		 * warned.
		 */
		private double threshold = 0.9;

		/**
		 * Directory to write a report file to when the warning is logged, as JSON
		 * (pre-oom-TIME-PID.json): first a quick report from what is in memory (the
		 * warning, the gauge snapshot, the newest breakdown point and the last hour of
		 * history), then, in its place, the full report (with a full capture, the
		 * breakdown and the diagnosis). It must exist; if it cannot be written to, the
		 * reason is logged and the application carries on. If not set, no report is
		 * written.
		 */
		private @Nullable Path directory;

		/**
		 * Least time between two report files.
		 */
		private Duration minInterval = Duration.ofMinutes(10);

		/**
		 * How many report files the directory keeps; the oldest are deleted.
		 */
		private int maxFiles = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

		public Duration getMinInterval() {
			return this.minInterval;
		}

		public void setMinInterval(Duration minInterval) {
			this.minInterval = minInterval;
		}

		public int getMaxFiles() {
			return this.maxFiles;
		}

		public void setMaxFiles(int maxFiles) {
			this.maxFiles = maxFiles;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * The leak verdict.
	 */
	public static class Diagnosis {

		/**
		 * How far back the live-set trend looks for a steady rise. Meant for 1 minute to
		 * 1 hour; 1 second to 1 day are accepted.
		 */
		private Duration leakWindow = Duration.ofMinutes(10);

		/**
		 * Smallest rise of the post-GC live set over the window that is a suspected leak.
		 */
		private DataSize leakMinGrowth = DataSize.ofMegabytes(16);

		/**
		 * Smallest rise of the post-GC live set over the window, as a fraction of the
		 * live set at its start, that is a suspected leak.
		 */
		private double leakMinGrowthRatio = 0.1;

		public Duration getLeakWindow() {
			return this.leakWindow;
		}

		public void setLeakWindow(Duration leakWindow) {
			this.leakWindow = leakWindow;
		}

		public DataSize getLeakMinGrowth() {
			return this.leakMinGrowth;
		}

		public void setLeakMinGrowth(DataSize leakMinGrowth) {
			this.leakMinGrowth = leakMinGrowth;
		}

		public double getLeakMinGrowthRatio() {
			return this.leakMinGrowthRatio;
		}

		public void setLeakMinGrowthRatio(double leakMinGrowthRatio) {
			this.leakMinGrowthRatio = leakMinGrowthRatio;
		}

	}

	/**
	 * The reclaim operation (POST /actuator/memory). It also needs
	 * management.endpoint.memory.access=unrestricted.
	 */
	public static class Reclaim {

		/**
		 * Time after a reclaim or a class histogram (both run a full GC) during which
		 * another of either is refused with 429.
		 */
		private Duration cooldown = Duration.ofSeconds(60);

		/**
		 * Longest wait after the GC for the heap uncommit and RSS to stop falling.
		 */
		private Duration settleTimeout = Duration.ofSeconds(3);

		/**
		 * How often RSS and the committed heap are polled while they settle.
		 */
		private Duration settlePollInterval = Duration.ofMillis(50);

		public Duration getCooldown() {
			return this.cooldown;
		}

		public void setCooldown(Duration cooldown) {
			this.cooldown = cooldown;
		}

		public Duration getSettleTimeout() {
			return this.settleTimeout;
		}

		public void setSettleTimeout(Duration settleTimeout) {
			this.settleTimeout = settleTimeout;
		}

		public Duration getSettlePollInterval() {
			return this.settlePollInterval;
		}

		public void setSettlePollInterval(Duration settlePollInterval) {
			this.settlePollInterval = settlePollInterval;
		}

	}

	/**
	 * Continuous allocation profiling with Java Flight Recorder (GET
	 * /actuator/memory/allocations and /allocations/pprof).
	 */
	public static class Profiling {

		/**
		 * Whether to sample allocations and surviving objects with Java Flight Recorder.
		 * Off, nothing is started.
		 */
		private boolean enabled;

		/**
		 * Most allocation samples Flight Recorder takes per second, across all threads.
		 * Each sample is a stack walk on the allocating thread and an event parsed in
		 * this JVM, so the cost grows with the rate.
		 */
		private int allocationSamplesPerSecond = 20;

		/**
		 * How often the surviving sampled objects are read from the JVM.
		 */
		private Duration survivorInterval = Duration.ofSeconds(30);

		/**
		 * How far back the table of allocation sites looks.
		 */
		private Duration window = Duration.ofMinutes(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getAllocationSamplesPerSecond() {
			return this.allocationSamplesPerSecond;
		}

		public void setAllocationSamplesPerSecond(int allocationSamplesPerSecond) {
			this.allocationSamplesPerSecond = allocationSamplesPerSecond;
		}

		public Duration getSurvivorInterval() {
			return this.survivorInterval;
		}

		public void setSurvivorInterval(Duration survivorInterval) {
			this.survivorInterval = survivorInterval;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

	/**
	 * The start-up check of the Spring Boot line.
	 */
	public static class CompatibilityVerifier {

		/**
		 * Whether to fail start-up on a Spring Boot line that memory-actuator does not
		 * support (3.5, 4.0 and 4.1 are). Read from the environment before the
		 * application context starts.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The memory health indicator (management.health.memory.enabled switches it off).
	 */
	public static class Health {

		/**
		 * Share of the effective container limit at and above which the memory health
		 * indicator reports the status above the threshold.
		 */
		private double threshold = 0.9;

		/**
		 * Health status reported at and above the threshold. A status other than
		 * OUT_OF_SERVICE or DOWN also needs a place in
		 * management.endpoint.health.status.order and, for HTTP, in
		 * management.endpoint.health.status.http-mapping.
		 */
		private String statusAboveThreshold = "OUT_OF_SERVICE";

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public String getStatusAboveThreshold() {
			return this.statusAboveThreshold;
		}

		public void setStatusAboveThreshold(String statusAboveThreshold) {
			this.statusAboveThreshold = statusAboveThreshold;
		}

	}

	/**
	 * The soft memory limit, the JVM's analog of Go's GOMEMLIMIT: a controller that keeps
	 * the memory the kernel charges to the process under a target by collecting earlier
	 * and giving memory back. It is not a hard limit and no promise against the OOM
	 * killer.
	 */
	public static class SoftLimit {

		/**
		 * Memory to keep the process under: a size such as 1500MB, or a share of the
		 * effective memory limit such as 85%. It must be below the limit and above the
		 * floor the JVM can be brought down to (minimum heap + the non-heap memory). It
		 * can be set, changed or removed at run time through the memory endpoint. If not
		 * set, the soft limit is off and nothing of it runs.
		 */
		private @Nullable String target;

		/**
		 * Share of the target to aim at, so that memory stays under the target between
		 * two samples.
		 */
		private double aim = 0.95;

		/**
		 * Share of all CPU time the garbage collector may use before the soft limit stops
		 * tightening and lets memory exceed the target (state THROTTLED).
		 */
		private double gcCpuBudget = 0.10;

		/**
		 * Most collections the soft limit forces in any minute, whatever the CPU budget.
		 */
		private int maxForcedCollectionsPerMinute = 12;

		public @Nullable String getTarget() {
			return this.target;
		}

		public void setTarget(@Nullable String target) {
			this.target = (target != null && !target.isBlank()) ? target : null;
		}

		public double getAim() {
			return this.aim;
		}

		public void setAim(double aim) {
			this.aim = aim;
		}

		public double getGcCpuBudget() {
			return this.gcCpuBudget;
		}

		public void setGcCpuBudget(double gcCpuBudget) {
			this.gcCpuBudget = gcCpuBudget;
		}

		public int getMaxForcedCollectionsPerMinute() {
			return this.maxForcedCollectionsPerMinute;
		}

		public void setMaxForcedCollectionsPerMinute(int maxForcedCollectionsPerMinute) {
			this.maxForcedCollectionsPerMinute = maxForcedCollectionsPerMinute;
		}

		SoftLimitSettings settings() {
			return new SoftLimitSettings(this.aim, this.gcCpuBudget, this.maxForcedCollectionsPerMinute,
					key("softLimit.target"));
		}

	}

}
