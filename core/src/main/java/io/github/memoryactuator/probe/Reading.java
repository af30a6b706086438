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
		return new Unavailable<>(reason);
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
	 * @param reason why it could not be read
	 */
	record Unavailable<T>(String reason) implements Reading<T> {

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
			return new Unavailable<>(this.reason);
		}

		@Override
		public <R> Reading<R> flatMap(Function<? super T, Reading<R>> mapper) {
			return new Unavailable<>(this.reason);
		}

	}

}
