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

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: the GC CPU budget in a real run, for {@code BENCHMARKS.md}; run with
 * {@code -Dsoftlimit.budget=true}. The workload of
 * {@link SoftLimitCgroupForkedJvmTests}'s costly target: a demo holds {@code live} MB as
 * small objects and churns the heap without pause for {@code seconds}, with the target
 * {@code target} MB ({@code 0} for none) in a cgroup of 3000 MB. Prints, every 5 s, the
 * CPU seconds of the process and of its GC threads, the churn requests served and the
 * soft limit's state and non-heap estimate, then the GC's share of the machine and the
 * churn rate from 20 s.
 */
@EnabledIfSystemProperty(named = "softlimit.budget", matches = "true")
class SoftLimitBudgetExperiment {

	@Test
	void run() throws Exception {
		int jdk = Integer.getInteger("jdk", 17);
		String gc = System.getProperty("gc", "G1");
		long target = Long.getLong("target", 600);
		int live = Integer.getInteger("live", 400);
		int seconds = Integer.getInteger("seconds", 90);
		List<String> options = List.of("-Xmx1g", "-XX:+Use" + gc + (gc.equals("ZGC") ? "" : "GC"));
		Path java = ForkedDemo.java(jdk).orElseThrow();
		try (SoftLimitRun run = SoftLimitRun.start(java, "budget-" + gc + "-" + jdk, 3000 * SoftLimitRun.MB,
				(target > 0) ? target * SoftLimitRun.MB : null, options)) {
			System.out
				.println(run.demo().post("/scenario/heap-leak?megabytes=" + live + "&shape=objects", "{}").body());
			AtomicInteger churns = run.churnHeap(seconds);
			double gcFrom = -1;
			int churnsFrom = 0;
			double next = run.seconds();
			while (run.seconds() < seconds && run.alive()) {
				next += 5;
				run.until(next);
				if (gcFrom < 0 && run.seconds() >= 20) {
					gcFrom = run.gcCpuSeconds();
					churnsFrom = churns.get();
				}
				JsonNode section = JsonMapper.builder().build().readTree(run.softLimit());
				System.out.printf(Locale.ROOT,
						"t=%.0f cpu=%.1f gc=%.1f churns=%d %s (%s) share=%.3f forced=%d nonHeap=%d MB%n", run.seconds(),
						ThreadCpu.processSeconds(run.demo().pid()), run.gcCpuSeconds(), churns.get(),
						section.get("state").asString(), section.get("reason").asString(),
						section.path("gcCpuShareLastMinute").asDouble(),
						section.path("forcedCollectionsLastMinute").asInt(),
						section.path("nonHeap").asLong() / SoftLimitRun.MB);
			}
			double window = run.seconds() - 20;
			System.out.printf(Locale.ROOT, "RESULT %s: GC share from 20 s %.3f, churn %.1f requests/s%n",
					run.describe(),
					(run.gcCpuSeconds() - gcFrom) / (window * Runtime.getRuntime().availableProcessors()),
					(churns.get() - churnsFrom) / window);
		}
	}

}
