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
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Refuses request bodies above a size on the memory endpoint. Spring Boot's actuator
 * reads a JSON body whole into a map before the operation sees it, so without this a 50
 * MB body with an unknown key is read, ignored, and the reclaim runs.
 *
 * @since 0.1.0
 */
public class RequestSizeLimitFilter extends HttpFilter {

	private final Supplier<String> path;

	private final long maxBytes;

	/**
	 * Create a filter.
	 * @param path the endpoint's path below the context path, such as
	 * {@code /actuator/memory}; a supplier because it is known only once the endpoints
	 * are discovered
	 * @param maxBytes the largest body accepted
	 */
	public RequestSizeLimitFilter(Supplier<String> path, long maxBytes) {
		this.path = path;
		this.maxBytes = maxBytes;
	}

	private boolean applies(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		return !"GET".equals(request.getMethod()) && uri.startsWith(this.path.get());
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!applies(request)) {
			chain.doFilter(request, response);
			return;
		}
		long length = request.getContentLengthLong();
		if (length > this.maxBytes) {
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			response.setContentType("application/json");
			response.getOutputStream()
				.write(("{\"status\":413,\"error\":\"The request body has " + length + " bytes; the memory endpoint "
						+ "accepts at most " + this.maxBytes + " (memory-actuator.max-request-size)\"}")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		// A chunked body has no length up front: cut it off while it is read.
		chain.doFilter((length < 0) ? new Limited(request, this.maxBytes) : request, response);
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
