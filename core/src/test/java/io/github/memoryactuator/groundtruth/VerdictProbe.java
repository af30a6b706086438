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

package io.github.memoryactuator.groundtruth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.memoryactuator.diagnosis.CaptureDiagnoser;
import io.github.memoryactuator.diagnosis.Diagnosis;
import io.github.memoryactuator.diagnosis.Diagnostician;
import io.github.memoryactuator.diagnosis.Evidence;
import io.github.memoryactuator.diagnosis.EvidenceGatherer;
import io.github.memoryactuator.diagnosis.Finding;
import io.github.memoryactuator.diagnosis.FindingCode;
import io.github.memoryactuator.history.MemoryHistory;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.preoom.PreOomReport;
import io.github.memoryactuator.preoom.PreOomWarning;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.profiling.AllocationProfiler;
import io.github.memoryactuator.profiling.LeakEvidence;
import io.github.memoryactuator.profiling.ProfilingSettings;
import io.github.memoryactuator.snapshot.FullSnapshotCache;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshot;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;
import io.github.memoryactuator.watch.ChargedMemory;

/**
 * A main class that {@link VerdictForkedJvmTests} runs in a fresh G1 JVM with allocation
 * profiling at the starter's defaults and a 1-minute leak window at the default
 * thresholds. Three things hold byte arrays:
 * <ul>
 * <li>a catalog of 64 MB filled in the first 20 s and held: at first the largest
 * surviving group (in most runs still when the leak is first named), and no leak;</li>
 * <li>a registry that keeps 1 MB more every second through one site: the leak;</li>
 * <li>batches of 48 MB in 4 KB rows held for a second every 25 s, beside short-lived
 * garbage at about 100 MB a second: promoted, they push the old generation over the
 * marking threshold now and then, so that G1 marks in some thirds of the window and not
 * in others until the leak keeps it above the threshold.</li>
 * </ul>
 * Every 2 s it takes the verdict as {@code GET /actuator/memory} does (a full capture at
 * most every 10 s) and as the health indicator does (gauge depth), until a suspected leak
 * has been reported; then a pre-OOM report. It prints what the verdicts named, when, and
 * the first of each kind whole, as {@code key=value} lines.
 */
public final class VerdictProbe {

	private static final long MB = 1024 * 1024;

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private static final Pattern NAMED = Pattern.compile("% of surviving samples are \\S+ allocated at (\\S+\\))");

	private static volatile Object sink;

	private VerdictProbe() {
	}

