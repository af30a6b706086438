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

package io.github.memoryactuator.groundtruth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.memoryactuator.diagnosis.Diagnostician;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the verdict ({@link Diagnostician}) names what leaks before a marking
 * confirms it, in a fresh G1 JVM with allocation profiling at the starter's defaults and
 * a 1-minute leak window ({@link VerdictProbe}): a registry leaks 1 MB a second beside a
 * catalog filled once and held (at first the largest surviving group), batches held for a
 * second and short-lived garbage, and G1 marks in some thirds of the window but not all
 * until the leak keeps the old generation above its threshold. Within two windows the
 * verdict names the registry's site, labelled unconfirmed; once markings confirm the
 * growth, "Suspected heap leak" names the same site. The catalog is never named: a
 * verdict says it is the largest group and not the culprit. The full verdict, the health
 * indicator's, the findings and a pre-OOM report all name the registry.
 * <p>
 * It runs on JDK 25, where G1 reports its Remark and Cleanup pauses, so that every
 * concurrent cycle is a reading. On JDK 17 only mixed collections are, and a heap whose
 * old regions hold little garbage gets none: the verdict stays unconfirmed there,
 * rightly. The run takes about two minutes, so only CI's JDK 25 pass runs it (a build on
 * JDK 17 runs it too when JDK 25 is missing, to fail under CI, or with
 * {@code -Dmatrix.always=true}).
 */
@EnabledOnOs(OS.LINUX)
class VerdictForkedJvmTests {

	// The heap is sized and the marking threshold fixed so that the leak keeps G1
	// marking from about 80 s on, and the batches make it mark now and then before.
	private static final List<String> JVM = List.of("-XX:+UseG1GC", "-Xms384m", "-Xmx384m", "-XX:-G1UseAdaptiveIHOP",
			"-XX:InitiatingHeapOccupancyPercent=40", "-XX:TieredStopAtLevel=1");

	private static final Duration DEADLINE = Duration.ofSeconds(170);

	@Test
	void theVerdictNamesTheLeakingSiteUnconfirmedThenConfirmedAndNeverTheLargerCacheBesideIt() throws Exception {
		// It forks JDK 25 whatever JDK runs Maven; the JDK 25 pass runs it, which has
		// less to do than the JDK 17 pass.
		Assumptions.assumeFalse(Runtime.version().feature() != 25 && ForkedJvm.java(25).isPresent()
				&& !Boolean.getBoolean("matrix.always"), "the JDK 25 pass runs it");
		Optional<Path> java = ForkedJvm.java(25);
		assertThat(java.isPresent() || !ForkedJvm.onCi()).as("JDK 25 is missing on CI").isTrue();
		Assumptions.assumeTrue(java.isPresent(), "JDK 25 is not installed");
		Map<String, String> run = ForkedJvm.run(java.get(), "verdict-25", DEADLINE.plusSeconds(60), JVM,
				VerdictProbe.class, String.valueOf(DEADLINE.toSeconds()));
		System.out.println("verdicts, JDK 25: " + run.get("timeline"));
		System.out
			.println("  unconfirmed after " + run.get("unconfirmedSeconds") + " s: " + run.get("unconfirmedVerdict"));
		System.out.println("  confirmed after " + run.get("confirmedSeconds") + " s: " + run.get("confirmedVerdict"));
		System.out.println("  the catalog: " + run.get("cacheLargestNotNamed") + "; while the registry was named: "
				+ run.get("cacheLargestWhileLeakNamed"));
		String site = run.get("leakSite");
		String cache = run.get("cacheSite");
		String named = "% of surviving samples are byte[] allocated at " + site;
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(run.get("profiler")).isEqualTo("RECORDING");
		softly.assertThat(run.get("named"))
			.as("every site a verdict named (timeline %s)", run.get("timeline"))
			.isEqualTo("[" + site + "]")
			.doesNotContain(cache);
		softly.assertThat(Double.parseDouble(run.getOrDefault("firstNamedSeconds", "1e9")))
			.as("seconds until the verdict named the site")
			.isLessThanOrEqualTo(120);
		softly.assertThat(run.get("cacheLargestNotNamed"))
			.as("a growth verdict said the catalog was the largest surviving group and did not name it")
			.contains("; the largest surviving group (byte[] allocated at " + cache + ", ")
			.contains(") is not named: ");
		softly.assertThat(run.get("labels"))
			.as("labelled unconfirmed until confirmed, then confirmed")
			.matches("(unconfirmed,)+confirmed(,confirmed)*");
		softly.assertThat(run.get("unconfirmedVerdict"))
			.startsWith("Unconfirmed heap growth: the old generation grew ")
			.contains("not yet confirmed: ")
			.contains("; unconfirmed culprit: ")
			.contains(named);
		softly.assertThat(run.get("unconfirmedHealth")).contains("; unconfirmed culprit: ").contains(named);
		softly.assertThat(run.get("unconfirmedFindingSummary")).contains("; unconfirmed culprit: ").contains(named);
		softly.assertThat(run.get("unconfirmedFindingEvidence")).contains("suspectStartSamples=");
		softly.assertThat(run.get("unconfirmedFindingAction"))
			.contains("Look at what keeps the byte[] allocated there");
		softly.assertThat(run.get("confirmedVerdict"))
			.startsWith("Suspected heap leak: the live set rose ")
			.contains(named)
			.doesNotContain("unconfirmed");
		softly.assertThat(run.get("confirmedHealth")).startsWith("Suspected heap leak: ").contains(named);
		softly.assertThat(run.get("confirmedFindingSummary")).contains(named);
		softly.assertThat(run.get("preOomVerdict")).contains(named);
		softly.assertAll();
	}

}
