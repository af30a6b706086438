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

package io.github.memoryactuator.guards;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The memory endpoint's write guards over HTTP and JMX, on the running Boot line, in the
 * set-up where they are the only guards: no Spring Security, the actuator on a management
 * port of its own under custom base paths ({@code /mgmt/ops/memory}), and JMX exposure.
 * Every write (a reclaim or a flag change) runs one at a time and starts a 30 s cooldown,
 * so only {@link #writesRunOneAtATimeAndTheCooldownAnswersWithRetryAfter} carries one
 * out; the other tests send writes that are refused before the guard. The file-system
 * root is a tree whose cgroup usage file is a symbolic link loop below a cgroup path that
 * names a pod.
 */
@SpringBootTest(classes = GuardsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"management.server.port=0", "management.server.base-path=/mgmt", "management.endpoints.web.base-path=/ops",
		"management.endpoints.web.exposure.include=memory", "management.endpoint.memory.access=unrestricted",
		"memory-actuator.reclaim.cooldown=30s", "memory-actuator.reclaim.settle-timeout=1s", "spring.jmx.enabled=true",
		"management.endpoints.jmx.exposure.include=memory", "management.endpoints.jmx.domain=memory-actuator-guards" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteGuardsSmokeTests {

	private static final String CGROUP = "kubepods/burstable/pod4f2a9c/cri-containerd-7d1e";

	private static final String MEMORY = "/mgmt/ops/memory";

	private static final String[] RECLAIM_SIGNATURE = { Boolean.class.getName(), Boolean.class.getName(),
			Integer.class.getName(), Integer.class.getName(), String.class.getName() };

	private static Path root;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Autowired
	private Environment environment;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void fileSystemRoot(DynamicPropertyRegistry registry) throws IOException {
		root = Files.createTempDirectory("memory-actuator-guards");
		Path proc = Files.createDirectories(root.resolve("proc/self"));
		Path status = Path.of("/proc/self/status");
		Files.writeString(proc.resolve("status"),
				Files.isReadable(status) ? Files.readString(status) : "VmRSS:\t  102804 kB\n");
		Files.writeString(proc.resolve("cgroup"), "0::/" + CGROUP + "\n");
		Files.writeString(proc.resolve("mountinfo"), "29 28 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime "
				+ "shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n");
		Path cgroup = Files.createDirectories(root.resolve("sys/fs/cgroup").resolve(CGROUP));
		Files.writeString(cgroup.resolve("memory.max"), "max\n");
		Files.writeString(cgroup.resolve("memory.stat"), "inactive_file 0\n");
		// Even root cannot read a file that is a symbolic link to itself.
		Files.createSymbolicLink(cgroup.resolve("memory.current"), Path.of("memory.current"));
		registry.add("memory-actuator.filesystem-root", root::toString);
	}

	@Test
	@Order(1)
	void writesRunOneAtATimeAndTheCooldownAnswersWithRetryAfter() throws Exception {
		int ratio = get(MEMORY + "/tuning").<Number>json("$.maxHeapFreeRatio").intValue();
		// One reclaim and five flag-only writes (to the value the flag has) at once.
		List<String> bodies = new ArrayList<>(List.of("{\"trim\": false}"));
		for (int i = 0; i < 5; i++) {
			bodies.add("{\"gc\": false, \"trim\": false, \"maxHeapFreeRatio\": " + ratio + "}");
		}
		ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
		List<Answer> answers = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Answer>> futures = new ArrayList<>();
			for (String body : bodies) {
				futures.add(pool.submit(() -> {
					start.await();
					return post(MEMORY, body);
				}));
			}
			start.countDown();
			for (Future<Answer> future : futures) {
				answers.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(answers).as(answers.toString()).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() != 200).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
			assertThat(answer.retryAfter()).isBetween(1L, 30L);
		});
		Answer cooling = post(MEMORY, "{\"gc\": false, \"trim\": false, \"maxHeapFreeRatio\": " + ratio + "}");
		report("flag-only write in the cooldown", cooling);
		assertThat(cooling.status()).isEqualTo(429);
		assertThat(cooling.<String>json("$.error")).startsWith("A reclaim ran recently; the next write is allowed in ");
		long bodySeconds = cooling.<Number>json("$.retryAfterSeconds").longValue();
		assertThat(cooling.retryAfter()).isBetween(1L, 30L).isCloseTo(bodySeconds, Offset.offset(1L));
	}

	@Test
	@Order(2)
	void aWriteOverJmxMeetsTheSameCooldownAndEverySectionCanBeRead() throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Set<ObjectName> names = server.queryNames(new ObjectName("memory-actuator-guards:type=Endpoint,*"), null);
		assertThat(names).hasSize(1);
		ObjectName name = names.iterator().next();
		for (String section : List.of("process", "jvm", "gc", "container", "tuning", "nmt", "breakdown", "diagnosis")) {
			assertThat(
					server.invoke(name, "section", new Object[] { section }, new String[] { String.class.getName() }))
				.as(section)
				.isInstanceOf(Map.class);
		}
		assertThat(server.invoke(name, "section", new Object[] { "container" }, new String[] { String.class.getName() })
			.toString()).doesNotContain("pod4f2a9c").doesNotContain(root.toString());
		assertThatExceptionOfType(MBeanException.class).isThrownBy(
				() -> server.invoke(name, "reclaim", new Object[] { null, null, null, null, null }, RECLAIM_SIGNATURE))
			.satisfies((ex) -> assertThat(ex.getCause())
				.hasMessageStartingWith("A reclaim ran recently; the next write is allowed in "));
	}

	@Test
	void unknownKeysAreRefusedNamingThemAndNothingRuns() {
		double reclaims = reclaims();
		Answer body = post(MEMORY, "{\"gcc\": false, \"trimm\": false}");
		report("{\"gcc\": false, \"trimm\": false}", body);
		assertThat(body.status()).isEqualTo(400);
		assertThat(body.<String>json("$.error")).isEqualTo("Unknown parameters 'gcc', 'trimm'; nothing was run. "
				+ "The parameters are gc, trim, minHeapFreeRatio, maxHeapFreeRatio, g1PeriodicGcInterval");
		assertThat(body.<String>json("$.parameter")).isEqualTo("gcc");
		Answer query = post(MEMORY + "?gc=false&force=true", "{}");
		report("?gc=false&force=true", query);
		assertThat(query.status()).isEqualTo(400);
		assertThat(query.<String>json("$.error")).startsWith("Unknown parameter 'force'");
		assertThat(reclaims()).isEqualTo(reclaims);
	}

	@Test
	void valuesOfTheWrongTypeAreRefusedNamingTheParameter() {
		Answer gc = post(MEMORY, "{\"gc\": \"maybe\"}");
		report("{\"gc\": \"maybe\"}", gc);
		assertThat(gc.status()).isEqualTo(400);
		assertThat(gc.<String>json("$.error")).isEqualTo("'gc' must be true or false, but was 'maybe'");
		Answer ratio = post(MEMORY, "{\"maxHeapFreeRatio\": 10.5}");
		report("{\"maxHeapFreeRatio\": 10.5}", ratio);
		assertThat(ratio.status()).isEqualTo(400);
		assertThat(ratio.<String>json("$.parameter")).isEqualTo("maxHeapFreeRatio");
		assertThat(ratio.<String>json("$.error"))
			.isEqualTo("'maxHeapFreeRatio' must be a whole number, but was '10.5'");
	}

	@Test
	void periodicIntervalBelowTheFloorIsRefused() {
		for (String interval : List.of("1", "500ms", "9s")) {
			Answer answer = post(MEMORY,
					"{\"gc\": false, \"trim\": false, \"g1PeriodicGcInterval\": \"" + interval + "\"}");
			report("g1PeriodicGcInterval " + interval, answer);
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.<String>json("$.error"))
				.startsWith("'g1PeriodicGcInterval' must be 0 (off) or at least 10s, but was ");
		}
	}

	@Test
	void bodyCapHoldsOnEveryPathThatReachesTheEndpoint() {
		String large = "{\"gc\": false, \"pad\": \"" + "x".repeat(128 * 1024) + "\"}";
		List<String> reached = new ArrayList<>();
		for (String path : List.of(MEMORY, "/mgmt/ops;x=1/memory", "/mgmt;x=1/ops/memory", MEMORY + ";x=1",
				"/mgmt/ops/memory/;x=1", "//mgmt//ops//memory", "/mgmt/ops/%6Demory", "/mgmt/%6Fps/memory",
				"/mgmt/ops%2Fmemory", "/mgmt/ops/./memory", "/mgmt/ops/x/../memory", MEMORY + "/",
				MEMORY + "/histogram", "/mgmt/ops/MEMORY")) {
			Answer small = post(path, "{\"gcc\": 1}");
			Answer big = post(path, large);
			Answer chunked = post(path, BodyPublishers.fromPublisher(BodyPublishers.ofString(large)));
			System.out.println("GUARD POST " + path + ": small " + small.status() + ", 128 KB " + big.status()
					+ ", 128 KB chunked " + chunked.status());
			if (small.body().contains("Unknown parameter")) {
				reached.add(path);
				assertThat(big.status()).as(path + ": " + big).isEqualTo(413);
				assertThat(big.<String>json("$.error")).contains("memory-actuator.max-request-size");
				assertThat(chunked.status()).as(path + ": " + chunked).isBetween(400, 499);
			}
			else {
				// Never reached the endpoint, so the body was not read by it either.
				assertThat(big.status()).as(path + ": " + big).isBetween(400, 499);
			}
			assertThat(chunked.body()).as(path).doesNotContain("Unknown parameter");
		}
		assertThat(reached).contains(MEMORY, "/mgmt/ops;x=1/memory", MEMORY + ";x=1", "/mgmt/ops/%6Demory");
	}

	@Test
	void aCgroupFileThatCannotBeReadIsNamedWithoutItsPath() {
		Answer container = get(MEMORY + "/container");
		report("GET container", container);
		assertThat(container.status()).isEqualTo(200);
		assertThat(container.<String>json("$.unavailable")).contains("memory.current")
			.contains("Too many levels of symbolic links");
		for (Answer answer : List.of(container, get(MEMORY))) {
			assertThat(answer.body()).doesNotContain("pod4f2a9c")
				.doesNotContain("kubepods")
				.doesNotContain(root.toString());
		}
	}

	private double reclaims() {
		Counter counter = this.meters.find("jvm.memory.reclaims").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void report(String what, Answer answer) {
		System.out.println("GUARD " + what + " -> " + answer);
	}

	private Answer get(String path) {
		return send(request(path).GET());
	}

	private Answer post(String path, String json) {
		return post(path, BodyPublishers.ofString(json));
	}

	private Answer post(String path, BodyPublisher body) {
		return send(request(path).header("Content-Type", "application/json").POST(body));
	}

	private HttpRequest.Builder request(String path) {
		int port = this.environment.getRequiredProperty("local.management.port", Integer.class);
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(),
					response.headers().firstValue("Retry-After").map(Long::valueOf).orElse(-1L), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void deleteRoot() throws IOException {
		FileSystemUtils.deleteRecursively(root);
	}

	/**
	 * One answer.
	 *
	 * @param status the HTTP status
	 * @param retryAfter the Retry-After header, -1 when absent
	 * @param body the body
	 */
	record Answer(int status, long retryAfter, String body) {

		<T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

		@Override
		public String toString() {
			return this.status + ((this.retryAfter >= 0) ? " Retry-After: " + this.retryAfter : "") + " "
					+ ((this.body.length() > 300) ? this.body.substring(0, 300) + "..." : this.body);
		}

	}

}
