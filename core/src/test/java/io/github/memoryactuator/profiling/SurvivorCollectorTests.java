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

package io.github.memoryactuator.profiling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SurvivorCollector}.
 */
class SurvivorCollectorTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final SurvivorCollector collector = new SurvivorCollector(this.clock, 3);

	@Test
	void anEmissionIsPublishedWholeAtTheFirstFlushThatBringsNoMore() {
		this.collector.requested();
		this.collector.add(sample("a"));
		this.collector.flushed();
		assertThat(this.collector.latest()).isNull();
		this.collector.add(sample("b"));
		this.collector.flushed();
		assertThat(this.collector.latest()).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		this.collector.flushed();
		SurvivorCollector.Harvest harvest = this.collector.latest();
		assertThat(harvest).isNotNull();
		assertThat(harvest.samples()).extracting((sample) -> sample.stack().type()).containsExactly("a", "b");
		assertThat(harvest.at()).isEqualTo(this.clock.instant());
		assertThat(this.collector.harvests()).isEqualTo(1);
	}

	@Test
	void theNextEmissionReplacesThePrevious() {
		this.collector.requested();
		this.collector.add(sample("a"));
		this.collector.flushed();
		this.collector.flushed();
		this.collector.requested();
		this.collector.add(sample("b"));
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).extracting((sample) -> sample.stack().type())
			.containsExactly("b");
		assertThat(this.collector.history()).hasSize(2);
	}

	@Test
	void theRestOfAnEmissionReadAfterAQuietFlushJoinsIt() {
		this.collector.requested();
		this.collector.add(sample("a"));
		this.collector.flushed();
		this.collector.flushed();
		this.clock.advance(Duration.ofSeconds(2));
		this.collector.add(sample("b"));
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).extracting((sample) -> sample.stack().type())
			.containsExactly("a", "b");
		assertThat(this.collector.harvests()).isEqualTo(1);
		assertThat(this.collector.history()).singleElement().satisfies((emission) -> {
			assertThat(emission.samples()).isEqualTo(2);
			assertThat(emission.at()).isEqualTo(this.collector.latest().at());
		});
	}

	@Test
	void anEmissionThatSeemedEmptyIsReplacedByItsSamplesWhenTheyArriveLate() {
		this.collector.requested();
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).isEmpty();
		this.collector.add(sample("a"));
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).hasSize(1);
		assertThat(this.collector.history()).singleElement()
			.satisfies((emission) -> assertThat(emission.samples()).isEqualTo(1));
	}

	@Test
	void samplesNobodyAskedForLongAfterABatchAreAnEmissionOfTheirOwn() {
		this.collector.requested();
		this.collector.add(sample("a"));
		this.collector.flushed();
		this.collector.flushed();
		this.clock.advance(Duration.ofSeconds(SurvivorCollector.CONTINUATION_SECONDS + 1));
		this.collector.add(sample("b"));
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).extracting((sample) -> sample.stack().type())
			.containsExactly("b");
		assertThat(this.collector.history()).hasSize(2);
	}

	@Test
	void anEmissionWithNothingAliveIsAnEmptyHarvestAfterTwoQuietFlushes() {
		this.collector.requested();
		this.collector.flushed();
		assertThat(this.collector.latest()).isNull();
		this.collector.flushed();
		assertThat(this.collector.latest()).isNotNull();
		assertThat(this.collector.latest().samples()).isEmpty();
		this.collector.flushed();
		assertThat(this.collector.harvests()).isEqualTo(1);
	}

	@Test
	void anEmissionThatArrivesAfterTwoQuietFlushesDoesNotEmptyTheTableInBetween() {
		this.collector.requested();
		this.collector.add(sample("a"));
		this.collector.add(sample("b"));
		this.collector.flushed();
		this.collector.flushed();
		// The next emission's chunk is read late, as on a loaded machine.
		this.collector.requested();
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).extracting((sample) -> sample.stack().type())
			.containsExactly("a", "b");
		this.collector.add(sample("c"));
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).extracting((sample) -> sample.stack().type())
			.containsExactly("c");
		assertThat(this.collector.harvests()).isEqualTo(2);
	}

	@Test
	void samplesGiveWayToEmptinessOnlyAfterSeveralQuietEmissionsInARow() {
		this.collector.requested();
		this.collector.add(sample("a"));
		this.collector.flushed();
		this.collector.flushed();
		for (int i = 1; i < SurvivorCollector.QUIET_REQUESTS; i++) {
			this.collector.requested();
			this.collector.flushed();
			this.collector.flushed();
			assertThat(this.collector.latest().samples()).as("after %d quiet emissions", i).hasSize(1);
		}
		this.collector.requested();
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).isEmpty();
	}

	@Test
	void keepsAtMostItsCapacity() {
		for (int i = 0; i < 10; i++) {
			this.collector.add(sample("t" + i));
		}
		this.collector.flushed();
		this.collector.flushed();
		assertThat(this.collector.latest().samples()).hasSize(3);
	}

	private static SurvivorSample sample(String type) {
		return new SurvivorSample(new SampledStack(type, List.of()), Duration.ofSeconds(1), OptionalLong.empty());
	}

}
