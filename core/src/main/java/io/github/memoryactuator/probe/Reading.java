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

package io.github.memoryactuator.probe;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A value read from one source, or the reason it could not be read.
 *
 * @param <T> the type of the value
 * @since 0.1.0
 */
public sealed interface Reading<T> permits Reading.Available, Reading.Unavailable {

	/**
	 * Return a reading that holds the given value.
	 * @param <T> the type of the value
	 * @param value the value
	 * @return the reading
	 */
	static <T> Reading<T> of(T value) {
		return new Available<>(value);
	}

	/**
	 * Return a reading that holds no value, with the reason.
	 * @param <T> the type of the value that could not be read
	 * @param reason why the value could not be read, for an operator
	 * @return the reading
	 */
	static <T> Reading<T> unavailable(String reason) {
		return new Unavailable<>(Cause.FAILED, reason);
	}

	/**
	 * Return a reading that holds no value, with the kind of reason a decision can rely
	 * on and the reason for an operator.
	 * @param <T> the type of the value that could not be read
	 * @param cause the kind of reason
	 * @param reason why the value could not be read, for an operator
	 * @return the reading
	 */
	static <T> Reading<T> unavailable(Cause cause, String reason) {
		return new Unavailable<>(cause, reason);
	}

	/**
	 * Return whether this reading holds a value.
	 * @return whether a value is present
	 */
	boolean isAvailable();

	/**
	 * Return the value, or {@code null} if it could not be read.
	 * @return the value or {@code null}
	 */
	@Nullable T orNull();

	/**
	 * Return why the value could not be read, or {@code null} if it was.
	 * @return the reason or {@code null}
	 */
	@Nullable String reason();

	/**
	 * Return the kind of reason the value could not be read, or {@code null} if it was.
	 * Decide on this, never on the text of {@link #reason()}.
	 * @return the cause or {@code null}
	 */
	@Nullable Cause cause();

	/**
	 * Apply the function to the value, keeping the reason when there is none.
	 * @param <R> the result type
	 * @param mapper the function
	 * @return the mapped reading
	 */
	<R> Reading<R> map(Function<? super T, ? extends R> mapper);

	/**
	 * Apply a function that may itself fail to the value, keeping the reason when there
	 * is none.
	 * @param <R> the result type
	 * @param mapper the function
	 * @return the function's reading, or this reason
	 */
	<R> Reading<R> flatMap(Function<? super T, Reading<R>> mapper);

	/**
	 * A reading that holds a value.
	 *
	 * @param <T> the type of the value
	 * @param value the value
	 */
	record Available<T>(T value) implements Reading<T> {

		@Override
		public boolean isAvailable() {
			return true;
		}

		@Override
		public T orNull() {
			return this.value;
		}

		@Override
		public @Nullable String reason() {
			return null;
		}

		@Override
		public @Nullable Cause cause() {
			return null;
		}

		@Override
		public <R> Reading<R> map(Function<? super T, ? extends R> mapper) {
			return new Available<>(mapper.apply(this.value));
		}

		@Override
		public <R> Reading<R> flatMap(Function<? super T, Reading<R>> mapper) {
			return mapper.apply(this.value);
		}

	}

	/**
	 * A reading that holds no value.
	 *
	 * @param <T> the type of the value that could not be read
	 * @param cause the kind of reason
	 * @param reason why it could not be read
	 */
	record Unavailable<T>(Cause cause, String reason) implements Reading<T> {

		@Override
		public boolean isAvailable() {
			return false;
		}

		@Override
		public @Nullable T orNull() {
			return null;
		}

		@Override
		public <R> Reading<R> map(Function<? super T, ? extends R> mapper) {
			return new Unavailable<>(this.cause, this.reason);
		}

		@Override
		public <R> Reading<R> flatMap(Function<? super T, Reading<R>> mapper) {
			return new Unavailable<>(this.cause, this.reason);
		}

	}

	/**
	 * The kind of reason a value could not be read: what a decision may depend on, where
	 * the reason's text may be reworded at any time.
	 *
	 * @since 0.1.0
	 */
	enum Cause {

		/**
		 * The source does not exist: a missing file (not Linux, {@code /proc} not
		 * mounted, a cgroup controller not enabled) or a diagnostic command this JVM
		 * lacks.
		 */
		MISSING,

		/**
		 * The source exists but is switched off, such as Native Memory Tracking without
		 * {@code -XX:NativeMemoryTracking}.
		 */
		NOT_ENABLED,

		/**
		 * Reading or parsing the source failed: unreadable, garbled, too large, or a
		 * command that failed.
		 */
		FAILED

	}

}
