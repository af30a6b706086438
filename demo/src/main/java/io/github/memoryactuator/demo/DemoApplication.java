package io.github.memoryactuator.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo application: {@code /scenario/...} makes memory move, {@code /actuator/memory}
 * explains where it went.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class DemoApplication {

	/**
	 * Start the demo.
	 * @param args the command-line arguments, for example
	 * {@code --management.endpoint.memory.access=unrestricted}
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
