/**
 * The RSS breakdown: resident memory split into categories that sum exactly to RSS,
 * with an honest {@code unexplained} residual. Pure functions over full-depth captures.
 */
@NullMarked
package io.github.memoryactuator.breakdown;

import org.jspecify.annotations.NullMarked;
