package io.github.memoryactuator.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SmapsRollup#sum(Smaps)}.
 */
class SmapsRollupSumTests {

	@Test
	void sumOfSmapsMatchesTheKernelsRollupOfTheSameProcess() {
		for (String fixture : new String[] { "smaps-jdk17-g1", "smaps-jdk17-zgc", "smaps-jdk25-zgc" }) {
			SmapsRollup kernel = new SmapsRollupReader(Fixtures.root(fixture)).read().orNull();
			SmapsRollup summed = SmapsRollup.sum(new SmapsReader(Fixtures.root(fixture)).read().orNull());
			assertThat(kernel).as(fixture).isNotNull();
			// the two files were read a moment apart from a running JVM
			assertThat((double) summed.rss()).as(fixture).isCloseTo(kernel.rss(), within(kernel.rss() * 0.02));
			assertThat((double) summed.anonymous()).as(fixture)
				.isCloseTo(kernel.anonymous(), within(kernel.anonymous() * 0.02));
			assertThat(summed.lazyFree()).as(fixture).hasValue(kernel.lazyFree().orElse(0));
			assertThat(summed.swap()).as(fixture).isEqualTo(kernel.swap());
		}
	}

}