	public static void main(String[] args) throws Exception {
		Duration deadline = Duration.ofSeconds(Long.parseLong(args[0]));
		LiveSetTracker tracker = LiveSetTracker.startPlatform(64, WINDOW);
		GaugeSnapshotter gauge = GroundTruthProbe.snapshotter(tracker);
		// The starter's defaults: 20 allocation samples a second, survivors every 30 s.
		AllocationProfiler profiler = AllocationProfiler
			.start(new ProfilingSettings(20, Duration.ofSeconds(30), Duration.ofMinutes(5)));
		EvidenceGatherer gatherer = new EvidenceGatherer(WINDOW, 16 * MB, 0.1).withProfiler(profiler);
		FullSnapshotCache full = new FullSnapshotCache(
				new FullSnapshotter(gauge::capture, Path.of("/"), DiagnosticCommands.platform())::capture,
				Duration.ofSeconds(10));
		CaptureDiagnoser diagnoser = new CaptureDiagnoser(full, gatherer);
		while (profiler.status().state() == AllocationProfiler.State.STARTING) {
			Thread.sleep(20);
		}
		Workload workload = new Workload();
		Thread thread = new Thread(workload, "workload");
		thread.setDaemon(true);
		thread.start();
		GroundTruthProbe.print("profiler", profiler.status().state());
		Set<String> named = new LinkedHashSet<>();
		List<String> labels = new ArrayList<>();
		StringBuilder timeline = new StringBuilder();
		boolean confirmed = false;
		long next = workload.start;
		while (!confirmed && System.nanoTime() - workload.start < deadline.toNanos()) {
			next += 2_000_000_000L;
			Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
			double seconds = (System.nanoTime() - workload.start) / 1e9;
			GaugeSnapshot snapshot = gauge.capture();
			Diagnosis diagnosis = diagnoser.diagnose(snapshot).diagnosis();
			String verdict = diagnosis.verdict();
			Evidence gathered = gatherer.atGaugeDepth(snapshot);
			String health = Diagnostician.diagnose(gathered).verdict();
			LeakEvidence evidence = gathered.profiling();
			timeline.append(String.format("%.0f:%s/%s%s%s ", seconds, head(verdict), evidence.state(),
					group(evidence.suspect()), group(evidence.largest())));
			// The sites are known once each has allocated.
			String leakSite = Registry.site();
			String cacheSite = Catalog.site();
			String healthSite = culprit(health);
			if (leakSite.equals(healthSite)) {
				String kind = health.startsWith("Suspected heap leak: ") ? "confirmed" : "unconfirmed";
				if (once(kind + "HealthSeconds", String.format("%.1f", seconds))) {
					GroundTruthProbe.print(kind + "Health", health);
				}
			}
			LeakEvidence.Suspect largest = evidence.largest();
			if (largest != null && largest.site().equals(cacheSite)
					&& verdict.contains("; the largest surviving group (byte[] allocated at " + cacheSite + ", ")) {
				// The largest group, which a rule naming the top survivor would blame.
				once("cacheLargestNotNamed", String.format("%.1f s: %s", seconds,
						verdict.substring(verdict.indexOf("; the largest surviving group"), verdict.indexOf(". RSS"))));
			}
			String site = culprit(verdict);
			if (site != null) {
				named.add(site);
				boolean suspected = verdict.startsWith("Suspected heap leak: ");
				labels.add(suspected ? "confirmed"
						: verdict.contains("; unconfirmed culprit: ") ? "unconfirmed" : "unlabelled");
				if (site.equals(leakSite)) {
					once("firstNamedSeconds", String.format("%.1f", seconds));
					LeakEvidence.Suspect suspect = evidence.suspect();
					if (largest != null && suspect != null && largest.site().equals(cacheSite)) {
						once("cacheLargestWhileLeakNamed",
								String.format("%.1f s: the catalog %d samples, the registry %d", seconds,
										largest.samples(), suspect.samples()));
					}
					String kind = suspected ? "confirmed" : "unconfirmed";
					if (once(kind + "Seconds", String.format("%.1f", seconds))) {
						GroundTruthProbe.print(kind + "Verdict", verdict);
						Finding finding = finding(diagnosis,
								suspected ? FindingCode.LIVE_SET_GROWTH : FindingCode.LIVE_SET_UNCONFIRMED);
						if (finding != null) {
							GroundTruthProbe.print(kind + "FindingSummary", finding.summary());
							GroundTruthProbe.print(kind + "FindingEvidence", finding.evidence());
							GroundTruthProbe.print(kind + "FindingAction", finding.action());
						}
					}
					if (suspected && once("preOom", "taken")) {
						GaugeSnapshot warned = full.refresh().gauge();
						PreOomWarning warning = new PreOomWarning("memory at 90 % of the limit (a test's warning)",
								new ChargedMemory(warned.capturedAt(), System.nanoTime(), 0,
										Reading.unavailable("a test's warning, not a sample of the watch"), 0, 0, 0),
								warned, Instant.now());
						MemoryHistory history = new MemoryHistory(Duration.ofSeconds(10), Duration.ofMinutes(1),
								Duration.ofHours(1), Instant.now());
						PreOomReport report = PreOomReport.take(warning, full, gatherer.withHistory(history), history,
								profiler);
						GroundTruthProbe.print("preOomVerdict", report.diagnosis().verdict());
					}
				}
			}
			confirmed = printed.contains("confirmedSeconds") && printed.contains("confirmedHealthSeconds");
		}
		GroundTruthProbe.print("leakSite", Registry.site());
		GroundTruthProbe.print("cacheSite", Catalog.site());
		GroundTruthProbe.print("named", named);
		GroundTruthProbe.print("labels", String.join(",", labels));
		GroundTruthProbe.print("timeline", timeline.toString().strip());
		GroundTruthProbe.print("leakedMegabytes", workload.leaked / MB);
		workload.stop = true;
		profiler.close();
		System.out.flush();
		// Flight Recorder's stream threads would keep the JVM up.
		System.exit(0);
	}

