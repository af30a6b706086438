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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SurvivorHistory}.
 */
class SurvivorHistoryTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void anEmissionIsCountedByTypeAndSiteWithTheAgesOfItsOldestAndYoungest() {
		Frame put = new Frame("com.acme.Cache", "put", 42);
		List<SurvivorSample> samples = List.of(sample("byte[]", put, 50), sample("byte[]", put, 5),
				sample("char[]", put, 7), sample("byte[]", put, 20));
		SurvivorHistory.Emission emission = SurvivorHistory.Emission.of(new SurvivorCollector.Harvest(START, samples));
		assertThat(emission.samples()).isEqualTo(4);
		assertThat(emission.floor()).isZero();
		assertThat(emission.groups()).hasSize(2);
		SurvivorHistory.Count bytes = emission.groups().get(0);
		assertThat(bytes.group()).isEqualTo(new SurvivorHistory.Group("byte[]", put));
		assertThat(bytes.samples()).isEqualTo(3);
		assertThat(bytes.oldest()).isEqualTo(Duration.ofSeconds(50));
		assertThat(bytes.youngest()).isEqualTo(Duration.ofSeconds(5));
		assertThat(bytes.keptSince(START, START.minusSeconds(50))).isTrue();
		assertThat(bytes.keptSince(START, START.minusSeconds(51))).isFalse();
		assertThat(bytes.addedSince(START, START.minusSeconds(6))).isTrue();
		assertThat(bytes.addedSince(START, START.minusSeconds(5))).isFalse();
		assertThat(emission.count(new SurvivorHistory.Group("int[]", put))).isNull();
	}

	@Test
	void anEmissionKeepsItsLargestGroupsAndTheSizeOfTheLargestLeftOut() {
		List<SurvivorSample> samples = new ArrayList<>();
		for (int group = 0; group < SurvivorHistory.GROUPS + 10; group++) {
			// group 0 has the most samples, the last ones one each
			for (int i = 0; i < Math.max(1, 100 - group); i++) {
				samples.add(sample("byte[]", new Frame("com.acme.Site" + group, "run", 1), 1));
			}
		}
		SurvivorHistory.Emission emission = SurvivorHistory.Emission.of(new SurvivorCollector.Harvest(START, samples));
		assertThat(emission.groups()).hasSize(SurvivorHistory.GROUPS);
		assertThat(emission.samples()).isEqualTo(samples.size());
		assertThat(emission.groups().get(0).samples()).isEqualTo(100);
		assertThat(emission.floor()).isEqualTo(100 - SurvivorHistory.GROUPS);
	}

	@Test
	void pastItsBoundTheNewestStayAsTheyCameAndTheOlderAreThinned() {
		SurvivorHistory history = new SurvivorHistory();
		int added = 4 * SurvivorHistory.EMISSIONS;
		for (int i = 0; i < added; i++) {
			history.add(new SurvivorCollector.Harvest(START.plusSeconds(30L * i), List.of()));
		}
		List<SurvivorHistory.Emission> emissions = history.emissions();
		assertThat(emissions).hasSize(SurvivorHistory.EMISSIONS);
		assertThat(emissions.get(0).at()).as("the first").isEqualTo(START);
		Instant newest = START.plusSeconds(30L * (added - 1));
		assertThat(emissions.get(emissions.size() - 1).at()).isEqualTo(newest);
		// The last few minutes as they came, 30 s apart; the gaps widen with age.
		for (int i = emissions.size() - 8; i < emissions.size(); i++) {
			assertThat(Duration.between(emissions.get(i - 1).at(), emissions.get(i).at()))
				.isEqualTo(Duration.ofSeconds(30));
		}
		Duration oldestGap = Duration.between(emissions.get(0).at(), emissions.get(1).at());
		assertThat(oldestGap).isGreaterThan(Duration.ofSeconds(30));
		for (int i = 1; i < emissions.size(); i++) {
			assertThat(emissions.get(i).at()).isAfter(emissions.get(i - 1).at());
		}
	}

	@Test
	void theRestOfTheNewestEmissionReplacesIt() {
		SurvivorHistory history = new SurvivorHistory();
		Frame put = new Frame("com.acme.Cache", "put", 42);
		history.add(new SurvivorCollector.Harvest(START, List.of(sample("byte[]", put, 1))));
		history.replaceNewest(
				new SurvivorCollector.Harvest(START, List.of(sample("byte[]", put, 1), sample("byte[]", put, 2))));
		assertThat(history.emissions()).singleElement()
			.satisfies((emission) -> assertThat(emission.samples()).isEqualTo(2));
	}

	private static SurvivorSample sample(String type, Frame site, long ageSeconds) {
		return new SurvivorSample(new SampledStack(type, List.of(site)), Duration.ofSeconds(ageSeconds),
				OptionalLong.empty());
	}

}
