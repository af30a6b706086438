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

/**
 * One mapping of {@code /proc/self/smaps}, sizes in bytes.
 * <p>
 * Addresses are unsigned 64-bit values held in a {@code long} (the kernel's
 * {@code [vsyscall]} page lies above {@code Long.MAX_VALUE}); compare them with
 * {@link Long#compareUnsigned(long, long)}. {@link #size()} is correct either way.
 *
 * @param start the first address (unsigned)
 * @param end the address after the last (unsigned)
 * @param permissions the permission flags, such as {@code rw-p} ({@code s} when shared)
 * @param offset the offset into the mapped file or shared-memory object
 * @param path what is mapped: {@code ""} for anonymous memory, {@code [heap]} (the glibc
 * {@code brk} heap, not the Java heap), {@code [stack]}, {@code [anon:name]}, a file
 * path, or {@code /memfd:java_heap (deleted)}
 * @param rss resident memory ({@code Rss})
 * @param pss proportional set size ({@code Pss})
 * @param sharedClean {@code Shared_Clean}
 * @param sharedDirty {@code Shared_Dirty}
 * @param privateClean {@code Private_Clean}
 * @param privateDirty {@code Private_Dirty}
 * @param anonymous {@code Anonymous}
 * @param lazyFree {@code LazyFree}; 0 on kernels older than 4.12, which do not print it
 * @param anonHugePages {@code AnonHugePages}
 * @param swap {@code Swap}
 * @since 0.1.0
 */
public record Mapping(long start, long end, String permissions, long offset, String path, long rss, long pss,
		long sharedClean, long sharedDirty, long privateClean, long privateDirty, long anonymous, long lazyFree,
		long anonHugePages, long swap) {

	/**
	 * Return the size of the address range, resident or not.
	 * @return the size in bytes
	 */
	public long size() {
		return this.end - this.start;
	}

	/**
	 * Return whether the mapping is anonymous memory without a name.
	 * @return whether the path is empty
	 */
	public boolean isAnonymous() {
		return this.path.isEmpty();
	}

	/**
	 * Return whether the mapping is shared ({@code s} in the permissions), as ZGC's heap
	 * is.
	 * @return whether the mapping is shared
	 */
	public boolean isShared() {
		return this.permissions.length() == 4 && this.permissions.charAt(3) == 's';
	}

	/**
	 * Return whether the mapping lies entirely inside the range.
	 * @param range the range
	 * @return whether the mapping is inside it
	 */
	public boolean isWithin(AddressRange range) {
		return Long.compareUnsigned(this.start, range.start()) >= 0 && Long.compareUnsigned(this.end, range.end()) <= 0;
	}

	/**
	 * Return whether the mapping shares at least one address with the range.
	 * @param range the range
	 * @return whether they overlap
	 */
	public boolean overlaps(AddressRange range) {
		return Long.compareUnsigned(this.start, range.end()) < 0 && Long.compareUnsigned(range.start(), this.end) < 0;
	}

}
