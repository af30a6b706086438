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

package io.github.memoryactuator.probe.kernel;

import java.util.OptionalLong;

/**
 * The memory lines of {@code /proc/self/status}, in bytes. Only {@code VmRSS} is
 * required; the split into anonymous, file and shared memory needs Linux 4.5 or later.
 *
 * @param rss resident set size ({@code VmRSS})
 * @param rssAnon resident anonymous memory ({@code RssAnon})
 * @param rssFile resident file mappings ({@code RssFile})
 * @param rssShmem resident shared memory ({@code RssShmem})
 * @param swap swapped-out anonymous memory ({@code VmSwap})
 * @param peakRss peak resident set size ({@code VmHWM})
 * @param threads number of OS threads ({@code Threads}), a count, not bytes
 * @since 0.1.0
 */
public record ProcStatus(long rss, OptionalLong rssAnon, OptionalLong rssFile, OptionalLong rssShmem, OptionalLong swap,
		OptionalLong peakRss, OptionalLong threads) {

}
