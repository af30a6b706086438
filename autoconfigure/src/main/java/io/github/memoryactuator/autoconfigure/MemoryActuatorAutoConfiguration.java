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
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.Assert;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.Diagnostician;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.diagnosis.Finding;
import io.github.memoryactuator.diagnosis.LeakVerdict;
import io.github.memoryactuator.diagnosis.Severity;
import io.github.memoryactuator.guard.PauseGuard;
import io.github.memoryactuator.health.MemoryHealthCheck;
import io.github.memoryactuator.histogram.ClassHistogramService;
import io.github.memoryactuator.history.HistorySampler;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.preoom.PreOomQuickReport;
import io.github.memoryactuator.preoom.PreOomReport;
import io.github.memoryactuator.preoom.PreOomReportWriter;
import io.github.memoryactuator.preoom.PreOomWatch;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.reclaim.ReclaimService;
import io.github.memoryactuator.reclaim.ReclaimSettings;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotCache;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.softlimit.SoftLimitController;
import io.github.memoryactuator.softlimit.SoftLimitException;
import io.github.memoryactuator.softlimit.SoftLimitStatus;
import io.github.memoryactuator.tuning.HeapTuning;
import io.github.memoryactuator.tuning.VmFlags;
import io.github.memoryactuator.watch.MemoryWatch;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the probes, the cached
 * snapshots, the diagnosis, and the reclaim and class histogram services with the guard
 * every write obeys, that the endpoint and the gauges share.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "memory-actuator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MemoryActuatorProperties.class)
