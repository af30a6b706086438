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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.memoryactuator.probe.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GcCpuMeter}, on task trees laid out as {@code /proc/self/task} is.
 */
class GcCpuMeterTests {

	@TempDir
	Path root;

	@Test
	void sumsTheCpuTimeOfGcThreadsOnly() throws IOException {
		task(11, "GC Thread#0", 30, 5);
		task(12, "G1 Conc#0", 10, 0);
		task(13, "http-nio-8080-e", 500, 100);
		task(14, "VM Thread", 40, 0);
		assertThat(new GcCpuMeter(this.root, false).read().orNull()).isEqualTo(450_000_000L);
	}

	@Test
	void underSerialTheVmThreadRunsTheCollections() throws IOException {
		task(14, "VM Thread", 40, 2);
		task(15, "main", 700, 0);
		assertThat(new GcCpuMeter(this.root, true).read().orNull()).isEqualTo(420_000_000L);
	}

	@Test
	void aThreadThatExitsDoesNotTakeItsTimeAway() throws IOException {
		task(21, "ZWorkerYoung#0", 10, 0);
		task(22, "ZDriverMajor", 5, 0);
		GcCpuMeter meter = new GcCpuMeter(this.root, false);
		assertThat(meter.read().orNull()).isEqualTo(150_000_000L);
		Files.delete(this.root.resolve("proc/self/task/21/stat"));
		Files.delete(this.root.resolve("proc/self/task/21/comm"));
		Files.delete(this.root.resolve("proc/self/task/21"));
		task(22, "ZDriverMajor", 8, 0);
		for (int i = 0; i < GcCpuMeter.RELIST_EVERY; i++) {
			meter.read();
		}
		assertThat(meter.read().orNull()).isEqualTo(180_000_000L);
	}

	@Test
	void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
		assertThat(GcCpuMeter.ticks("7 (GC Thread#0 (x) y) S 1 1 1 0 -1 4194368 0 0 0 0 12 3 0 0 20 0 1 0 100"))
			.isEqualTo(15);
		assertThat(GcCpuMeter.ticks("garbled")).isEqualTo(-1);
		assertThat(GcCpuMeter.ticks("7 (x) S 1 2")).isEqualTo(-1);
	}

	@Test
	void everyCollectorsThreadsAreRecognised() {
		assertThat(GcCpuMeter.isGcThread("GC Thread#3", false)).isTrue();
		assertThat(GcCpuMeter.isGcThread("G1 Refine#0", false)).isTrue();
		assertThat(GcCpuMeter.isGcThread("Shenandoah GC T", false)).isTrue();
		assertThat(GcCpuMeter.isGcThread("RuntimeWorker#1", false)).isTrue();
		assertThat(GcCpuMeter.isGcThread("ZUncommitter#0", false)).isTrue();
		assertThat(GcCpuMeter.isGcThread("VM Thread", false)).isFalse();
		assertThat(GcCpuMeter.isGcThread("C2 CompilerThre", false)).isFalse();
	}

	@Test
	void withoutProcTheReadingSaysWhy() {
		Reading<Long> reading = new GcCpuMeter(this.root.resolve("nowhere"), false).read();
		assertThat(reading.isAvailable()).isFalse();
		assertThat(reading.reason()).contains("proc/self/task cannot be listed");
	}

	private void task(int tid, String comm, long utime, long stime) throws IOException {
		Path task = Files.createDirectories(this.root.resolve("proc/self/task/" + tid));
		Files.writeString(task.resolve("comm"), comm + "\n");
		Files.writeString(task.resolve("stat"), tid + " (" + comm + ") S 1 1 1 0 -1 4194368 0 0 0 0 " + utime + " "
				+ stime + " 0 0 20 0 1 0 100 0 0\n");
	}

}
