/**
 * Readers of one memory source each: {@code /proc}, cgroup files, memory MXBeans, GC
 * notifications and HotSpot diagnostic commands. Parsing is kept apart from I/O, and a
 * source that cannot be read yields a {@link io.github.memoryactuator.probe.Reading}
 * that says why, never an exception and never {@code -1}.
 */
@NullMarked
package io.github.memoryactuator.probe;

import org.jspecify.annotations.NullMarked;