public final class MemoryActuatorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MemoryActuatorAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LiveSetTracker memoryActuatorLiveSetTracker(MemoryActuatorProperties properties) {
		return LiveSetTracker.startPlatform(properties.getGc().getRecentCollections(),
				properties.getDiagnosis().getLeakWindow());
	}

	@Bean
	@ConditionalOnMissingBean
	GaugeSnapshotter memoryActuatorSnapshotter(MemoryActuatorProperties properties, LiveSetTracker liveSet) {
		return new GaugeSnapshotter(new ProcStatusReader(properties.getFilesystemRoot()),
				new CgroupMemoryReader(properties.getFilesystemRoot()), JvmMemoryReader.platform(), liveSet,
				GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	GaugeSnapshotCache memoryActuatorSnapshotCache(GaugeSnapshotter snapshotter, MemoryActuatorProperties properties) {
		return new GaugeSnapshotCache(snapshotter::capture, properties.getSnapshotTimeToLive());
	}

	@Bean
	@ConditionalOnMissingBean
	DiagnosticCommands memoryActuatorDiagnosticCommands() {
		return DiagnosticCommands.platform();
	}

	@Bean
	@ConditionalOnMissingBean
	FullSnapshotCache memoryActuatorFullSnapshotCache(GaugeSnapshotter snapshotter, DiagnosticCommands commands,
			MemoryActuatorProperties properties) {
		FullSnapshotter full = new FullSnapshotter(snapshotter::capture, properties.getFilesystemRoot(), commands);
		return new FullSnapshotCache(full::capture, properties.getFullCapture().getMinInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	EvidenceGatherer memoryActuatorEvidenceGatherer(MemoryActuatorProperties properties,
			ObjectProvider<MemoryHistory> history, ObjectProvider<AllocationProfiler> profiler, HeapTuning tuning,
			ObjectProvider<SoftLimitController> softLimit) {
		MemoryActuatorProperties.Diagnosis diagnosis = properties.getDiagnosis();
		return new EvidenceGatherer(diagnosis.getLeakWindow(), diagnosis.getLeakMinGrowth().toBytes(),
				diagnosis.getLeakMinGrowthRatio())
			.withHistory(history.getIfAvailable())
			.withProfiler(profiler.getIfAvailable())
			.withHeapFlags(tuning::sizingFlags)
			.withSoftLimit(() -> status(softLimit));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory-actuator.history.enabled", matchIfMissing = true)
	MemoryHistory memoryActuatorHistory(MemoryActuatorProperties properties) {
		MemoryActuatorProperties.History history = properties.getHistory();
		return new MemoryHistory(history.getInterval(), history.getBreakdownInterval(), history.getRetention(),
				Instant.now());
	}

	// The JVM's one watch: a second application context shares its thread, so the bean is
	// never closed by a context; each listener's subscription is.
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	MemoryWatch memoryActuatorWatch(MemoryActuatorProperties properties) {
		return MemoryWatch.shared(properties.getFilesystemRoot());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "memory-actuator.pre-oom.enabled", matchIfMissing = true)
	PreOomWatch memoryActuatorPreOomWatch(GaugeSnapshotter snapshotter, EvidenceGatherer gatherer,
			ObjectProvider<MemoryHistory> history, MemoryActuatorProperties properties,
			ObjectProvider<PreOomReportWriter> reports) {
		PreOomReportWriter writer = reports.getIfAvailable();
		MemoryHistory memoryHistory = history.getIfAvailable();
		return new PreOomWatch(properties.getPreOom().getThreshold(), 0.05, snapshotter::capture,
				(snapshot) -> Diagnostician.diagnose(gatherer.atGaugeDepth(snapshot)).verdict(),
				PreOomQuickReport.newestBreakdown(memoryHistory), (writer != null) ? writer : (warning) -> {
				});
	}

	// Not lazy, whatever spring.main.lazy-initialization says: nothing asks for it.
	@Bean(destroyMethod = "close")
	@Lazy(false)
	@ConditionalOnMissingBean(name = "memoryActuatorPreOomSubscription")
	@ConditionalOnBean(PreOomWatch.class)
	MemoryWatch.Subscription memoryActuatorPreOomSubscription(MemoryWatch watch, PreOomWatch preOom,
			MemoryActuatorProperties properties) {
		return watch.subscribe(properties.getWatch().getInterval(), preOom);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "memory-actuator.pre-oom.directory")
	@ConditionalOnBooleanProperty(name = "memory-actuator.pre-oom.enabled", matchIfMissing = true)
	PreOomReportWriter memoryActuatorPreOomReportWriter(ObjectProvider<MemoryHistory> history,
			FullSnapshotCache fullSnapshots, EvidenceGatherer gatherer, MemoryActuatorProperties properties,
			ObjectProvider<AllocationProfiler> profiler, ObjectProvider<SoftLimitController> softLimit) {
		MemoryActuatorProperties.PreOom preOom = properties.getPreOom();
		Path directory = preOom.getDirectory();
		Assert.state(directory != null, "'memory-actuator.pre-oom.directory' must be set");
		MemoryHistory memoryHistory = history.getIfAvailable();
		return new PreOomReportWriter(directory, preOom.getMinInterval(), preOom.getMaxFiles(),
				(warning) -> PreOomQuickReport.take(warning, memoryHistory).withSoftLimit(status(softLimit)),
				(warning) -> PreOomReport
					.take(warning, fullSnapshots, gatherer, memoryHistory, profiler.getIfAvailable())
					.withSoftLimit(status(softLimit)),
				MemoryActuatorProperties.key("preOom.directory"));
	}

	// Asked at each report: the pre-OOM path works without a controller.
	private static @Nullable SoftLimitStatus status(ObjectProvider<SoftLimitController> softLimit) {
		SoftLimitController controller = softLimit.getIfAvailable();
		return (controller != null) ? controller.status() : null;
	}

	@Bean
	@ConditionalOnMissingBean
	MemoryHealthCheck memoryActuatorHealthCheck(GaugeSnapshotCache snapshots, EvidenceGatherer gatherer,
			MemoryActuatorProperties properties) {
		Function<GaugeSnapshot, Diagnosis> diagnoses = lastDiagnosis(gatherer);
		return new MemoryHealthCheck(properties.getHealth().getThreshold(), snapshots::get,
				(snapshot) -> diagnoses.apply(snapshot).verdict(), (snapshot) -> warnings(diagnoses.apply(snapshot)));
	}

	// The health check asks for the verdict and then the findings of one snapshot: one
	// diagnosis answers both.
	private static Function<GaugeSnapshot, Diagnosis> lastDiagnosis(EvidenceGatherer gatherer) {
		AtomicReference<@Nullable Diagnosed> last = new AtomicReference<>();
		return (snapshot) -> {
			Diagnosed diagnosed = last.get();
			if (diagnosed == null || diagnosed.snapshot() != snapshot) {
				diagnosed = new Diagnosed(snapshot, Diagnostician.diagnose(gatherer.atGaugeDepth(snapshot)));
				last.set(diagnosed);
			}
			return diagnosed.diagnosis();
		};
	}

	// The findings that deserve more than INFO, summary by code: the soft limit's
	// unreachable target among them.
	private static Map<String, String> warnings(Diagnosis diagnosis) {
		Map<String, String> warnings = new LinkedHashMap<>();
		for (Finding finding : diagnosis.findings()) {
			if (finding.severity() != Severity.INFO) {
				warnings.put(finding.code().name(), finding.summary());
			}
		}
		return warnings;
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBean(MemoryHistory.class)
	HistorySampler memoryActuatorHistorySampler(MemoryHistory history, GaugeSnapshotter snapshotter,
			FullSnapshotCache fullSnapshots, ObjectProvider<LeakVerdict> leakVerdict,
			ObjectProvider<SoftLimitController> softLimit) {
		List<Consumer<GaugeSnapshot>> listeners = List.copyOf(leakVerdict.orderedStream().toList());
		SoftLimitController controller = softLimit.getIfAvailable();
		return new HistorySampler(history, snapshotter::capture, fullSnapshots::get, BreakdownCalculator::compute,
				listeners, (controller != null) ? controller::status : () -> null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MemoryHistory.class)
	LeakVerdict memoryActuatorLeakVerdict(EvidenceGatherer gatherer) {
		return new LeakVerdict(gatherer);
	}

	@Bean
	@ConditionalOnMissingBean
	HeapTuning memoryActuatorHeapTuning() {
		return HeapTuning.platform();
	}

	@Bean
	@ConditionalOnMissingBean
	CaptureDiagnoser memoryActuatorCaptureDiagnoser(FullSnapshotCache fullSnapshots, EvidenceGatherer gatherer) {
		return new CaptureDiagnoser(fullSnapshots, gatherer);
	}

	@Bean
	@ConditionalOnMissingBean
	PauseGuard memoryActuatorPauseGuard(MemoryActuatorProperties properties) {
		return new PauseGuard(properties.getReclaim().getCooldown());
	}

	@Bean
	@ConditionalOnMissingBean
	ReclaimService memoryActuatorReclaimService(GaugeSnapshotter snapshotter, DiagnosticCommands commands,
			HeapTuning tuning, PauseGuard guard, MemoryActuatorProperties properties) {
		MemoryActuatorProperties.Reclaim reclaim = properties.getReclaim();
		ReclaimSettings defaults = ReclaimSettings.defaults();
		// The settle wait polls fresh snapshots: a cached one would hide the fall of RSS.
		return new ReclaimService(snapshotter::capture, commands, tuning,
				new ReclaimSettings(reclaim.getSettleTimeout(), reclaim.getSettlePollInterval(),
						defaults.settleTolerance(), reclaim.getCooldown()),
				guard);
	}

	@Bean
	@ConditionalOnMissingBean
	ClassHistogramService memoryActuatorClassHistogramService(DiagnosticCommands commands, PauseGuard guard) {
		return new ClassHistogramService(commands, guard);
	}

	// Inert without a target (no thread, no flag touched): the endpoint can set one at
	// run
	// time. Not lazy: a target set in the properties must be kept from the start.
	@Bean(destroyMethod = "close")
	@Lazy(false)
	@ConditionalOnMissingBean
	SoftLimitController memoryActuatorSoftLimit(MemoryActuatorProperties properties, MemoryWatch watch,
			PauseGuard guard, GaugeSnapshotter snapshotter, LiveSetTracker liveSet, DiagnosticCommands commands) {
		MemoryActuatorProperties.SoftLimit softLimit = properties.getSoftLimit();
		SoftLimitController controller = SoftLimitController.create(softLimit.settings(), watch, guard,
				snapshotter::capture, liveSet, commands, VmFlags.platform(), GaugeSnapshotter.platformCollectors(),
				properties.getFilesystemRoot());
		String target = softLimit.getTarget();
		if (target != null) {
			try {
				controller.setTarget(target);
			}
			catch (SoftLimitException ex) {
				if (ex.kind() != SoftLimitException.Kind.CONFLICT) {
					throw ex;
				}
				// A second application context in the same JVM: the first keeps the
				// target.
				logger.warn("Soft limit: " + ex.getMessage() + "; this context's target " + target + " is not kept");
			}
		}
		return controller;
	}

	private record Diagnosed(GaugeSnapshot snapshot, Diagnosis diagnosis) {
	}

}
