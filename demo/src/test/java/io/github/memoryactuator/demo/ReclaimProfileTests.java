package io.github.memoryactuator.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the opt-in {@code reclaim} profile that the README points to.
 */
@SpringBootTest
@ActiveProfiles("reclaim")
class ReclaimProfileTests {

	@Test
	void reclaimProfileAllowsThePost(@Autowired Environment environment) {
		assertThat(environment.getProperty("management.endpoint.memory.access")).isEqualTo("unrestricted");
	}

}
