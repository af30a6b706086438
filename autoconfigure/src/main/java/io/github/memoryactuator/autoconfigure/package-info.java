/**
 * Spring Boot auto-configuration and configuration properties only.
 */
@NullMarked
package io.github.memoryactuator.autoconfigure;

import org.jspecify.annotations.NullMarked;
