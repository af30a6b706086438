/**
 * Micrometer gauges over the cached snapshot. No Spring dependency.
 */
@NullMarked
package io.github.memoryactuator.metrics;

import org.jspecify.annotations.NullMarked;
