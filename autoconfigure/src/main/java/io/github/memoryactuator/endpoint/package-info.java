/**
 * The {@code memory} actuator endpoint: a thin translation between HTTP/JMX and the
 * snapshot, breakdown, diagnosis and reclaim components.
 */
@NullMarked
package io.github.memoryactuator.endpoint;

import org.jspecify.annotations.NullMarked;
