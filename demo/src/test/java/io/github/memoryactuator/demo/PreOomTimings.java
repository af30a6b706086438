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

package io.github.memoryactuator.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repeats the fast pre-OOM cases of {@link PreOomCgroupForkedJvmTests} outside CI and
 * prints, per run, the times from the crossing (as seen from outside) to the WARN line,
 * to the quick report, to the full report and to the kernel's kill, then a tally with
 * medians and the worst. Run by {@code benchmarks/pre-oom-timing.sh}.
 * <p>
 * Arguments: {@code <java> <runs> <sources> [jvm options...]}, for example
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java 20 heap,native -Xmx2g}. The system
 * properties {@code preoom.limitMb} (1024) and {@code preoom.rateMb} (50) change the
 * limit and the pace.
 */
public final class PreOomTimings {

	// A time that did not come; a time before the crossing is negative (a warning of a
	// stop-the-world collection that could reach the limit comes before it).
	private static final long NEVER = Long.MIN_VALUE;

	private PreOomTimings() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("usage: PreOomTimings <java> <runs> <heap,native> [jvm options...]");
			System.exit(2);
		}
		Path java = Path.of(args[0]);
		int runs = Integer.parseInt(args[1]);
		List<String> sources = List.of(args[2].split(","));
		List<String> options = List.of(Arrays.copyOfRange(args, 3, args.length));
		List<String> tally = new ArrayList<>();
		for (String source : sources) {
			List<Row> rows = new ArrayList<>();
			for (int i = 1; i <= runs; i++) {
				Row row = once(java, source, options);
				rows.add(row);
				System.out.printf(Locale.ROOT, "%s %s run %2d/%d: %s%n", java, source, i, runs, row);
			}
			tally.add(tally(source, options, rows));
		}
		System.out.println();
		tally.forEach(System.out::println);
	}

	private static Row once(Path java, String source, List<String> options) throws Exception {
		String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		long limit = Long.getLong("preoom.limitMb", 1024) * PreOomRun.MB;
		int rate = Integer.getInteger("preoom.rateMb", 50);
		try (PreOomRun run = PreOomRun.start(java, "pre-oom-timing-" + source, limit, options)) {
			run.grow(source, rate, 2048);
			boolean killed = run.awaitExit(Duration.ofSeconds(120));
			int exit = killed ? run.demo().exitValue() : -1;
			List<String> warnings = run.preOomWarnings();
			String stage = completeReport(run, warnings);
			return new Row(run.timings(), exit, warnings.size(), stage, run.unfinishedFiles().size(), load);
		}
	}

	// The report's stage when the file is whole JSON holding the logged warning, the
	// gauge snapshot and the history; null otherwise.
	private static String completeReport(PreOomRun run, List<String> warnings) throws Exception {
		List<Path> files = run.reportFiles();
		if (files.size() != 1 || warnings.size() != 1) {
			return null;
		}
		try {
			JsonNode report = JsonMapper.builder().build().readTree(Files.readString(files.get(0)));
			boolean whole = report.get("warning").asString().equals(warnings.get(0))
					&& report.at("/process/rss").asLong() > 0 && report.at("/container/limit").asLong() > 0
					&& report.at("/history/gauge").isArray();
			return whole ? report.get("stage").asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String tally(String source, List<String> options, List<Row> rows) {
		long both = rows.stream().filter(Row::both).count();
		return String.format(Locale.ROOT,
				"%s %s: %d of %d runs got the WARN line and a complete report before the kill (%d of them the full "
						+ "one); crossing->WARN %s; ->quick report %s; ->full report %s; ->kill %s; WARN->kill %s",
				source, options, both, rows.size(), rows.stream().filter((row) -> "full".equals(row.stage)).count(),
				stats(rows, 0), stats(rows, 1), stats(rows, 2), stats(rows, 3), stats(rows, 4));
	}

	// Median and worst over the runs that saw the event; how many did.
	private static String stats(List<Row> rows, int which) {
		List<Long> values = new ArrayList<>();
		for (Row row : rows) {
			long value = row.since(which);
			if (value != NEVER) {
				values.add(value);
			}
		}
		if (values.isEmpty()) {
			return "never";
		}
		values.sort(null);
		long median = values.get(values.size() / 2);
		boolean soonestWorst = which >= 3;
		long worst = soonestWorst ? values.get(0) : values.get(values.size() - 1);
		return String.format(Locale.ROOT, "median %d ms, %s %d ms (%d runs)", median,
				soonestWorst ? "soonest" : "worst", worst, values.size());
	}

	private record Row(PreOomRun.Timings timings, int exit, int warnings, String stage, int unfinished, String load) {

		boolean both() {
			return this.exit == 137 && this.warnings == 1 && this.stage != null;
		}

		long since(int which) {
			if (which == 4) {
				return (this.timings.warned() > 0 && this.timings.died() > 0)
						? this.timings.died() - this.timings.warned() : NEVER;
			}
			long time = switch (which) {
				case 0 -> this.timings.warned();
				case 1 -> this.timings.quick();
				case 2 -> this.timings.full();
				default -> this.timings.died();
			};
			return (time > 0 && this.timings.crossing() > 0) ? time - this.timings.crossing() : NEVER;
		}

		@Override
		public String toString() {
			return this.timings.describe() + "; exit " + this.exit + ", " + this.warnings + " warning(s), report "
					+ ((this.stage != null) ? "complete (" + this.stage + ")" : "missing or incomplete")
					+ ((this.unfinished > 0) ? ", an unfinished temporary file" : "") + "; load " + this.load;
		}

	}

}
