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

package io.github.memoryactuator.diagnosis;

import java.util.Map;

/**
 * One thing the diagnosis found.
 *
 * @param code what the finding is about, such as {@link FindingCode#ALLOCATOR_RETENTION}
 * @param severity how urgent it is
 * @param summary one line for an operator
 * @param evidence the figures it rests on, in bytes
 * @param action what to do about it
 * @since 0.1.0
 */
public record Finding(FindingCode code, Severity severity, String summary, Map<String, Long> evidence, String action) {

}
