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

package io.github.memoryactuator.sba;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (never one that
 * Selenium Manager would download: the driver's path is given, so Selenium skips it),
 * with a fresh profile. Every request the page makes is recorded from chromedriver's
 * performance log (the Chrome DevTools Protocol's Network events), and its body read with
 * {@code Network.getResponseBody}, so a test compares the page with the very responses
 * the page got.
 */
final class Chromium implements AutoCloseable {

	static final String INSTALL = "apt-get install chromium chromium-driver";

	private static final Json json = new Json();

	private final ChromeDriver driver;

	private final Path profile;

	private final Map<String, Exchange> exchanges = new LinkedHashMap<>();

	private Chromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Start the browser; without it the test is skipped with the install command, and
	 * fails under {@code CI=true}.
	 * @param output where the driver's log and the profile go
	 * @return the browser
	 */
	static Chromium start(Path output) throws IOException {
		Path browser = Path.of(System.getProperty("sba.chromium", "/usr/bin/chromium"));
		Path driverBinary = Path.of(System.getProperty("sba.chromedriver", "/usr/bin/chromedriver"));
		boolean present = Files.isExecutable(browser) && Files.isExecutable(driverBinary);
		if (!present && "true".equals(System.getenv("CI"))) {
			fail("CI=true but " + browser + " or " + driverBinary + " is missing: " + INSTALL + " (.ci/run does)");
		}
		if (!present) {
			// JUnit reports a class skipped in @BeforeAll as no test at all: say why
			System.err.println("Skipping the Spring Boot Admin browser test: " + browser + " or " + driverBinary
					+ " is missing; to run it: " + INSTALL);
		}
		assumeTrue(present, () -> browser + " or " + driverBinary + " is missing; to run this test: " + INSTALL);
		Files.createDirectories(output);
		Path profile = Files.createTempDirectory(output, "chromium-profile-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=en-US");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
			.usingAnyFreePort()
			.withLogFile(output.resolve("chromedriver.log").toFile())
			.build();
		try {
			return new Chromium(new ChromeDriver(service, options), profile);
		}
		catch (WebDriverException ex) {
			deleteTree(profile);
			throw ex;
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	/**
	 * Sign in on SBA's login page.
	 * @param baseUrl the server
	 * @param user the user
	 * @param password the password
	 */
	void signIn(String baseUrl, String user, String password) {
		open(baseUrl + "/login");
		WebElement name = await(Duration.ofSeconds(30), () -> first(By.cssSelector("input[name=username]")));
		name.sendKeys(user);
		this.driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
		// SBA 3.5's login button is no submit button; the form posts the same either way.
		script("arguments[0].form.submit()", name);
		await(Duration.ofSeconds(30), () -> this.driver.getCurrentUrl().contains("/login") ? null : true);
	}

	/**
	 * Wait until a condition gives something other than {@code null} or {@code false}.
	 * @param <T> what it gives
	 * @param timeout how long
	 * @param condition the condition
	 * @return what it gave
	 */
	<T> T await(Duration timeout, java.util.function.Supplier<T> condition) {
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(100)).until((driver) -> {
			T value = condition.get();
			return (Boolean.FALSE.equals(value)) ? null : value;
		});
	}

	WebElement first(By by) {
		List<WebElement> found = this.driver.findElements(by);
		return found.isEmpty() ? null : found.get(0);
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/**
	 * Save the whole page: the window grows to the height of what is shown first.
	 * @param file the PNG
	 * @param selector what must be shown whole
	 */
	void screenshot(Path file, String selector) throws IOException {
		Dimension before = this.driver.manage().window().getSize();
		Object height = script("const e = document.querySelector(arguments[0]);"
				+ " return e ? Math.ceil(e.getBoundingClientRect().top + window.scrollY + e.scrollHeight) + 40 : 0;",
				selector);
		int wanted = Math.max(before.getHeight(), ((Number) height).intValue());
		this.driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(wanted, 6000)));
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		finally {
			this.driver.manage().window().setSize(before);
		}
	}

	/**
	 * Forget the requests recorded so far.
	 */
	void clearNetwork() {
		drain();
		this.exchanges.clear();
	}

	/**
	 * Every request the page made since {@link #clearNetwork()}, in order.
	 * @return the exchanges
	 */
	List<Exchange> exchanges() {
		drain();
		return List.copyOf(this.exchanges.values());
	}

	/**
	 * Wait for the latest finished exchange that matches, and read its body.
	 * @param method the HTTP method
	 * @param path the URL's path
	 * @param timeout how long to wait
	 * @return the exchange, with its body
	 */
	Exchange awaitResponse(String method, String path, Duration timeout) {
		Predicate<Exchange> wanted = (exchange) -> exchange.method.equals(method) && exchange.path().equals(path)
				&& exchange.finished;
		Exchange found = await(timeout, () -> {
			drain();
			return this.exchanges.values().stream().filter(wanted).reduce((a, b) -> b).orElse(null);
		});
		if (found.body == null) {
			Map<String, Object> result = this.driver.executeCdpCommand("Network.getResponseBody",
					Map.of("requestId", found.requestId));
			String body = String.valueOf(result.get("body"));
			found.body = Boolean.TRUE.equals(result.get("base64Encoded"))
					? new String(Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8) : body;
		}
		return found;
	}

	// chromedriver hands out each performance log entry once.
	private void drain() {
		for (LogEntry entry : this.driver.manage().logs().get(LogType.PERFORMANCE)) {
			Map<String, Object> message = json.toType(entry.getMessage(), Json.MAP_TYPE);
			Map<?, ?> inner = (Map<?, ?>) message.get("message");
			String method = String.valueOf(inner.get("method"));
			Map<?, ?> params = (Map<?, ?>) inner.get("params");
			if (params == null || params.get("requestId") == null) {
				continue;
			}
			String id = String.valueOf(params.get("requestId"));
			switch (method) {
				case "Network.requestWillBeSent" -> {
					Map<?, ?> request = (Map<?, ?>) params.get("request");
					Exchange exchange = new Exchange(id, String.valueOf(request.get("method")),
							String.valueOf(request.get("url")));
					exchange.requestBody = (String) request.get("postData");
					exchange.requestHeaders = lowerCase((Map<?, ?>) request.get("headers"));
					this.exchanges.put(id, exchange);
				}
				case "Network.responseReceived" -> {
					Exchange exchange = this.exchanges.get(id);
					if (exchange != null) {
						Map<?, ?> response = (Map<?, ?>) params.get("response");
						exchange.status = ((Number) response.get("status")).intValue();
						exchange.headers = lowerCase((Map<?, ?>) response.get("headers"));
					}
				}
				case "Network.loadingFinished", "Network.loadingFailed" -> {
					Exchange exchange = this.exchanges.get(id);
					if (exchange != null) {
						exchange.finished = true;
					}
				}
				default -> {
				}
			}
		}
	}

	private static Map<String, String> lowerCase(Map<?, ?> headers) {
		Map<String, String> result = new LinkedHashMap<>();
		if (headers != null) {
			headers.forEach((name, value) -> result.put(String.valueOf(name).toLowerCase(java.util.Locale.ROOT),
					String.valueOf(value)));
		}
		return result;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteTree(this.profile);
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			List<Path> all = new ArrayList<>(paths.toList());
			all.sort(Comparator.reverseOrder());
			for (Path path : all) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a profile left in target/ is harmless; the next clean removes it
		}
	}

	/**
	 * One request of the page, as the DevTools Protocol reported it.
	 */
	static final class Exchange {

		final String requestId;

		final String method;

		final String url;

		String requestBody;

		Map<String, String> requestHeaders = Map.of();

		int status;

		Map<String, String> headers = Map.of();

		boolean finished;

		String body;

		Exchange(String requestId, String method, String url) {
			this.requestId = requestId;
			this.method = method;
			this.url = url;
		}

		String path() {
			String path = uri().getPath();
			return (path != null) ? path : "";
		}

		String host() {
			return uri().getHost();
		}

		// data: and blob: URLs have no path or host
		private URI uri() {
			try {
				return URI.create(this.url);
			}
			catch (IllegalArgumentException ex) {
				return URI.create("unparsed:" + this.url.hashCode());
			}
		}

		Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name));
		}

		Map<String, Object> json() {
			return Chromium.json.toType(this.body, Json.MAP_TYPE);
		}

		@Override
		public String toString() {
			return this.method + " " + this.url + " -> " + this.status;
		}

	}

}
