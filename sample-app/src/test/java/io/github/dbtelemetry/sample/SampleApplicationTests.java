package io.github.dbtelemetry.sample;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.client.RestClient;

import io.github.dbtelemetry.sample.workload.SampleWorkload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole sample on a real port: the telemetry endpoint property points at the server port, so
 * the port is chosen up front (a random port would only be known after the endpoint was bound).
 * The telemetry test needs the starter's auto-configuration to wrap the DataSource.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "sample.workload.interval=500ms", "databricks.telemetry.flush-interval=1s" })
class SampleApplicationTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final Duration TELEMETRY_TIMEOUT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	private final RestClient http = RestClient.create("http://localhost:" + PORT);

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private SampleWorkload workload;

	@Value("${sample.stand-in.workspace-id}")
	private long standInWorkspaceId;

	@Test
	void workloadRunsAndHealthIsUp() {
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(this.workload.status().rounds()).isPositive();
			assertThat(this.workload.status().expectedFailures()).isPositive();
			assertThat(this.workload.status().unexpectedFailures()).isZero();
		});
		JsonNode health = getJson("/actuator/health");
		assertThat(health.path("status").asString()).isEqualTo("UP");
	}

	@Test
	void homePageIsHtml() {
		String html = this.http.get().uri("/").accept(MediaType.TEXT_HTML).retrieve().body(String.class);

		assertThat(html).startsWith("<!DOCTYPE html>").contains("Databricks telemetry console", "/console/state");
	}

	@Test
	void chartLibraryIsServedFromItsWebJarWithoutAVersionInThePath() {
		String html = this.http.get().uri("/").accept(MediaType.TEXT_HTML).retrieve().body(String.class);
		for (String asset : new String[] { "/webjars/uplot/dist/uPlot.iife.min.js", "/webjars/uplot/dist/uPlot.min.css" }) {
			assertThat(html).contains("\"" + asset + "\"");
			String body = this.http.get().uri(asset).retrieve().body(String.class);
			assertThat(body).as(asset).isNotBlank();
		}
	}

	@Test
	void workloadTelemetryReachesTheStandInWorkspaceAndTheHomePage() {
		JsonNode event = await("a statement event listed at /workspace/telemetry (needs the starter to wrap the DataSource)")
			.atMost(TELEMETRY_TIMEOUT)
			.until(this::firstStatementEvent, (found) -> found != null);

		// The sample DataSource has a (fake) token and the http endpoint is allowed explicitly.
		assertThat(event.path("path").asString()).isEqualTo("/telemetry-ext");
		assertThat(event.path("authorizationPresent").asBoolean()).isTrue();
		String statementType = event.at("/protoLog/entry/sql_driver_log/sql_operation/statement_type").asString();
		assertThat(statementType).isNotBlank();
		// The H2 URL names no workspace: the id comes from the stand-in's org-id header, as it would
		// from a real workspace whose host name does not carry it.
		assertThat(event.at("/protoLog/workspace_id").asLong()).isEqualTo(this.standInWorkspaceId);

		JsonNode console = await("the console lists events and the host's exports").atMost(TELEMETRY_TIMEOUT)
			.until(() -> getJson("/console/state"),
					(state) -> state.path("events").size() > 0 && state.at("/hosts/0/exported").asLong() > 0);
		assertThat(console.path("workspaceMode").asString()).isEqualTo("NORMAL");
		assertThat(Instant.parse(console.path("sampledAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(console.at("/hosts/0/featureFlag").asString()).isEqualTo("ENABLED");
		assertThat(console.at("/hosts/0/circuitBreaker").asString()).isEqualTo("CLOSED");
		assertThat(console.path("events")).anySatisfy((row) -> {
			assertThat(row.path("statementType").asString()).isNotBlank();
			assertThat(row.path("path").asString()).isEqualTo("/telemetry-ext");
			assertThat(row.path("workspaceId").asLong()).isEqualTo(this.standInWorkspaceId);
		});
		JsonNode health = getJson("/actuator/health");
		assertThat(health.at("/components/databricksTelemetry/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/databricksTelemetry/details/hosts").size()).isEqualTo(1);
		for (String meter : new String[] { "databricks.telemetry.events", "databricks.telemetry.export",
				"databricks.telemetry.pending", "databricks.telemetry.feature.flag", "databricks.statement",
				"databricks.connection", "resilience4j.circuitbreaker.state" }) {
			JsonNode metric = getJson("/actuator/metrics/" + meter);
			assertThat(metric.path("availableTags").findValuesAsString("tag")).as(meter).contains("host");
		}
	}

	private JsonNode firstStatementEvent() {
		for (JsonNode event : getJson("/workspace/telemetry")) {
			if (event.at("/protoLog/entry/sql_driver_log/sql_operation/statement_type").isString()) {
				return event;
			}
		}
		return null;
	}

	private JsonNode getJson(String path) {
		String body = this.http.get().uri(path).accept(MediaType.APPLICATION_JSON).retrieve().body(String.class);
		return this.jsonMapper.readTree(body);
	}

}
