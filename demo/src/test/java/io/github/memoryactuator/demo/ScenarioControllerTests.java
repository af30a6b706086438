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

import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScenarioController} against the running demo. Sizes stay small: the
 * scenarios run in the test JVM.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ScenarioControllerTests {

	private static final long MB = 1024 * 1024;

	@Autowired
	private RestTestClient client;

	@BeforeEach
	@AfterEach
	void releaseEverything() {
		post("/scenario/release");
	}

	@Test
	void storyStartsEmptyAndShowsTheLimits() {
		ScenarioController.Story story = story();
		assertThat(story.held()).isEqualTo(new StoryState.Held(0, 0, 0, 0, 0, 0, 0));
		assertThat(story.limits().heapLeakBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
		assertThat(story.limits().threads()).isEqualTo(2000);
	}

	@Test
	void heapChurnAllocatesButKeepsNothing() {
		ScenarioReport report = post("/scenario/heap-churn?megabytes=32");
		assertThat(report.scenario()).isEqualTo("heap-churn");
		assertThat(report.allocatedBytes()).isGreaterThanOrEqualTo(32 * MB);
		assertThat(report.retainedBytes()).isZero();
		assertThat(report.durationMillis()).isNotNegative();
		assertThat(story().held()).isEqualTo(new StoryState.Held(0, 0, 0, 0, 0, 0, 0));
	}

	@Test
	void heapLeakGrowsTheRetainedSetOnEachCall() {
		assertThat(post("/scenario/heap-leak?megabytes=8").held().heapLeakBytes()).isEqualTo(8 * MB);
		ScenarioReport second = post("/scenario/heap-leak?megabytes=4");
		assertThat(second.retainedBytes()).isEqualTo(4 * MB);
		assertThat(second.held().heapLeakBytes()).isEqualTo(12 * MB);
		assertThat(story().held().heapLeakBytes()).isEqualTo(12 * MB);
	}

	@Test
	void heapLeakReleaseDropsTheRetainedHeapOnly() {
		post("/scenario/heap-leak?megabytes=8");
		post("/scenario/direct-buffers?megabytes=2");
		ScenarioReport report = post("/scenario/heap-leak/release");
		assertThat(report.freedBytes()).isEqualTo(8 * MB);
		assertThat(report.held().heapLeakBytes()).isZero();
		assertThat(report.held().directBytes()).isEqualTo(2 * MB);
	}

	@Test
	void nativeChurnFreesMostBlocksAndKeepsTheSurvivors() {
		ScenarioReport report = post("/scenario/native-churn?megabytes=16&threads=4");
		assertThat(report.threads()).isEqualTo(4);
		assertThat(report.allocatedBytes()).isGreaterThanOrEqualTo(16 * MB);
		assertThat(report.freedBytes()).isGreaterThan(report.allocatedBytes() * 8 / 10);
		assertThat(report.retainedBytes()).isPositive().isEqualTo(report.allocatedBytes() - report.freedBytes());
		StoryState.Held held = story().held();
		assertThat(held.nativeBytes()).isEqualTo(report.retainedBytes());
		assertThat(held.nativeBlocks()).isPositive();
	}

	@Test
	void nativeLeakKeepsEveryBlockUntilReleased() {
		ScenarioReport report = post("/scenario/native-leak?megabytes=4");
		assertThat(report.allocatedBytes()).isEqualTo(4 * MB);
		assertThat(report.retainedBytes()).isEqualTo(4 * MB);
		post("/scenario/native-leak?megabytes=2");
		assertThat(story().held().nativeBytes()).isEqualTo(6 * MB);
		assertThat(story().held().nativeBlocks()).isEqualTo(6 * 16);
		assertThat(post("/scenario/release").freedBytes()).isEqualTo(6 * MB);
	}

	@Test
	void directBuffersAreHeldUntilReleased() {
		ScenarioReport report = post("/scenario/direct-buffers?megabytes=4");
		assertThat(report.retainedBytes()).isEqualTo(4 * MB);
		assertThat(story().held().directBuffers()).isEqualTo(4);
		assertThat(story().held().directBytes()).isEqualTo(4 * MB);
	}

	@Test
	void threadsStayParkedUntilReleased() {
		ScenarioReport report = post("/scenario/threads?count=5");
		assertThat(report.threads()).isEqualTo(5);
		assertThat(story().held().parkedThreads()).isEqualTo(5);
		// The server runs in this JVM, so the parked threads are visible here.
		assertThat(parkedThreadsAlive()).isEqualTo(5);
		post("/scenario/release");
		assertThat(parkedThreadsAlive()).isZero();
	}

	@Test
	void releaseFreesEverything() {
		post("/scenario/heap-leak?megabytes=4");
		ScenarioReport churn = post("/scenario/native-churn?megabytes=8&threads=2");
		post("/scenario/direct-buffers?megabytes=2");
		post("/scenario/threads?count=3");
		ScenarioReport release = post("/scenario/release");
		assertThat(release.freedBytes()).isEqualTo(4 * MB + churn.retainedBytes() + 2 * MB);
		assertThat(release.threads()).isEqualTo(3);
		assertThat(release.held()).isEqualTo(new StoryState.Held(0, 0, 0, 0, 0, 0, 0));
		assertThat(story().held()).isEqualTo(new StoryState.Held(0, 0, 0, 0, 0, 0, 0));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "heap-churn?megabytes=2049, megabytes", "heap-churn?megabytes=-1, megabytes",
			"heap-churn?megabytes=abc, megabytes", "heap-leak?megabytes=0, megabytes",
			"heap-leak?megabytes=1025, megabytes", "heap-leak?megabytes=8&shape=strings, shape",
			"native-churn?megabytes=99999999999, megabytes", "native-churn?megabytes=8&threads=65, threads",
			"native-churn?megabytes=8&threads=-4, threads", "native-leak?megabytes=0, megabytes",
			"native-leak?megabytes=2049, megabytes", "direct-buffers?megabytes=1025, megabytes",
			"direct-buffers?megabytes=1.5, megabytes", "threads?count=2001, count", "threads?count=ten, count",
			"grow?source=stack&megabytesPerSecond=50&megabytes=64, source",
			"grow?source=heap&megabytesPerSecond=0&megabytes=64, megabytesPerSecond",
			"grow?source=native&megabytesPerSecond=50&megabytes=4096, megabytes" })
	void badParameterIsABadRequestNamingTheParameter(String request, String parameter) {
		ProblemDetail problem = this.client.post()
			.uri("/scenario/" + request)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getProperties()).containsEntry("parameter", parameter);
		assertThat(problem.getDetail()).contains("'" + parameter + "'");
		assertThat(story().held()).isEqualTo(new StoryState.Held(0, 0, 0, 0, 0, 0, 0));
	}

	private ScenarioReport post(String uri) {
		ScenarioReport report = this.client.post()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ScenarioReport.class)
			.returnResult()
			.getResponseBody();
		return Objects.requireNonNull(report);
	}

	private ScenarioController.Story story() {
		ScenarioController.Story story = this.client.get()
			.uri("/scenario")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ScenarioController.Story.class)
			.returnResult()
			.getResponseBody();
		return Objects.requireNonNull(story);
	}

	private static long parkedThreadsAlive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("story-parked-") && thread.isAlive())
			.count();
	}

}
