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

package io.github.memoryactuator.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.memoryactuator.architecture.PublicTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the auto-configuration module's public types are the ones its API listing
 * names ({@code src/test/resources/api/public-types.txt}): a type made public, or made
 * package-private, is a decision that updates the listing.
 */
class PublicApiTests {

	@Test
	void everyPublicTypeIsListedAndEveryListedTypeIsPublic() throws IOException {
		assertThat(
				PublicTypes.differences(Path.of("src/main/java"), Path.of("src/test/resources/api/public-types.txt")))
			.isEmpty();
	}

}
