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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Ground truth for the native growth trend (see {@code NativeGrowthTrend}): a forked demo
 * that mallocs and keeps 2 MB a second gets the native-leak verdict within its window,
 * and one that mallocs 16 MB a second and frees it again never does. Both run at once,
 * the leak on JDK 17 with Native Memory Tracking on (so the verdict names the NMT
 * category), the churn on JDK 25; like {@code CollectorMatrixTests} the test runs on the
 * JDK 17 pass and skips on the JDK 25 pass unless {@code -Dmatrix.always=true}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NativeGrowthForkedJvmTests {

	private static final Pattern NATIVE_GROWTH = Pattern.compile("\"nativeGrowth\":\"([^\"]*)\"");

	private static final Pattern SUSPECTED = Pattern.compile("\"nativeLeakSuspected\":(true|false)");

	private static final Pattern VERDICT = Pattern.compile("\"verdict\":\"([^\"]*)\"");

	// A short window and a point a second, so that a trend forms in half a minute.
	private static final List<String> FAST_HISTORY = List.of("--memory-actuator.history.interval=1s",
			"--memory-actuator.history.breakdown-interval=1s", "--memory-actuator.full-capture.min-interval=1s",
			"--memory-actuator.diagnosis.leak-window=30s");

	private static final long WINDOW_MILLIS = 30_000;

	private static final long DEADLINE_MILLIS = 100_000;

	@Test
	void keptMallocIsASuspectedNativeLeakAndMallocThatIsFreedAgainIsNot() throws Exception {
		boolean haveJdk17 = ForkedDemo.java(17).isPresent();
		Assumptions.assumeFalse(Runtime.version().feature() == 25 && haveJdk17 && !Boolean.getBoolean("matrix.always"),
				"the JDK 17 pass runs both JVMs already");
		Path jdk17 = java(17);
		Path jdk25 = java(25);
		CompletableFuture<List<String>> leak = CompletableFuture
			.supplyAsync(() -> unchecked(() -> ForkedDemo.withRetry(
					() -> ForkedDemo.start(jdk17, "native-leak",
							List.of("-Xmx128m", "-XX:NativeMemoryTracking=summary"), FAST_HISTORY),
					NativeGrowthForkedJvmTests::leak)));
		CompletableFuture<List<String>> churn = CompletableFuture.supplyAsync(() -> unchecked(() -> ForkedDemo
			.withRetry(() -> ForkedDemo.start(jdk25, "native-churn-and-free", List.of("-Xmx128m"), FAST_HISTORY),
					NativeGrowthForkedJvmTests::churn)));
		List<String> leakVerdicts;
		List<String> churnTrends;
		try {
			leakVerdicts = leak.join();
			churnTrends = churn.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		System.out.println("native-leak (JDK 17, NMT on): " + leakVerdicts.get(leakVerdicts.size() - 1));
		System.out.println("native churn-and-free (JDK 25): " + churnTrends.get(churnTrends.size() - 1));
	}

	// Keep 2 MB a second until the verdict says native leak.
	private static List<String> leak(ForkedDemo demo) throws Exception {
		List<String> seen = new ArrayList<>();
		long start = System.currentTimeMillis();
		while (System.currentTimeMillis() - start < DEADLINE_MILLIS) {
			long round = System.currentTimeMillis();
			assertThat(demo.post("/scenario/native-leak?megabytes=2", "{}").statusCode()).isEqualTo(200);
			String body = diagnosis(demo);
			String verdict = group(VERDICT, body);
			seen.add(group(NATIVE_GROWTH, body));
			if ("true".equals(group(SUSPECTED, body))) {
				assertThat(verdict).startsWith("Suspected native leak: malloc in use grew");
				assertThat(verdict).contains("(NMT: Other +");
				assertThat(body).contains("\"code\":\"NATIVE_GROWTH\"");
				seen.add(verdict);
				return seen;
			}
			Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - round)));
		}
		return fail("no native-leak verdict within " + DEADLINE_MILLIS / 1000 + " s; the trend said " + seen + "; log: "
				+ demo.logFile());
	}

	// Malloc 16 MB and free it every second: the trend must judge it and never suspect a
	// leak.
	private static List<String> churn(ForkedDemo demo) throws Exception {
		List<String> seen = new ArrayList<>();
		long start = System.currentTimeMillis();
		while (System.currentTimeMillis() - start < DEADLINE_MILLIS) {
			long round = System.currentTimeMillis();
			assertThat(demo.post("/scenario/native-leak?megabytes=16", "{}").statusCode()).isEqualTo(200);
			assertThat(demo.post("/scenario/release", "{}").statusCode()).isEqualTo(200);
			String body = diagnosis(demo);
			String trend = group(NATIVE_GROWTH, body);
			seen.add(trend);
			assertThat(group(SUSPECTED, body)).as("native leak suspected in churn-and-free: %s", trend)
				.isEqualTo("false");
			// A whole window of churn judged, not just half of one.
			if (System.currentTimeMillis() - start > WINDOW_MILLIS + 5_000
					&& (trend.startsWith("no native growth") || trend.startsWith("malloc in use fell back"))) {
				return seen;
			}
			Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - round)));
		}
		return fail("the native trend never judged the churn within " + DEADLINE_MILLIS / 1000 + " s: " + seen
				+ "; log: " + demo.logFile());
	}

	private static String diagnosis(ForkedDemo demo) throws Exception {
		HttpResponse<String> response = demo.get("/actuator/memory/diagnosis");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String group(Pattern pattern, String body) {
		Matcher matcher = pattern.matcher(body);
		assertThat(matcher.find()).as("%s in %s", pattern, body).isTrue();
		return matcher.group(1);
	}

	private static Path java(int feature) {
		Path java = ForkedDemo.java(feature).orElse(null);
		if (java == null) {
			String why = "JDK " + feature + " is not installed (or set -Dmatrix.jdk" + feature + "=<java.home>)";
			if (ForkedDemo.onCi()) {
				fail(why);
			}
			Assumptions.abort(why);
		}
		return java;
	}

	private static <T> T unchecked(Callable<T> action) {
		try {
			return action.call();
		}
		catch (Exception ex) {
			throw new CompletionException(ex);
		}
	}

}
