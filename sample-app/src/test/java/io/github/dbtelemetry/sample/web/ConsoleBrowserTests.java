package io.github.dbtelemetry.sample.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * on the page, recover, watch it close and exports resume; and see the charts fill from the
 * workload. The charts are read from the {@code data-} attributes the page sets on them, not
 * from pixels, so the assertions do not depend on fonts or rendering. Uses Debian's chromium and
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

	private static final boolean UPDATE_SCREENSHOT = Boolean.getBoolean("console.screenshot.update");

	// Polls the page has charted (about one a second) before, and after, the workspace fails:
	// the README's picture needs some history to show; a plain run need not wait for it.
	private static final int SCREENSHOT_HISTORY = UPDATE_SCREENSHOT ? 30 : 0;

	private static final int SCREENSHOT_FAILING = UPDATE_SCREENSHOT ? 15 : 0;

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final List<String> CHARTS = List.of("chart-statements", "chart-exported", "chart-dropped",
			"chart-pending", "chart-breaker");

	// The breaker chart's scale: CLOSED, HALF_OPEN, OPEN.
	private static final double BREAKER_OPEN = 2;

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
					"--disable-dev-shm-usage", "--window-size=1280,1350", "--user-data-dir=" + this.profile);
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
		await("some history on the charts").atMost(TIMEOUT)
			.until(() -> chart("chart-statements").samples() >= SCREENSHOT_HISTORY);

		int chartedBeforeFailing = chart("chart-statements").samples();
		click("#mode-fail_503");
		await("the breaker opening on the page").atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(text("#hosts td.breaker")).isEqualTo("OPEN"));
		assertThat(text("#workspace-mode")).isEqualTo("FAIL_503");
		assertThat(text("#hosts td.last-failure")).isIn("http_503", "circuit_open");
		await("events dropped by reason").atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(text("#hosts td.dropped")).contains("retries_exhausted: ", "circuit_open: "));
		await("the charts showing the breaker open and events dropped").atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(chart("chart-breaker").peak()).isEqualTo(BREAKER_OPEN);
			assertThat(chart("chart-dropped").peak()).isPositive();
			assertThat(text("#chart-dropped .u-legend")).contains("retries_exhausted", "circuit_open");
		});
		await("some failing on the charts").atMost(TIMEOUT)
			.until(() -> chart("chart-statements").samples() >= chartedBeforeFailing + SCREENSHOT_FAILING);
		saveScreenshot();

		long exportedWhileOpen = exported();
		click("#mode-normal");
		await("the breaker closing and exports resuming").atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(text("#hosts td.breaker")).isEqualTo("CLOSED");
			assertThat(exported()).isGreaterThan(exportedWhileOpen);
		});
		assertThat(text("#workspace-mode")).isEqualTo("NORMAL");
	}

	@Test
	void chartsFillWithTheWorkloadFromTheWebJarAlone() {
		this.browser.get("http://localhost:" + PORT + "/");
		await("statements and exports charted").atMost(TIMEOUT).untilAsserted(() -> {
			Chart statements = chart("chart-statements");
			assertThat(statements.samples()).isGreaterThanOrEqualTo(3);
			assertThat(statements.peak()).isPositive();
			assertThat(chart("chart-exported").peak()).isPositive();
		});
		for (String id : CHARTS) {
			Chart chart = chart(id);
			assertThat(chart.samples()).as(id).isPositive();
			assertThat(chart.width()).as(id).isPositive();
			assertThat(chart.height()).as(id).isPositive();
		}
		// uPlot comes from the sample's WebJar: the page works offline.
		Object outside = ((JavascriptExecutor) this.browser).executeScript(
				"return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));");
		assertThat((List<?>) outside).isEmpty();
	}

	/** What the page says of one chart: its samples, highest value, and its canvas's size in CSS pixels. */
	private Chart chart(String id) {
		Object read = ((JavascriptExecutor) this.browser).executeScript("""
				const figure = document.getElementById(arguments[0]);
				const canvas = figure && figure.querySelector('canvas');
				return [Number(figure && figure.dataset.samples || 0), Number(figure && figure.dataset.peak || 0),
					canvas ? canvas.clientWidth : 0, canvas ? canvas.clientHeight : 0];""", id);
		List<?> values = (List<?>) read;
		return new Chart(((Number) values.get(0)).intValue(), ((Number) values.get(1)).doubleValue(),
				((Number) values.get(2)).intValue(), ((Number) values.get(3)).intValue());
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
		if (UPDATE_SCREENSHOT) {
			Path docs = repositoryRoot().resolve("docs");
			Files.createDirectories(docs);
			Files.copy(shot.toPath(), docs.resolve("console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private record Chart(int samples, double peak, int width, int height) {
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