	private static final Set<String> printed = new LinkedHashSet<>();

	private static boolean once(String key, String value) {
		if (printed.add(key)) {
			GroundTruthProbe.print(key, value);
			return true;
		}
		return false;
	}

	// The verdict's first words, for the timeline.
	private static String head(String verdict) {
		int end = verdict.indexOf(':');
		int paren = verdict.indexOf(" (");
		return verdict.substring(0, (paren > 0 && paren < end) ? paren : end).replace(' ', '-');
	}

	// A group's class and sample count, for the timeline.
	private static String group(LeakEvidence.Suspect suspect) {
		if (suspect == null) {
			return "";
		}
		String site = suspect.site();
		int dollar = site.indexOf('$');
		return "/" + site.substring(dollar + 1, site.indexOf('.', dollar)) + "=" + suspect.samples();
	}

	// The site a verdict names as what grew, or null.
	static String culprit(String verdict) {
		int clause = verdict.indexOf("; unconfirmed culprit: ");
		int suspected = verdict.startsWith("Suspected heap leak: ") ? verdict.indexOf("% of surviving samples") : -1;
		if (clause < 0 && suspected < 0) {
			return null;
		}
		Matcher matcher = NAMED.matcher(verdict.substring(Math.max(clause, 0)));
		return matcher.find() ? matcher.group(1) : null;
	}

	private static Finding finding(Diagnosis diagnosis, FindingCode code) {
		return diagnosis.findings().stream().filter((finding) -> finding.code() == code).findFirst().orElse(null);
	}

	/**
	 * The service: a catalog, a leak, batches and garbage.
	 */
	static final class Workload implements Runnable {

		final long start = System.nanoTime();

		final Catalog catalog = new Catalog();

		final Registry registry = new Registry();

		volatile boolean stop;

		volatile long leaked;

		@Override
		public void run() {
			List<byte[]> batch = new ArrayList<>();
			long nextBatch = this.start + Duration.ofSeconds(25).toNanos();
			long batchEnd = 0;
			while (!this.stop) {
				for (int i = 0; i < 1000; i++) {
					sink = new byte[512];
				}
				double elapsed = (System.nanoTime() - this.start) / 1e9;
				while (this.catalog.bytes < Math.min(1, elapsed / 20) * 64 * MB) {
					this.catalog.load();
				}
				while (this.registry.bytes < elapsed * MB) {
					this.registry.remember();
				}
				this.leaked = this.registry.bytes;
				long now = System.nanoTime();
				if (now > nextBatch) {
					for (int i = 0; i < 48 * 256; i++) {
						batch.add(Batch.row());
					}
					batchEnd = now + Duration.ofSeconds(1).toNanos();
					nextBatch = now + Duration.ofSeconds(25).toNanos();
				}
				if (batchEnd != 0 && now > batchEnd) {
					batch.clear();
					batchEnd = 0;
				}
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

	/**
	 * Filled once and held: large, and no leak.
	 */
	static final class Catalog {

		private static volatile int line;

		private final List<byte[]> entries = new ArrayList<>();

		private long bytes;

		void load() {
			if (line == 0) {
				line = new Throwable().getStackTrace()[0].getLineNumber() + 2;
			}
			byte[] entry = new byte[64 * 1024];
			this.entries.add(entry);
			this.bytes += entry.length;
		}

		static String site() {
			return Catalog.class.getName() + ".load(VerdictProbe.java:" + line + ")";
		}

	}

	/**
	 * Keeps everything it is given: the leak.
	 */
	static final class Registry {

		private static volatile int line;

		private final List<byte[]> entries = new ArrayList<>();

		private long bytes;

		void remember() {
			if (line == 0) {
				line = new Throwable().getStackTrace()[0].getLineNumber() + 2;
			}
			byte[] entry = new byte[16 * 1024];
			this.entries.add(entry);
			this.bytes += entry.length;
		}

		static String site() {
			return Registry.class.getName() + ".remember(VerdictProbe.java:" + line + ")";
		}

	}

	/**
	 * Rows of a batch, held for a second.
	 */
	static final class Batch {

		static byte[] row() {
			return new byte[4 * 1024 - 16];
		}

	}

}
