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

package io.github.memoryactuator.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Guards the HTTP side of the memory endpoint's write operations: refuses request bodies
 * above a size, and adds {@code Retry-After} to a 429.
 * <p>
 * Spring Boot's actuator reads a JSON body whole into a map before the operation sees it,
 * so without the cap any body is read in full. Which requests go to the endpoint is
 * decided on the path as the servlet container and Spring MVC see it, never on the raw
 * request URI: path parameters ({@code /actuator;x=1/memory}), repeated slashes and
 * percent-encoded characters reach the same operation, and must meet the same cap. A
 * request whose path any of those views puts below the endpoint is capped. One that the
 * container puts below the endpoint but Spring MVC cannot parse is answered 400, where
 * Spring MVC would fail with a 500.
 *
 * @since 0.1.0
 */
public class RequestSizeLimitFilter extends HttpFilter {

	private final Supplier<String> path;

	private final long maxBytes;

	private final LongSupplier retryAfterSeconds;

	/**
	 * Create a filter.
	 * @param path the endpoint's path below the context path, such as
	 * {@code /actuator/memory}; a supplier because it is known only once the endpoints
	 * are discovered
	 * @param maxBytes the largest body accepted
	 * @param retryAfterSeconds how long a refused write should wait, in seconds, for the
	 * {@code Retry-After} of a 429; 0 when nothing is known
	 */
	public RequestSizeLimitFilter(Supplier<String> path, long maxBytes, LongSupplier retryAfterSeconds) {
		this.path = path;
		this.maxBytes = maxBytes;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Match match = match(request);
		if (match == Match.UNPARSABLE) {
			// Spring MVC would throw on it (a 500): with a context path, a path that
			// starts with "//" is one.
			refuse(response, HttpServletResponse.SC_BAD_REQUEST, "Spring MVC cannot match this request path to the "
					+ "memory endpoint; send it without repeated slashes");
			return;
		}
		if (match == Match.NONE || "GET".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		long length = request.getContentLengthLong();
		if (length > this.maxBytes) {
			refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					"The request body has " + length + " bytes; the memory endpoint accepts at most " + this.maxBytes
							+ " (memory-actuator.max-request-size)");
			return;
		}
		// A chunked body has no length up front: cut it off while it is read.
		chain.doFilter((length < 0) ? new Limited(request, this.maxBytes) : request,
				new RetryAfter(response, this.retryAfterSeconds));
	}

	private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.getOutputStream()
			.write(("{\"status\":" + status + ",\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	// Which requests go to the endpoint: the path below the context path as the
	// container decoded and normalised it (the servlet path and path info, and the path
	// info alone for a servlet mapped to a prefix such as spring.mvc.servlet.path), and
	// as Spring MVC matches it (decoded segment by segment, without path parameters).
	// Empty segments are dropped from each. Under the endpoint in any view is under it.
	private Match match(HttpServletRequest request) {
		List<String> endpoint = segments(this.path.get());
		String pathInfo = request.getPathInfo();
		boolean container = startsWith(segments(request.getServletPath() + ((pathInfo != null) ? pathInfo : "")),
				endpoint) || (pathInfo != null && startsWith(segments(pathInfo), endpoint));
		if (!container && "GET".equals(request.getMethod())) {
			// A read has no body to cap: only its own path can fail to parse.
			return Match.NONE;
		}
		List<String> spring = new ArrayList<>();
		try {
			for (PathContainer.Element element : ServletRequestPathUtils.parse(request)
				.pathWithinApplication()
				.elements()) {
				if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
					spring.add(segment.valueToMatch());
				}
			}
		}
		catch (IllegalArgumentException ex) {
			return container ? Match.UNPARSABLE : Match.NONE;
		}
		return (container || startsWith(spring, endpoint)) ? Match.MATCH : Match.NONE;
	}

	private static boolean startsWith(List<String> segments, List<String> prefix) {
		return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
	}

	private static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		return segments;
	}

	private enum Match {

		NONE, MATCH, UNPARSABLE

	}

	/**
	 * Adds {@code Retry-After} to a 429 that carries none, while the status can still be
	 * set: the endpoint's operations cannot set headers.
	 */
	private static final class RetryAfter extends HttpServletResponseWrapper {

		private final LongSupplier seconds;

		RetryAfter(HttpServletResponse response, LongSupplier seconds) {
			super(response);
			this.seconds = seconds;
		}

		@Override
		public void setStatus(int status) {
			addRetryAfter(status);
			super.setStatus(status);
		}

		@Override
		public void sendError(int status) throws IOException {
			addRetryAfter(status);
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			addRetryAfter(status);
			super.sendError(status, message);
		}

		private void addRetryAfter(int status) {
			if (status == 429 && !containsHeader("Retry-After")) {
				setHeader("Retry-After", Long.toString(Math.max(1, this.seconds.getAsLong())));
			}
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream stream;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new IOException("request body larger than " + this.maxBytes + " bytes");
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
