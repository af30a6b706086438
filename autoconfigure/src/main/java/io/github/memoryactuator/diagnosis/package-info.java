/**
 * Findings and a one-sentence verdict: a leak, GC headroom, or allocator retention.
 * Pure functions over snapshots, the breakdown and the live-set history.
 */
@NullMarked
package io.github.memoryactuator.diagnosis;

import org.jspecify.annotations.NullMarked;
