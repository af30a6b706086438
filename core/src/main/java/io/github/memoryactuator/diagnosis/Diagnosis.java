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

import java.util.List;

/**
 * The verdict and the findings behind it.
 *
 * @param verdict one sentence: leak or not, and where RSS goes
 * @param leakSuspected whether the live set is growing steadily
 * @param nativeLeakSuspected whether native memory is growing steadily
 * @param nativeGrowth what the native growth trend says, in one clause
 * @param findings the findings, most severe first
 * @since 0.1.0
 */
public record Diagnosis(String verdict, boolean leakSuspected, boolean nativeLeakSuspected, String nativeGrowth,
		List<Finding> findings) {

}
