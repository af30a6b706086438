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

package io.github.memoryactuator.softlimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlagHolder}.
 */
class FlagHolderTests {

	private final FakeFlags flags = FakeFlags.g1();

	private final FlagHolder holder = new FlagHolder(this.flags);

	@Test
	void restoresRatiosPulsedBelowTheOriginalMinimumMaxFirst() {
		assertThat(this.holder.claim("MinHeapFreeRatio")).isTrue();
		assertThat(this.holder.claim("MaxHeapFreeRatio")).isTrue();
		this.holder.write("MinHeapFreeRatio", "5");
		this.holder.write("MaxHeapFreeRatio", "10");
		assertThat(this.holder.restoreAll()).containsExactly("MaxHeapFreeRatio=70 (restored)",
				"MinHeapFreeRatio=40 (restored)");
		assertThat(this.flags.values).containsEntry("MinHeapFreeRatio", "40").containsEntry("MaxHeapFreeRatio", "70");
		assertThat(this.holder.held()).isEmpty();
	}

	@Test
	void restoresRatiosRaisedAboveTheOriginalMaximumMinFirst() {
		this.holder.claim("MaxHeapFreeRatio");
		this.holder.claim("MinHeapFreeRatio");
		this.holder.write("MaxHeapFreeRatio", "90");
		this.holder.write("MinHeapFreeRatio", "80");
		assertThat(this.holder.restoreAll()).containsExactly("MinHeapFreeRatio=40 (restored)",
				"MaxHeapFreeRatio=70 (restored)");
	}

	@Test
	void aFlagChangedBySomeoneElseIsLetGoAndNeverWrittenAgain() {
		this.holder.claim("SoftMaxHeapSize");
		this.holder.write("SoftMaxHeapSize", "400000000");
		this.flags.values.put("SoftMaxHeapSize", "800000000");
		assertThat(this.holder.claim("SoftMaxHeapSize")).isFalse();
		assertThat(this.holder.claim("SoftMaxHeapSize")).isFalse();
		assertThat(this.holder.released()).containsExactly("SoftMaxHeapSize");
		assertThat(this.holder.restoreAll()).containsExactly("SoftMaxHeapSize left alone (changed by someone else)");
		assertThat(this.flags.values).containsEntry("SoftMaxHeapSize", "800000000");
	}

	@Test
	void aFlagThatCannotBeReadIsNotClaimed() {
		assertThat(this.holder.claim("ShenandoahUncommitDelay")).isFalse();
		assertThat(this.holder.held()).isEmpty();
	}

	@Test
	void heldFlagsCarryTheirOriginals() {
		this.holder.claim("G1PeriodicGCInterval");
		this.holder.write("G1PeriodicGCInterval", "15000");
		assertThat(this.holder.held()).containsExactly(java.util.Map.entry("G1PeriodicGCInterval", "0"));
	}

}
