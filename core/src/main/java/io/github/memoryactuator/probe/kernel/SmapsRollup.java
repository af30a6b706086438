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
 * The totals of {@code /proc/self/smaps_rollup} (Linux 4.14 or later), in bytes: the sum
 * of every mapping's {@code smaps} figures, computed by the kernel in one walk.
 * <p>
 * {@code Rss} counts a page once per mapping that maps it, so memory mapped twice in this
 * process (ZGC's heap views on JDK 17) is counted twice; {@code Pss} divides each page by
 * the number of mappings, and so counts it once.
 *
 * @param rss resident memory ({@code Rss})
 * @param pss proportional set size ({@code Pss}): shared pages divided among their users
 * @param pssDirty the dirty part of {@code Pss} ({@code Pss_Dirty}, Linux 6.0 or later)
 * @param pssAnon anonymous part of {@code Pss} ({@code Pss_Anon}, Linux 5.9 or later)
 * @param pssFile file-backed part of {@code Pss} ({@code Pss_File}, Linux 5.9 or later)
 * @param pssShmem shared-memory part of {@code Pss} ({@code Pss_Shmem}, Linux 5.9 or
 * later)
 * @param sharedClean clean pages also mapped by another process or mapping
 * @param sharedDirty dirty pages also mapped by another process or mapping
 * @param privateClean clean pages mapped only here
 * @param privateDirty dirty pages mapped only here
 * @param anonymous resident anonymous memory ({@code Anonymous})
 * @param lazyFree pages freed with {@code MADV_FREE} that still count in RSS until the
 * kernel needs them ({@code LazyFree}, Linux 4.12 or later)
 * @param anonHugePages anonymous memory backed by transparent huge pages
 * @param shmemPmdMapped shared memory mapped with huge pages ({@code ShmemPmdMapped})
 * @param swap swapped-out anonymous memory ({@code Swap})
 * @param swapPss proportional swap ({@code SwapPss}, Linux 4.3 or later)
 * @since 0.1.0
 */
public record SmapsRollup(long rss, long pss, OptionalLong pssDirty, OptionalLong pssAnon, OptionalLong pssFile,
		OptionalLong pssShmem, long sharedClean, long sharedDirty, long privateClean, long privateDirty, long anonymous,
		OptionalLong lazyFree, long anonHugePages, OptionalLong shmemPmdMapped, long swap, OptionalLong swapPss) {

	/**
	 * Add up the per-mapping figures of a full {@code smaps} read. Reading
	 * {@code smaps_rollup} as well would walk every page table a second time; the fields
	 * only the rollup prints ({@code Pss_Anon}, {@code Pss_File}, ...) stay empty.
	 * @param smaps the mappings
	 * @return the totals
	 */
	public static SmapsRollup sum(Smaps smaps) {
		long rss = 0;
		long pss = 0;
		long sharedClean = 0;
		long sharedDirty = 0;
		long privateClean = 0;
		long privateDirty = 0;
		long anonymous = 0;
		long lazyFree = 0;
		long anonHugePages = 0;
		long swap = 0;
		for (Mapping mapping : smaps.mappings()) {
			rss += mapping.rss();
			pss += mapping.pss();
			sharedClean += mapping.sharedClean();
			sharedDirty += mapping.sharedDirty();
			privateClean += mapping.privateClean();
			privateDirty += mapping.privateDirty();
			anonymous += mapping.anonymous();
			lazyFree += mapping.lazyFree();
			anonHugePages += mapping.anonHugePages();
			swap += mapping.swap();
		}
		return new SmapsRollup(rss, pss, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
				OptionalLong.empty(), sharedClean, sharedDirty, privateClean, privateDirty, anonymous,
				OptionalLong.of(lazyFree), anonHugePages, OptionalLong.empty(), swap, OptionalLong.empty());
	}

}
