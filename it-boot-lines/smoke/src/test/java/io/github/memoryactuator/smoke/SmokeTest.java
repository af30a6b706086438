/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.memoryactuator.smoke;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * One running {@link SmokeApplication} for every smoke test class: classes that carry
 * this annotation share the cached context, so a new class (a health indicator, the
 * history, allocations) costs no second start-up, and autowire {@link SmokeHttp}.
 * <p>
 * The metrics export is switched back on with both lines' test properties (Boot 3.5:
 * {@code spring.test.observability.auto-configure}, Boot 4:
 * {@code spring.test.metrics.export}): their annotations live in packages that differ
 * between the lines.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = SmokeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus,memory",
				"management.endpoint.memory.access=unrestricted", "memory-actuator.reclaim.cooldown=0s",
				"spring.test.metrics.export=true", "spring.test.observability.auto-configure=true" })
@Import(SmokeHttp.class)
public @interface SmokeTest {

}
