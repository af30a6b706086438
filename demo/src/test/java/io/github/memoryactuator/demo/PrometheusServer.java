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

package io.github.memoryactuator.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code prometheus} process on a free loopback port that scrapes its targets and
 * evaluates a rule file every second, with its own configuration and storage in a
 * temporary folder. It is stopped by {@link #close()} and, should the test JVM die first,
 * by a shutdown hook, so no process outlives the test.
 */
final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Thread shutdownHook;

	private final Path directory;

	private final URI url;

	private final Path config;

	private final String metricsPath;

	private final @Nullable Path rules;

	private final Map<String, String> targets = new LinkedHashMap<>();

	private PrometheusServer(Process process, Thread shutdownHook, Path directory, URI url, Path config,
			String metricsPath, @Nullable Path rules, String job, String target) {
		this.process = process;
		this.shutdownHook = shutdownHook;
		this.directory = directory;
		this.url = url;
		this.config = config;
		this.metricsPath = metricsPath;
		this.rules = rules;
		this.targets.put(job, target);
	}

	/**
	 * Start Prometheus and wait until it is ready.
	 * @param binary the {@code prometheus} executable
	 * @param target {@code host:port} to scrape
	 * @param metricsPath the path to scrape
	 * @param job the job name
	 * @param rules a rule file to load and evaluate every second, or {@code null}
	 * @return the running server
	 * @throws IOException if Prometheus cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	static PrometheusServer start(Path binary, String target, String metricsPath, String job, @Nullable Path rules)
			throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("memory-actuator-prometheus");
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, config(metricsPath, rules, Map.of(job, target)));
		// The free port can be taken between the probe and Prometheus' bind, so retry
		IOException failure = null;
		for (int attempt = 1; attempt <= 3; attempt++) {
			int port = freeLoopbackPort();
			Path log = directory.resolve("prometheus-" + attempt + ".log");
			// --web.enable-lifecycle: scrapeAlso reloads the configuration
			Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + directory.resolve("data-" + attempt),
					"--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle", "--log.level=warn")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Thread hook = new Thread(() -> stop(process), "stop-prometheus");
			Runtime.getRuntime().addShutdownHook(hook);
			PrometheusServer server = new PrometheusServer(process, hook, directory,
					URI.create("http://127.0.0.1:" + port), config, metricsPath, rules, job, target);
			if (server.awaitReady(Duration.ofSeconds(30))) {
				return server;
			}
			String output = Files.exists(log) ? Files.readString(log) : "";
			server.stopProcess();
			failure = new IOException("Prometheus did not become ready on port " + port + ":\n" + output);
			if (!output.contains("address already in use")) {
				break;
			}
		}
		deleteRecursively(directory);
		throw failure;
	}

	// scrape_timeout must not exceed scrape_interval, and the global default is 10s
	private static String config(String metricsPath, @Nullable Path rules, Map<String, String> targets) {
		StringBuilder config = new StringBuilder("""
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				""");
		if (rules != null) {
			config.append("rule_files: ['").append(rules.toAbsolutePath()).append("']\n");
		}
		config.append("scrape_configs:\n");
		targets.forEach((job, target) -> config.append("""
				  - job_name: %s
				    metrics_path: %s
				    static_configs:
				      - targets: ['%s']
				""".formatted(job, metricsPath, target)));
		return config.toString();
	}

	/**
	 * Scrape one more target from now on, under a job of its own: the configuration is
	 * rewritten and reloaded.
	 * @param job the job name
	 * @param target {@code host:port} to scrape
	 * @throws IOException if the configuration cannot be written or Prometheus refuses it
	 * @throws InterruptedException if interrupted
	 */
	void scrapeAlso(String job, String target) throws IOException, InterruptedException {
		this.targets.put(job, target);
		Files.writeString(this.config, config(this.metricsPath, this.rules, this.targets));
		HttpRequest reload = HttpRequest.newBuilder(this.url.resolve("/-/reload"))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = http.send(reload, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("Prometheus did not reload its configuration: HTTP " + response.statusCode() + " "
					+ response.body());
		}
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Find an executable on the {@code PATH}.
	 * @param name the executable's name
	 * @return its path, if found
	 */
	static Optional<Path> onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.map((folder) -> Path.of(folder, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	URI url() {
		return this.url;
	}

	Path directory() {
		return this.directory;
	}

	private boolean awaitReady(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline) && this.process.isAlive()) {
			try {
				if (get("/-/ready").statusCode() == 200) {
					return true;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		return false;
	}

	/**
	 * Evaluate an instant query.
	 * @param promql the query
	 * @return the series of the resulting vector (or the scalar as one series with no
	 * labels)
	 * @throws IOException if Prometheus cannot be reached
	 * @throws InterruptedException if interrupted
	 * @throws IllegalArgumentException if Prometheus rejects the query
	 */
	List<Sample> query(String promql) throws IOException, InterruptedException {
		JsonNode data = data(get("/api/v1/query?query=" + encode(promql)), promql);
		List<Sample> samples = new ArrayList<>();
		if ("scalar".equals(data.path("resultType").asString())) {
			samples.add(new Sample(Map.of(), value(data.path("result").path(1).asString())));
			return samples;
		}
		for (JsonNode series : data.path("result")) {
			Map<String, String> labels = new LinkedHashMap<>();
			series.path("metric")
				.properties()
				.forEach((entry) -> labels.put(entry.getKey(), entry.getValue().asString()));
			samples.add(new Sample(labels, value(series.path("value").path(1).asString())));
		}
		return samples;
	}

	/**
	 * The values of a label, as Grafana's {@code label_values(selector, label)} sees
	 * them.
	 * @param label the label
	 * @param match a series selector, or {@code null} for all series
	 * @return the values
	 * @throws IOException if Prometheus cannot be reached
	 * @throws InterruptedException if interrupted
	 */
	List<String> labelValues(String label, String match) throws IOException, InterruptedException {
		String path = "/api/v1/label/" + encode(label) + "/values"
				+ ((match != null) ? "?match[]=" + encode(match) : "");
		List<String> values = new ArrayList<>();
		data(get(path), match).forEach((value) -> values.add(value.asString()));
		return values;
	}

	/**
	 * Whether the scrape target is up.
	 * @return whether the latest scrape succeeded
	 * @throws IOException if Prometheus cannot be reached
	 * @throws InterruptedException if interrupted
	 */
	boolean targetUp() throws IOException, InterruptedException {
		return query("up == 1").size() == 1;
	}

	private static JsonNode data(HttpResponse<String> response, String query) {
		JsonNode body = json.readTree(response.body());
		if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
			throw new IllegalArgumentException("Prometheus rejected " + query + ": HTTP " + response.statusCode() + " "
					+ body.path("errorType").asString() + ": " + body.path("error").asString());
		}
		return body.path("data");
	}

	private static double value(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(text);
		};
	}

	private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.url.resolve(pathAndQuery))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		stopProcess();
		deleteRecursively(this.directory);
	}

	private void stopProcess() {
		stop(this.process);
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down, and the hook does the same
		}
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			// SIGTERM lets Prometheus close its TSDB; it takes well under a second
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One series of a query result.
	 *
	 * @param labels the series' labels
	 * @param value its value at the evaluation time
	 */
	record Sample(Map<String, String> labels, double value) {

	}

}
