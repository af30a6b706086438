/**
 * Gives memory back to the operating system on request, the JVM's analog of Go's
 * {@code debug.FreeOSMemory()}: a full collection, a wait until the heap uncommit has
 * settled, a glibc {@code malloc_trim}, and run-time heap-shrink tuning (the analog of
 * {@code SetGCPercent}). Plain Java: the endpoint and the meters are wired on top.
 */
@NullMarked
package io.github.memoryactuator.reclaim;

import org.jspecify.annotations.NullMarked;
