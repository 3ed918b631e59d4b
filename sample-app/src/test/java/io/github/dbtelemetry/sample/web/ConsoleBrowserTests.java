package io.github.dbtelemetry.sample.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium: make the stand-in answer 503, watch the breaker open
 * on the page, recover, watch it close and exports resume. Uses Debian's chromium and
 * chromium-driver, set explicitly so that Selenium Manager never downloads anything; skipped
 * only when they are not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "sample.workload.interval=200ms", "databricks.telemetry.flush-interval=300ms",
				"databricks.telemetry.circuit-breaker.open-duration=3s" })
class ConsoleBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@TempDir
	Path profile;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed (apt-get install chromium chromium-driver); the console browser test is skipped");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void breakerOpensWhenTheWorkspaceFailsAndClosesWhenItRecovers() throws IOException {
		this.browser.get("http://localhost:" + PORT + "/");
		await("the first successful export").atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(text("#hosts td.breaker")).isEqualTo("CLOSED");
			assertThat(exported()).isPositive();
		});

		click("#mode-fail_503");
		await("the breaker opening on the page").atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(text("#hosts td.breaker")).isEqualTo("OPEN"));
		assertThat(text("#workspace-mode")).isEqualTo("FAIL_503");
		assertThat(text("#hosts td.last-failure")).isIn("http_503", "circuit_open");
		await("events dropped by reason").atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(text("#hosts td.dropped")).contains("retries_exhausted: ", "circuit_open: "));
		saveScreenshot();

		long exportedWhileOpen = exported();
		click("#mode-normal");
		await("the breaker closing and exports resuming").atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(text("#hosts td.breaker")).isEqualTo("CLOSED");
			assertThat(exported()).isGreaterThan(exportedWhileOpen);
		});
		assertThat(text("#workspace-mode")).isEqualTo("NORMAL");
	}

	// Read in one script call: the page re-renders every second, so a found element may go stale.
	private String text(String css) {
		Object text = ((JavascriptExecutor) this.browser)
			.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
		return String.valueOf(text);
	}

	private long exported() {
		String value = text("#hosts td.exported");
		return value.matches("\\d+") ? Long.parseLong(value) : -1;
	}

	private void click(String css) {
		this.browser.findElement(By.cssSelector(css)).click();
	}

	// Every run leaves target/console.png; the README's docs/console.png is replaced only on
	// request (-Dconsole.screenshot.update=true), so a build does not dirty the working tree.
	private void saveScreenshot() throws IOException {
		File shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target");
		Files.createDirectories(target);
		Files.copy(shot.toPath(), target.resolve("console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		if (Boolean.getBoolean("console.screenshot.update")) {
			Path docs = repositoryRoot().resolve("docs");
			Files.createDirectories(docs);
			Files.copy(shot.toPath(), docs.resolve("console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("repository root (the folder with mvnw)").isNotNull();
		return dir;
	}

}
