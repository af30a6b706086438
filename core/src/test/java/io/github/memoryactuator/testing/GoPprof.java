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

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import io.github.memoryactuator.groundtruth.ForkedJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code go tool pprof} (Debian's {@code golang-go}) on a profile: the real client
 * the pprof export must satisfy. Without Go the calling test is skipped, except on CI
 * ({@code CI=true}), where it fails.
 */
public final class GoPprof {

	private GoPprof() {
	}

	/**
	 * Run {@code go tool pprof} with the given options on a profile file.
	 * @param profile the gzipped profile
	 * @param options such as {@code -top} or {@code -raw}
	 * @return what it printed, standard error included
	 * @throws IOException if it cannot be run
	 * @throws InterruptedException if interrupted
	 */
	public static String run(Path profile, String... options) throws IOException, InterruptedException {
		Path go = go().orElse(null);
		if (go == null) {
			String why = "go is not installed (Debian: apt-get install golang-go), so go tool pprof cannot read the "
					+ "profile";
			assertThat(ForkedJvm.onCi()).as(why + "; CI must have it").isFalse();
			Assumptions.abort(why);
		}
		List<String> command = new ArrayList<>(List.of(go.toString(), "tool", "pprof"));
		command.addAll(List.of(options));
		command.add(profile.toString());
		// Its output goes to a file, so that the wait below bounds a pprof that hangs.
		Path output = Files.createTempFile("go-pprof", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		// pprof keeps nothing of its own here, but Go wants a writable home for its
		// cache.
		builder.environment().putIfAbsent("HOME", System.getProperty("java.io.tmpdir"));
		Process process = builder.start();
		String text;
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				throw new IOException("go tool pprof did not finish in 60 s");
			}
			text = Files.readString(output, StandardCharsets.UTF_8);
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly();
			}
			Files.deleteIfExists(output);
		}
		assertThat(process.exitValue()).as("go tool pprof %s: %s", String.join(" ", options), text).isZero();
		return text;
	}

	private static Optional<Path> go() {
		String path = System.getenv("PATH");
		Stream<Path> candidates = Stream.concat(
				(path != null) ? Stream.of(path.split(File.pathSeparator)).map(Path::of) : Stream.empty(),
				Stream.of(Path.of("/usr/lib/go/bin"), Path.of("/usr/local/go/bin")));
		return candidates.map((directory) -> directory.resolve("go")).filter(Files::isExecutable).findFirst();
	}

}
