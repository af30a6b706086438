package io.github.memoryactuator.reclaim;

/**
 * What {@code System.trim_native_heap} said it did, in bytes. The JVM rounds each
 * figure down to its unit ({@code 363M}), so they are approximate.
 *
 * @param rssBefore the process's RSS plus swap before the trim
 * @param rssAfter the process's RSS plus swap after the trim
 * @param released what the trim gave back: positive when RSS fell, negative when it grew
 * @since 0.1.0
 */
public record NativeTrim(long rssBefore, long rssAfter, long released) {

}
