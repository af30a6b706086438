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

package io.github.memoryactuator.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;
import org.springframework.core.env.Environment;

/**
 * Plain JDK HTTP against the running smoke application: the same code on every line (Boot
 * 4 moved TestRestTemplate, and RestTestClient does not exist on 3.5). A bean of every
 * {@link SmokeTest}, so a test only autowires it.
 */
class SmokeHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Environment environment;

	SmokeHttp(Environment environment) {
		this.environment = environment;
	}

	Response get(String path) {
		return send(request(path).GET());
	}

	Response post(String path, String json, String user) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (user != null) {
			String credentials = user + ":" + user + "-secret";
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		// the server's port is known only once it has started, after this bean exists
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One answer.
	 *
	 * @param status the HTTP status
	 * @param contentType the Content-Type header, empty when absent
	 * @param body the body as text
	 */
	record Response(int status, String contentType, String body) {

		<T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

		@Override
		public String toString() {
			return this.status + " " + ((this.body.length() > 2000) ? this.body.substring(0, 2000) + "..." : this.body);
		}

	}

}
