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

package io.github.memoryactuator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the JDKs that forked-JVM tests launch, and says whether a missing one may be
 * skipped.
 */
public final class Jdks {

	private Jdks() {
	}

	/**
	 * Find the {@code java} launcher of a JDK with the given feature release: the running
	 * JDK when it is that release, then {@code -Dmatrix.jdk<N>=<java.home>}, then
	 * {@code /usr/lib/jvm/*}.
	 * @param feature for example 17 or 25
	 * @return the launcher, if installed
	 */
	public static Optional<Path> java(int feature) {
		if (Runtime.version().feature() == feature) {
			return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
		}
		String configured = System.getProperty("matrix.jdk" + feature);
		if (configured != null) {
			return Optional.of(Path.of(configured, "bin", "java")).filter(Files::isExecutable);
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			return homes.sorted()
				.filter((home) -> isRelease(home, feature))
				.map((home) -> home.resolve("bin").resolve("java"))
				.filter(Files::isExecutable)
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether a test that forks both JDK 17 and JDK 25 itself should skip on this pass:
	 * CI runs the build on JDK 17 and again on JDK 25, and the second pass would repeat
	 * the first exactly. {@code -Dmatrix.always=true} runs it anyway.
	 * @return whether this is the JDK 25 pass of a machine that also has JDK 17
	 */
	public static boolean coveredByTheJdk17Pass() {
		return Runtime.version().feature() == 25 && java(17).isPresent() && !Boolean.getBoolean("matrix.always");
	}

	/**
	 * Whether the build runs on CI, where a missing JDK, collector or tool is a failure
	 * rather than a reason to skip.
	 * @return whether {@code CI=true}
	 */
	public static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	private static boolean isRelease(Path home, int feature) {
		try {
			return Files.readString(home.resolve("release")).contains("JAVA_VERSION=\"" + feature + ".");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
