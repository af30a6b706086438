package io.github.memoryactuator.probe;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Locates the fixture trees under {@code src/test/resources/fixtures}.
 */
public final class Fixtures {

	private Fixtures() {
	}

	public static Path root(String name) {
		try {
			return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
