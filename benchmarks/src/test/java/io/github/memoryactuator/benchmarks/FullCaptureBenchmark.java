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

package io.github.memoryactuator.benchmarks;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.memoryactuator.breakdown.BreakdownCalculator;
import io.github.memoryactuator.breakdown.RssBreakdown;
import io.github.memoryactuator.liveset.LiveSetTracker;
import io.github.memoryactuator.probe.Reading;
import io.github.memoryactuator.probe.hotspot.DiagnosticCommands;
import io.github.memoryactuator.probe.hotspot.HeapInfoReader;
import io.github.memoryactuator.probe.hotspot.NativeHeapParser;
import io.github.memoryactuator.probe.hotspot.NmtReader;
import io.github.memoryactuator.probe.hotspot.SystemMapParser;
import io.github.memoryactuator.probe.hotspot.VmInfoReader;
import io.github.memoryactuator.probe.jvm.JvmMemoryReader;
import io.github.memoryactuator.probe.kernel.CgroupMemoryReader;
import io.github.memoryactuator.probe.kernel.ProcStatusReader;
import io.github.memoryactuator.probe.kernel.SmapsReader;
import io.github.memoryactuator.snapshot.FullSnapshotter;
import io.github.memoryactuator.snapshot.GaugeSnapshotter;

/**
 * What one full-depth capture costs (status, smaps, {@code GC.heap_info}, NMT,
 * {@code VM.info}, and the breakdown computed from them), beside its floor: one read of
 * {@code /proc/self/smaps}, which walks every page table of the process. {@code mappings}
 * picks the shape of the process: a plain JVM (a few hundred mappings), or one with 1,000
 * parked threads (about 2,000 more: a stack and its guard each).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class FullCaptureBenchmark {

	@Param({ "plain", "threads" })
	public String mappings;

	private final byte[] buffer = new byte[1 << 20];

	private final List<Thread> parked = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private FullSnapshotter full;

	private GaugeSnapshotter gauge;

	private SmapsReader smaps;

	private VmInfoReader vmInfo;

	private NmtReader nmt;

	private HeapInfoReader heapInfo;

	private DiagnosticCommands commands;

	@Setup(Level.Trial)
	public void setUp() throws InterruptedException {
		if (this.mappings.equals("threads")) {
			CountDownLatch started = new CountDownLatch(1000);
			for (int i = 0; i < 1000; i++) {
				Thread thread = new Thread(() -> {
					started.countDown();
					try {
						this.release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				thread.setDaemon(true);
				thread.start();
				this.parked.add(thread);
			}
			started.await();
		}
		Path root = Path.of("/");
		this.gauge = new GaugeSnapshotter(new ProcStatusReader(root), new CgroupMemoryReader(root),
				JvmMemoryReader.platform(), new LiveSetTracker(16, Clock.systemUTC(), Set.of()),
				GaugeSnapshotter.platformCollectors(), Clock.systemUTC());
		DiagnosticCommands commands = DiagnosticCommands.platform();
		this.full = new FullSnapshotter(this.gauge::capture, root, commands);
		this.smaps = new SmapsReader(root);
		this.vmInfo = new VmInfoReader(commands);
		this.nmt = new NmtReader(commands);
		this.heapInfo = new HeapInfoReader(commands);
		this.commands = commands;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.release.countDown();
		this.gauge.close();
	}

	/**
	 * The floor: open {@code /proc/self/smaps}, read it to the end, close it.
	 */
	@Benchmark
	public int floorSmapsRead() throws IOException {
		int total = 0;
		try (FileInputStream in = new FileInputStream("/proc/self/smaps")) {
			int n;
			while ((n = in.read(this.buffer)) > 0) {
				total += n;
			}
		}
		return total;
	}

	/**
	 * A full capture and the breakdown computed from it, as a cache miss of
	 * {@code GET /actuator/memory} pays.
	 */
	@Benchmark
	public Reading<RssBreakdown> ours() {
		return BreakdownCalculator.compute(this.full.capture());
	}

	/**
	 * Part of {@link #ours()}: {@code /proc/self/smaps} read and parsed.
	 */
	@Benchmark
	public Object partSmaps() {
		return this.smaps.read();
	}

	/**
	 * Part of {@link #ours()}: {@code VM.info} run and scanned.
	 */
	@Benchmark
	public Object partVmInfo() {
		return this.vmInfo.read();
	}

	/**
	 * Part of {@link #ours()}: the NMT summary run and parsed.
	 */
	@Benchmark
	public Object partNmt() {
		return this.nmt.read();
	}

	/**
	 * Part of {@link #ours()}: {@code GC.heap_info} run and parsed.
	 */
	@Benchmark
	public Object partHeapInfo() {
		return this.heapInfo.read();
	}

	/**
	 * Part of {@link #ours()} on JDK 22+ with NMT on: {@code System.map} run and parsed
	 * (it reads {@code /proc/self/smaps} itself).
	 */
	@Benchmark
	public Object partSystemMap() {
		return this.commands.invoke(DiagnosticCommands.SYSTEM_MAP).flatMap(SystemMapParser::parse);
	}

	/**
	 * Part of {@link #ours()} on JDK 21+: {@code System.native_heap_info} run and parsed.
	 */
	@Benchmark
	public Object partNativeHeapInfo() {
		return this.commands.invoke(DiagnosticCommands.NATIVE_HEAP_INFO).flatMap(NativeHeapParser::parse);
	}

}
