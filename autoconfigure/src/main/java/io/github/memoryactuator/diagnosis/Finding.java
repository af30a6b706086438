package io.github.memoryactuator.diagnosis;

import java.util.Map;

/**
 * One thing the diagnosis found.
 *
 * @param code a stable identifier, such as {@code ALLOCATOR_RETENTION}
 * @param severity how urgent it is
 * @param summary one line for an operator
 * @param evidence the figures it rests on, in bytes
 * @param action what to do about it
 * @since 0.1.0
 */
public record Finding(String code, Severity severity, String summary, Map<String, Long> evidence, String action) {

}
