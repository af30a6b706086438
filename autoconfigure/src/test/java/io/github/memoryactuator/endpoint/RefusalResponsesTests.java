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

package io.github.memoryactuator.endpoint;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.guard.PausingOperation;
import io.github.memoryactuator.guard.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the one place each face answers a refused write: the neutral endpoint's
 * sentence ({@link MemoryEndpoint#refusal(Refusal)}) and the web extension's status.
 */
class RefusalResponsesTests {

	@Test
	void aWriteRefusedWhileAnotherRunsIs429NamingTheRunningOperationAndRetryAfterOneSecond() {
		Map<?, ?> body = body(new Refusal.Busy(PausingOperation.CLASS_HISTOGRAM, Duration.ofMillis(1500)), 429);
		assertThat(body.get("error"))
			.isEqualTo("A class histogram is running (for 1500 ms); only one write runs at a time");
		assertThat(body.get("retryAfterSeconds")).isEqualTo(1L);
	}

	@Test
	void aWriteRefusedDuringTheCooldownIs429WithTheSecondsLeftRoundedUp() {
		Map<?, ?> body = body(new Refusal.CoolingDown(PausingOperation.RECLAIM, Duration.ofMillis(40_200)), 429);
		assertThat(body.get("error"))
			.isEqualTo("A reclaim ran recently; the next write is allowed in 41 s (memory-actuator.reclaim.cooldown)");
		assertThat(body.get("retryAfterSeconds")).isEqualTo(41L);
	}

	@Test
	void aFlagHeldByTheSoftLimitIs409NamingTheParameterAndHowToLetGo() {
		Map<?, ?> body = body(new Refusal.HeldBySoftLimit("maxHeapFreeRatio", "MaxHeapFreeRatio",
				"memory-actuator.soft-limit.target", "1500MB"), 409);
		assertThat(body.get("parameter")).isEqualTo("maxHeapFreeRatio");
		assertThat(body.get("error")).isEqualTo(
				"MaxHeapFreeRatio is held by the soft limit (memory-actuator.soft-limit.target=1500MB); remove the "
						+ "target first: POST /actuator/memory/softLimit {\"target\": \"off\"}");
		assertThat(body.containsKey("retryAfterSeconds")).isFalse();
	}

	private static Map<?, ?> body(Refusal refusal, int status) {
		var response = MemoryEndpointWebExtension.refused(refusal);
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getBody()).isInstanceOf(Map.class);
		Map<?, ?> body = (Map<?, ?>) response.getBody();
		assertThat(body.get("error")).isEqualTo(MemoryEndpoint.refusal(refusal));
		return body;
	}

}
