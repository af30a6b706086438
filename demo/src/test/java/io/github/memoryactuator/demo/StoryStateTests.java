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

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StoryState}'s caps, with limits small enough to reach in a test.
 */
class StoryStateTests {

	private static final long MB = 1024 * 1024;

	private final StoryState state = new StoryState(new StoryState.Limits(16 * MB, 4 * MB, 8 * MB, 3));

	@AfterEach
	void release() {
		this.state.releaseAll();
	}

	@Test
	void heapLeakAboveTheTotalCapIsRefusedAndKeepsWhatIsHeld() {
		this.state.heapLeak(12, false);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.heapLeak(8, false))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(ex.getParameter()).isEqualTo("megabytes");
				assertThat(ex.getMessage()).contains("20 MB").contains("cap of 16 MB");
			});
		assertThat(this.state.held().heapLeakBytes()).isEqualTo(12 * MB);
	}

	@Test
	void theReportCacheKeepsEveryReportAndSharesTheHeapLeaksCap() {
		ScenarioReport report = this.state.reportLeak(4);
		assertThat(report.summary())
			.isEqualTo("rendered 64 reports of 64 KB into ReportCache, which keeps every one " + "(64 now)");
		this.state.reportLeak(4);
		assertThat(this.state.held().reportCacheBytes()).isEqualTo(8 * MB);
		this.state.heapLeak(4, false);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.reportLeak(8))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("20 MB").contains("cap of 16 MB"));
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.heapLeak(8, false));
		assertThat(this.state.releaseAll().freedBytes()).isEqualTo(12 * MB);
		assertThat(this.state.held().reportCacheBytes()).isZero();
	}

	@Test
	void directBuffersAboveTheTotalCapAreRefused() {
		this.state.directBuffers(6);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.directBuffers(4))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("megabytes"));
		assertThat(this.state.held().directBytes()).isEqualTo(6 * MB);
	}

	@Test
	void nativeChurnWhoseSurvivorsWouldPassTheCapIsRefused() {
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.nativeChurn(64, 2))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("megabytes"));
		assertThat(this.state.held().nativeBytes()).isZero();
	}

	@Test
	void parkedThreadsAboveTheCapAreRefused() {
		this.state.threads(2);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.threads(2))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("count"));
		assertThat(this.state.held().parkedThreads()).isEqualTo(2);
	}

	@Test
	void aGrowthKeepsItsPaceOnItsOwnThreadUpToTheCap() {
		long start = System.nanoTime();
		this.state.grow(StoryState.Source.HEAP, 8, 64);
		assertThat(this.state.held().heapLeakBytes()).as("it returns at once").isLessThan(16 * MB);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.state.held().heapLeakBytes() == 16 * MB);
		// 16 MB at 8 MB/s: two seconds at the least.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
		this.state.releaseAll();
		this.state.grow(StoryState.Source.NATIVE, 64, 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.state.held().nativeBytes() == 2 * MB);
		assertThat(this.state.held().nativeBlocks()).isEqualTo(32);
	}

	@Test
	void aSecondGrowthWhileOneRunsIsAConflictAndAReleaseEndsIt() {
		this.state.grow(StoryState.Source.NATIVE, 1, 4);
		assertThatExceptionOfType(ScenarioException.class)
			.isThrownBy(() -> this.state.grow(StoryState.Source.HEAP, 1, 4))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.CONFLICT));
		this.state.releaseAll();
		long held = this.state.held().nativeBytes();
		assertThat(held).isZero();
		this.state.grow(StoryState.Source.HEAP, 1, 1);
	}

	@Test
	void aHeapLeakOfSmallObjectsAllocatesWhatItSaysAndSharesTheCap() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		ScenarioReport report = this.state.heapLeak(8, true);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(report.summary()).isEqualTo("added 8 MB to the retained set as 322624 small objects");
		assertThat(allocated).isBetween(8 * MB * 9 / 10, 8 * MB * 13 / 10);
		assertThat(this.state.held().heapLeakBytes()).isEqualTo(8 * MB);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.heapLeak(12, true));
	}

	@Test
	void releaseAfterARefusalStillFreesEverything() {
		this.state.heapLeak(8, false);
		this.state.threads(3);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> this.state.threads(1));
		ScenarioReport report = this.state.releaseAll();
		assertThat(report.threads()).isEqualTo(3);
		assertThat(report.held()).isEqualTo(new StoryState.Held(0, 0, 0, 0, 0, 0, 0));
	}

}
