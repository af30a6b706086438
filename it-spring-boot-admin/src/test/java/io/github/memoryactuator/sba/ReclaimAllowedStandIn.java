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

package io.github.memoryactuator.sba;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback proxy in front of a demo that adds {@code "reclaimAllowed": true} to
 * {@code GET /actuator/memory}, and passes everything else (the reclaim's {@code POST}
 * included) through unchanged.
 * <p>
 * TODO(issue 21, the lead): this stands in for the endpoint's own root field
 * {@code reclaimAllowed}, which issue 21 adds to {@code GET /actuator/memory} (true when
 * the write operation is open). Until then the Memory tab cannot know that the write is
 * allowed, so the browser test registers the demo that runs with
 * {@code management.endpoint.memory.access=unrestricted} through this proxy. Once the
 * endpoint serves the field, {@code MemoryTabBrowserIT} fails on purpose, naming this
 * class: delete it and register that demo directly.
 */
final class ReclaimAllowedStandIn implements AutoCloseable {

	static final String FIELD = "\"reclaimAllowed\"";

	// Hop-by-hop, or set by the client itself.
	private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
			"keep-alive", "transfer-encoding", "upgrade", "accept-encoding", "te", "trailer", "proxy-connection",
			"http2-settings");

	private final HttpServer server;

	private final ExecutorService executor;

	private final String target;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private ReclaimAllowedStandIn(String target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.executor = Executors.newFixedThreadPool(4);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::forward);
		this.server.start();
	}

	/**
	 * Start a stand-in in front of an application.
	 * @param target its base URL, such as {@code http://127.0.0.1:8080}
	 * @return the running stand-in
	 */
	static ReclaimAllowedStandIn start(String target) throws IOException {
		return new ReclaimAllowedStandIn(target);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void forward(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getRawPath();
			String query = exchange.getRequestURI().getRawQuery();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create(this.target + path + ((query != null) ? "?" + query : "")))
				.timeout(Duration.ofSeconds(30))
				.method(exchange.getRequestMethod(), (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response;
			try {
				response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			byte[] answer = rewrite(exchange.getRequestMethod(), path, response.statusCode(), response.body());
			response.headers().map().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, List.copyOf(values));
				}
			});
			exchange.sendResponseHeaders(response.statusCode(), (answer.length > 0) ? answer.length : -1);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
		finally {
			exchange.close();
		}
	}

	private byte[] rewrite(String method, String path, int status, byte[] body) {
		if (!"GET".equals(method) || status != 200) {
			return body;
		}
		String text = new String(body, StandardCharsets.UTF_8);
		if (path.equals("/actuator") || path.equals("/actuator/")) {
			// The actuator's links name the application's own port: SBA calls what they
			// name, so they must name this proxy.
			return text.replace(this.target, baseUrl()).getBytes(StandardCharsets.UTF_8);
		}
		if (path.equals("/actuator/memory") && text.startsWith("{") && !text.contains(FIELD)) {
			return ("{" + FIELD + ":true," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
		}
		return body;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
