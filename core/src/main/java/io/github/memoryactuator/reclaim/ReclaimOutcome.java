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

package io.github.memoryactuator.reclaim;

import org.jspecify.annotations.Nullable;

import io.github.memoryactuator.guard.Refusal;
import io.github.memoryactuator.tuning.TuningException;

/**
 * The answer to a reclaim request.
 *
 * @since 0.1.0
 */
public sealed interface ReclaimOutcome
		permits ReclaimOutcome.Completed, ReclaimOutcome.Refused, ReclaimOutcome.Rejected {

	/**
	 * The reclaim ran (HTTP 200).
	 *
	 * @param report what it did
	 */
	record Completed(ReclaimReport report) implements ReclaimOutcome {
	}

	/**
	 * The guard refused the request: another write runs, one ran within the cooldown, or
	 * the soft limit holds a flag the request sets. Nothing ran.
	 *
	 * @param refusal why
	 */
	record Refused(Refusal refusal) implements ReclaimOutcome {
	}

	/**
	 * The request's heap tuning was refused; nothing ran and nothing was changed.
	 *
	 * @param kind {@link TuningException.Kind#INVALID} (HTTP 400) or
	 * {@link TuningException.Kind#CONFLICT} (HTTP 409)
	 * @param parameter the parameter at fault, or {@code null} if none is
	 * @param message what went wrong, for the caller
	 */
	record Rejected(TuningException.Kind kind, @Nullable String parameter, String message) implements ReclaimOutcome {

		static Rejected of(TuningException ex) {
			return new Rejected(ex.getKind(), ex.getParameter(), String.valueOf(ex.getMessage()));
		}

	}

}
