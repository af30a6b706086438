/**
 * A runnable web app that reproduces the "top says 3 GB, the heap says 400 MB" story:
 * scenario endpoints that churn and leak heap, churn native memory through glibc malloc,
 * hold direct buffers and park threads, next to {@code /actuator/memory}.
 */
@NullMarked
package io.github.memoryactuator.demo;

import org.jspecify.annotations.NullMarked;
