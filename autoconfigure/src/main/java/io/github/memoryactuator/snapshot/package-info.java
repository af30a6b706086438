/**
 * One immutable {@link io.github.memoryactuator.snapshot.MemorySnapshot} of every cheap
 * source, and the short-lived cache that lets one scrape share one read.
 */
@NullMarked
package io.github.memoryactuator.snapshot;

import org.jspecify.annotations.NullMarked;
