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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over real HTTP: every request here must get a 4xx with a message, never a 500
 * and never an OOM. Plain {@link HttpClient}, so that the test controls the raw path, the
 * content type (or its absence) and streams bodies of many megabytes without holding
 * them.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=1s" })
class BadInputHttpTests {

	private static final String JSON = "application/json";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		assertRejected(post("{\"gc\": tru", JSON), 400, "");
	}

	@Test
	void jsonArrayBodyIsABadRequest() throws Exception {
		assertRejected(post("[{\"gc\": false}]", JSON), 400, "");
	}

	@Test
	void numberForABooleanIsABadRequestNamingTheParameter() throws Exception {
		assertRejected(post("{\"gc\": 5}", JSON), 400, "'gc' must be true or false, but was '5'");
	}

	@Test
	void objectForABooleanIsABadRequest() throws Exception {
		assertRejected(post("{\"gc\": {\"a\": 1}}", JSON), 400, "");
	}

	@Test
	void fractionalRatioIsABadRequestNamingTheParameter() throws Exception {
		assertRejected(post("{\"maxHeapFreeRatio\": 10.5}", JSON), 400,
				"'maxHeapFreeRatio' must be a whole number, but was '10.5'");
	}

	@Test
	void negativeRatioIsABadRequestNamingTheParameter() throws Exception {
		assertRejected(post("{\"minHeapFreeRatio\": -1}", JSON), 400,
				"'minHeapFreeRatio' must be between 0 and 100, but was -1");
	}

	@Test
	void ratioAboveOneHundredIsABadRequest() throws Exception {
		assertRejected(post("{\"maxHeapFreeRatio\": 101}", JSON), 400, "must be between 0 and 100, but was 101");
	}

	@Test
	void hugeRatioIsABadRequest() throws Exception {
		assertRejected(post("{\"maxHeapFreeRatio\": 99999999999999999999999}", JSON), 400,
				"'maxHeapFreeRatio' must be a whole number, but was '99999999999999999999999'");
	}

	@Test
	void negativeIntervalIsABadRequest() throws Exception {
		assertRejected(post("{\"g1PeriodicGcInterval\": \"-5m\"}", JSON), 400, "must not be negative");
	}

	@Test
	void unparsableIntervalIsABadRequest() throws Exception {
		assertRejected(post("{\"g1PeriodicGcInterval\": \"soon\"}", JSON), 400,
				"must be milliseconds or a duration such as 5m, but was 'soon'");
	}

	@Test
	void unknownKeysAreABadRequestThatNamesThemAndRunsNothing() throws Exception {
		long before = FullCollections.count();
		assertRejected(post("{\"gcc\": false, \"trimm\": false}", JSON), 400,
				"Unknown parameters 'gcc', 'trimm'; nothing was run. "
						+ "The parameters are gc, trim, minHeapFreeRatio, maxHeapFreeRatio, g1PeriodicGcInterval");
		assertThat(FullCollections.count()).isEqualTo(before);
	}

	@Test
	void periodicIntervalBelowTheFloorIsABadRequest() throws Exception {
		assertRejected(post("{\"gc\": false, \"trim\": false, \"g1PeriodicGcInterval\": \"1\"}", JSON), 400,
				"'g1PeriodicGcInterval' must be 0 (off) or at least 10s, but was 1ms");
	}

	@Test
	void bodyOverTheLimitIsRefusedOnEveryPathThatReachesTheEndpoint() throws Exception {
		// The bypass as found: a path parameter, and a 10 MB body that was read whole.
		HttpResponse<String> bypass = send(
				post("/actuator;x=1/memory", json("{\"pad\": \"", 'x', 10 << 20, "\", \"trim\": false}"), JSON));
		report("10 MB body to /actuator;x=1/memory", bypass);
		assertThat(bypass.statusCode()).isEqualTo(413);
		String large = "{\"gc\": false, \"pad\": \"" + "x".repeat(128 * 1024) + "\"}";
		for (String path : new String[] { "/actuator/memory;x=1", "/actuator;x=1/memory;y=2", "//actuator//memory",
				"/actuator/%6Demory", "/%61ctuator/memory", "/actuator%2Fmemory", "/actuator/./memory",
				"/actuator/x/../memory", "/actuator/memory/" }) {
			HttpResponse<String> small = send(post(path, BodyPublishers.ofString("{\"gcc\": 1}"), JSON));
			HttpResponse<String> big = send(post(path, BodyPublishers.ofString(large), JSON));
			report("128 KB body to " + path + " (small body " + small.statusCode() + ")", big);
			if (small.body().contains("Unknown parameter")) {
				assertThat(big.statusCode()).as(path).isEqualTo(413);
			}
			else {
				assertThat(big.statusCode()).as(path).isBetween(400, 499);
			}
		}
	}

	@Test
	void noContentTypeIsUnsupportedMediaType() throws Exception {
		assertRejected(post("{}", null), 415, "");
	}

	@Test
	void textPlainIsUnsupportedMediaType() throws Exception {
		assertRejected(post("{}", "text/plain"), 415, "");
	}

	@Test
	void formEncodingIsUnsupportedMediaType() throws Exception {
		assertRejected(post("gc=false", "application/x-www-form-urlencoded"), 415, "");
	}

	@Test
	void unknownSectionIsNotFoundAndListsTheSections() throws Exception {
		HttpResponse<String> response = get("/actuator/memory/heapz");
		report("GET /actuator/memory/heapz", response);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Unknown section 'heapz'; the sections are process");
	}

	@Test
	void encodedTraversalInTheSectionIsRejected() throws Exception {
		HttpResponse<String> response = get("/actuator/memory/..%2f..");
		report("GET /actuator/memory/..%2f..", response);
		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.body()).doesNotContain("root:").doesNotContain("Exception");
	}

	@Test
	void veryLongSectionNameIsRejected() throws Exception {
		HttpResponse<String> response = get("/actuator/memory/" + "a".repeat(4000));
		report("GET 4,000-character section", response);
		assertThat(response.statusCode()).isBetween(400, 499);
		// The name is echoed abbreviated, as parameter values are.
		assertThat(response.body()).contains("Unknown section '" + "a".repeat(40) + "...'").hasSizeLessThan(300);
	}

	@Test
	void requestLineBeyondTomcatsLimitIsRejected() throws Exception {
		HttpResponse<String> response = get("/actuator/memory/" + "a".repeat(20_000));
		report("GET 20,000-character section", response);
		assertThat(response.statusCode()).isBetween(400, 499);
	}

	@Test
	void bodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
		// The actuator reads a JSON body whole into a Map, and Jackson 3's string limit
		// is
		// above 50 MB, so the starter's filter refuses large bodies by their length.
		for (int megabytes : new int[] { 5, 50 }) {
			HttpResponse<String> response = send(
					post(json("{\"pad\": \"", 'x', megabytes << 20, "\", \"trim\": false}"), JSON));
			report(megabytes + " MB body", response);
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.body()).contains("memory-actuator.max-request-size");
		}
		HttpResponse<String> array = send(post("[" + "1,".repeat(5 << 19) + "1]", JSON));
		report("5 MB array", array);
		assertThat(array.statusCode()).isEqualTo(413);
		assertThat(get("/actuator/memory/process").statusCode()).isEqualTo(200);
	}

	@Test
	void chunkedBodyOverTheLimitIsABadRequest() throws Exception {
		byte[] chunk = ("{\"pad\": \"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
		// No length up front: the body is cut off while it is read.
		HttpResponse<String> response = send(
				post(BodyPublishers.fromPublisher(BodyPublishers.ofByteArray(chunk)), JSON));
		report("1 MB chunked body", response);
		assertThat(response.statusCode()).isBetween(400, 499);
	}

	@Test
	void largeValueUnderTheLimitIsABadRequestWithAnAbbreviatedEcho() throws Exception {
		HttpResponse<String> response = send(post(json("{\"gc\": \"", 'x', 32 << 10, "\"}"), JSON));
		report("32 KB value of gc", response);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'gc' must be true or false").hasSizeLessThan(1000);
	}

	@Test
	void deeplyNestedJsonIsABadRequest() throws Exception {
		int depth = 5_000;
		String body = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
		HttpResponse<String> response = send(post(BodyPublishers.ofString(body), JSON));
		report("nesting 5,000 deep", response);
		assertThat(response.statusCode()).isEqualTo(400);
	}

	private void assertRejected(HttpRequest request, int status, String message) throws Exception {
		HttpResponse<String> response = send(request);
		report(request.method() + " " + request.uri().getRawPath(), response);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).contains(message);
	}

	private static void report(String what, HttpResponse<String> response) {
		String body = response.body();
		System.out.println("BAD-INPUT " + what.substring(0, Math.min(what.length(), 80)) + " -> "
				+ response.statusCode() + " " + body.substring(0, Math.min(body.length(), 300)));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build());
	}

	private HttpRequest post(String body, String contentType) {
		return post(BodyPublishers.ofString(body), contentType);
	}

	private HttpRequest post(BodyPublisher body, String contentType) {
		return post("/actuator/memory", body, contentType);
	}

	private HttpRequest post(String path, BodyPublisher body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.POST(body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return request.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A JSON body of {@code prefix}, {@code count} copies of {@code fill} and
	 * {@code suffix}, streamed so that the test does not hold megabytes itself.
	 */
	private static BodyPublisher json(String prefix, char fill, int count, String suffix) {
		byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
		byte[] end = suffix.getBytes(StandardCharsets.UTF_8);
		return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new InputStream() {

			private final byte[] chunk = filled(fill);

			private long position;

			private final long total = start.length + (long) count + end.length;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : one[0];
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.position >= this.total) {
					return -1;
				}
				int n = 0;
				while (n < length && this.position < this.total) {
					long p = this.position;
					byte b;
					if (p < start.length) {
						b = start[(int) p];
					}
					else if (p < start.length + (long) count) {
						b = this.chunk[(int) ((p - start.length) % this.chunk.length)];
					}
					else {
						b = end[(int) (p - start.length - count)];
					}
					buffer[offset + n++] = b;
					this.position++;
				}
				return n;
			}

		}), start.length + (long) count + end.length);
	}

	private static byte[] filled(char fill) {
		byte[] chunk = new byte[8192];
		Arrays.fill(chunk, (byte) fill);
		return chunk;
	}

}
