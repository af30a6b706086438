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

package io.github.memoryactuator.probe.hotspot;

import java.util.Optional;
import java.util.OptionalLong;

import io.github.memoryactuator.probe.kernel.AddressRange;

/**
 * The few memory facts taken from {@code VM.info}, in bytes. Every figure is optional:
 * older JDKs, non-glibc C libraries and other platforms print fewer lines.
 *
 * @param rss resident set size, from {@code Resident Set Size:} (HotSpot's copy of
 * {@code VmRSS})
 * @param rssPeak peak resident set size ({@code (peak: ...)})
 * @param rssAnon resident anonymous memory ({@code (anon: ...)}, Linux 4.5+)
 * @param rssFile resident file mappings ({@code file: ...})
 * @param rssShmem resident shared memory ({@code shmem: ...})
 * @param swappedOut swapped-out memory ({@code Swapped out:})
 * @param mallocOutstanding what glibc has handed out and not had back
 * ({@code C-Heap outstanding allocations:}, {@code mallinfo} {@code uordblks + hblkhd}):
 * all {@code malloc} in the process, the JVM's and native libraries' alike
 * @param mallocRetained free memory glibc keeps in its arenas ({@code retained:},
 * {@code fordblks}); part of it may already be trimmed and not resident
 * @param mallocMayHaveWrapped whether HotSpot flagged the malloc figures as possibly
 * wrapped (glibc before 2.33 has only the 32-bit {@code mallinfo})
 * @param periodicTrim whether HotSpot trims the C heap periodically
 * ({@code -XX:TrimNativeHeapInterval}, JDK 17.0.9+ and 21.0.1+)
 * @param trimIntervalMillis the trim interval, when enabled
 * @param libc the C library line, such as {@code glibc 2.36 NPTL 2.36}
 * @param mallocTunables the glibc tunables HotSpot saw, such as {@code (default)} or
 * {@code MALLOC_ARENA_MAX=2}
 * @param classSpace the compressed class space's reserved address range
 * ({@code Compressed class space mapped at:}), when there is one
 * @since 0.1.0
 */
public record VmInfo(OptionalLong rss, OptionalLong rssPeak, OptionalLong rssAnon, OptionalLong rssFile,
		OptionalLong rssShmem, OptionalLong swappedOut, OptionalLong mallocOutstanding, OptionalLong mallocRetained,
		boolean mallocMayHaveWrapped, NativeTrim periodicTrim, OptionalLong trimIntervalMillis, Optional<String> libc,
		Optional<String> mallocTunables, Optional<AddressRange> classSpace) {

	/**
	 * Return only what stays fixed for the life of the JVM (the C library, its tunables,
	 * the periodic trim setting, the class space's range), with every figure that changes
	 * left empty, so that a capture that does not run {@code VM.info} again can keep
	 * them.
	 * @return the fixed facts of this capture
	 */
	public VmInfo fixedFacts() {
		OptionalLong none = OptionalLong.empty();
		return new VmInfo(none, none, none, none, none, none, none, none, false, this.periodicTrim,
				this.trimIntervalMillis, this.libc, this.mallocTunables, this.classSpace);
	}

	/**
	 * Whether HotSpot trims the C heap on its own.
	 *
	 * @since 0.1.0
	 */
	public enum NativeTrim {

		/**
		 * {@code Periodic native trim enabled (interval: N ms)}.
		 */
		ENABLED,

		/**
		 * {@code Periodic native trim disabled}.
		 */
		DISABLED,

		/**
		 * No such line: a JDK without periodic trim, or not glibc.
		 */
		UNKNOWN

	}

}
