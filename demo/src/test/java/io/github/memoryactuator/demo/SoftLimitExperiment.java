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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the soft limit's collector matrix for
 * {@code benchmarks/soft-limit-matrix.sh}, which runs it with
 * {@code -Dsoftlimit.experiment=true}. Two demos at a time with the workload of
 * {@link SoftLimitCgroupForkedJvmTests} (a burst at 2 s and 32 s, 60 s in all): JDK
 * {@code jdk} and {@code jdk2} with the target ({@code -Dboth=true}), or JDK {@code jdk2}
 * without it beside JDK {@code jdk} with it. Prints the figures of each run, its series
 * of charged memory and its soft-limit section.
 */
@EnabledIfSystemProperty(named = "softlimit.experiment", matches = "true")
class SoftLimitExperiment {

	@Test
	void series() throws Exception {
		long target = Long.getLong("target", 400) * SoftLimitRun.MB;
		long limit = Long.getLong("limit", 3000) * SoftLimitRun.MB;
		int jdk = Integer.getInteger("jdk", 17);
		String gc = System.getProperty("gc", "G1");
		int nat = Integer.getInteger("native", 300);
		int heap = Integer.getInteger("heap", 1000);
		Path java = ForkedDemo.java(jdk).orElseThrow();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		Path other = ForkedDemo.java(Integer.getInteger("jdk2", jdk)).orElseThrow();
		Long first = Boolean.getBoolean("both") ? target : null;
		int jdk2 = Integer.getInteger("jdk2", jdk);
		Future<String> off = pool.submit(() -> run(other,
				"matrix-" + ((first != null) ? "on" : "off") + "-" + gc + "-" + jdk2, limit, first, gc, nat, heap));
		Future<String> on = pool.submit(() -> run(java, "matrix-on-" + gc + "-" + jdk, limit, target, gc, nat, heap));
		System.out.println(off.get());
		System.out.println(on.get());
		pool.shutdown();
	}

	private String run(Path java, String name, long limit, Long target, String gc, int nat, int heap) throws Exception {
		List<String> options = new ArrayList<>(List.of("-Xmx1g", "-XX:+Use" + gc + (gc.equals("ZGC") ? "" : "GC")));
		String extra = System.getProperty("jvmOptions", "");
		if (!extra.isBlank()) {
			options.addAll(List.of(extra.strip().split("\\s+")));
		}
		try (SoftLimitRun run = SoftLimitRun.start(java, name, limit, target, options)) {
			StringBuilder out = new StringBuilder();
			for (double at : new double[] { 2, 32 }) {
				run.until(at);
				run.burst(nat, heap);
			}
			run.until(60);
			for (long[] sample : run.samples()) {
				out.append(sample[0] / 1000).append(':').append(sample[1] / SoftLimitRun.MB).append(' ');
			}
			return "MATRIX " + run.describe() + "\nSERIES " + out + "\nSECTION " + run.softLimit();
		}
	}

}
