package io.github.dbtelemetry.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code /actuator/prometheus}: what a Prometheus server scraping an application
 * that uses the starter would read. The meters are checked under their Prometheus names (dots
 * become underscores, the base unit and {@code _total} are appended), since those are the names
 * people write queries and alerts against, and they differ from the names in the code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "sample.workload.interval=200ms", "databricks.telemetry.flush-interval=300ms" })
class PrometheusEndpointTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// One line of the text format: name, optional {labels}, value (an optional timestamp may follow).
	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	private final RestClient http = RestClient.create("http://localhost:" + PORT);

	@Test
	void pipelineAndStatementMetersAppearUnderTheirPrometheusNames() {
		List<Sample> scrape = await("statements timed and events exported, on /actuator/prometheus").atMost(TIMEOUT)
			.until(this::scrape, (samples) -> sum(samples, "databricks_statement_seconds_count") > 0
					&& sum(samples, "databricks_telemetry_events_total", "outcome", "exported") > 0
					// the export's timer is recorded once its events are counted: wait for both
					&& sum(samples, "databricks_telemetry_export_seconds_count") > 0);

		assertThat(series(scrape, "databricks_telemetry_events_total", "outcome", "exported")).singleElement()
			.satisfies((sample) -> assertThat(sample.labels()).containsEntry("host", "localhost")
				.containsEntry("reason", "none"));
		// Every drop reason exists at zero once a host is in use, so a rate() works from the first drop.
		for (String reason : new String[] { "circuit_open", "buffer_full", "retries_exhausted", "terminal_error",
				"outcome_unknown", "partial_failure", "disabled_by_workspace", "shutdown" }) {
			assertThat(series(scrape, "databricks_telemetry_events_total", "outcome", "dropped", "reason", reason))
				.as(reason)
				.singleElement()
				.satisfies((sample) -> assertThat(sample.labels()).containsEntry("host", "localhost"));
		}
		assertThat(sum(scrape, "databricks_telemetry_export_seconds_count", "host", "localhost", "status", "200",
				"outcome", "SUCCESS", "result", "success"))
			.isPositive();
		assertThat(series(scrape, "databricks_telemetry_export_seconds_sum", "host", "localhost")).isNotEmpty();
		assertThat(series(scrape, "databricks_telemetry_pending_events", "host", "localhost")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isNotNegative());
		assertThat(sum(scrape, "databricks_telemetry_feature_flag", "host", "localhost", "state", "enabled"))
			.isEqualTo(1.0);
		assertThat(sum(scrape, "databricks_telemetry_feature_flag", "host", "localhost", "state", "disabled"))
			.isZero();
		assertThat(sum(scrape, "databricks_telemetry_feature_flag", "host", "localhost", "state", "unknown")).isZero();
		assertThat(series(scrape, "databricks_statement_seconds_count", "host", "localhost", "outcome", "success"))
			.isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.labels()).containsKeys("statement_type", "datasource"));
		assertThat(sum(scrape, "databricks_statement_seconds_count", "host", "localhost", "outcome", "error"))
			.as("the workload's query against a missing table")
			.isPositive();
		assertThat(sum(scrape, "databricks_connection_seconds_count", "host", "localhost")).isPositive();
		assertThat(sum(scrape, "resilience4j_circuitbreaker_state", "host", "localhost", "state", "closed"))
			.isEqualTo(1.0);
	}

	private List<Sample> scrape() {
		String body = this.http.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.retrieve()
			.body(String.class);
		List<Sample> samples = new ArrayList<>();
		for (String line : body.split("\n")) {
			Matcher matcher = SAMPLE.matcher(line);
			if (line.startsWith("#") || !matcher.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			Matcher label = LABEL.matcher((matcher.group(2) != null) ? matcher.group(2) : "");
			while (label.find()) {
				labels.put(label.group(1), label.group(2));
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
		}
		return samples;
	}

	/** The series of {@code name} whose labels include each given key and value pair. */
	private static List<Sample> series(List<Sample> samples, String name, String... labels) {
		return samples.stream().filter((sample) -> sample.name().equals(name)).filter((sample) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	private static double sum(List<Sample> samples, String name, String... labels) {
		return series(samples, name, labels).stream().mapToDouble(Sample::value).sum();
	}

	private record Sample(String name, Map<String, String> labels, double value) {
	}

}
