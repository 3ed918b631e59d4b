package io.github.dbtelemetry.e2e.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.support.ProtoConformance;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The side-by-side workload against a real SQL warehouse, on request only: set
 * {@code DATABRICKS_HOST} (host name), {@code DATABRICKS_HTTP_PATH} and {@code DATABRICKS_TOKEN}
 * (a personal access token). Skipped otherwise, and always under CI. It runs the workload twice
 * as {@link DriverFidelityTests} does, but only the starter's events can be captured here (see
 * {@link RealWorkspaceReport}): they are recorded by an exporter in the test instead of being
 * sent, and the report goes to {@code target/real-workspace-fidelity.md}. The workload only reads
 * and creates a temporary view; it uses a few seconds of warehouse time.
 */
class RealWorkspaceFidelityTests {

	private static final Path REPORT = Path.of("target", "real-workspace-fidelity.md");

	private static final FidelityWorkload WORKLOAD = new FidelityWorkload("SELECT 1", "SELECT id FROM range(3)",
			"CREATE OR REPLACE TEMPORARY VIEW dbtelemetry_fidelity AS SELECT 1 AS id",
			"SELECT * FROM dbtelemetry_fidelity_missing_table", "SELECT id FROM range(3) WHERE id > ?");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theStartersEventsOfARealWarehouseAgreeWithWhatTheDriversApiSaid() throws IOException {
		String host = environment("DATABRICKS_HOST");
		String httpPath = environment("DATABRICKS_HTTP_PATH");
		String token = environment("DATABRICKS_TOKEN");
		assumeThat(System.getenv("CI")).as("not run under CI").isNotEqualTo("true");
		// A boolean, so that no value (the token least of all) is ever printed in a test report.
		assumeThat(!host.isEmpty() && !httpPath.isEmpty() && !token.isEmpty())
			.as("DATABRICKS_HOST, DATABRICKS_HTTP_PATH and DATABRICKS_TOKEN name a real warehouse; without them "
					+ "this test is skipped")
			.isTrue();
		String url = "jdbc:databricks://" + host + ":443/default;transportMode=http;ssl=1;httpPath=" + httpPath
				+ ";AuthMech=3;UID=token;PWD=" + token;

		RecordingTelemetryExporter withDriverTelemetry = new RecordingTelemetryExporter();
		SideBySideRun.runIn(recording(url, withDriverTelemetry), WORKLOAD);
		RecordingTelemetryExporter withStarter = new RecordingTelemetryExporter();
		FidelityWorkload.Outcome outcome = SideBySideRun.runIn(recording(url + ";EnableTelemetry=0", withStarter),
				WORKLOAD);
		List<JsonNode> events = withStarter.logs().stream().map((log) -> (JsonNode) this.json.valueToTree(log)).toList();
		CapturedSide starter = new CapturedSide(events, outcome.sessionIds(), outcome.statementTexts(), outcome);

		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, RealWorkspaceReport.render(host, WORKLOAD, withDriverTelemetry.logs().size(), starter),
				StandardCharsets.UTF_8);
		assumeThat(events).as("the workspace's feature flag let the starter export (see " + REPORT + ")").isNotEmpty();

		assertThat(withDriverTelemetry.logs()).as("with the driver's telemetry on, export is left to it").isEmpty();
		List<WireComparison.Labelled> labelled = events.stream()
			.map((event) -> new WireComparison.Labelled(WireComparison.stepOf(WORKLOAD, starter, event), event))
			.toList();
		assertThat(WireComparison.sessionRefs(labelled, starter)).containsExactly("session 1", "session 2");
		assertThat(labelled).filteredOn((event) -> event.step() == WorkloadStep.FAILING)
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.log().at("/error_info/error_name").asString()).isEqualTo(outcome.failureSqlState());
				assertThat(event.log().at("/error_info/stack_trace").isMissingNode()).isTrue();
			});
		assertThat(labelled).allSatisfy((event) -> {
			assertThat(event.step()).isNotEqualTo(WorkloadStep.OUTSIDE);
			assertThat(event.log().at("/driver_connection_params/http_path").asString()).isEqualTo(httpPath);
			assertThat(event.event().toString()).doesNotContain(token).doesNotContain(WORKLOAD.failing());
		});
		assertThat(ProtoConformance.unknown(ProtoConformance.ofResource().problemsOfLogs(events))).isEmpty();
	}

	// The recording exporter replaces the HTTP one: the flag request still goes to the workspace.
	private static ApplicationContextRunner recording(String url, RecordingTelemetryExporter exporter) {
		return SideBySideRun.application(url).withBean(TelemetryExporter.class, () -> exporter);
	}

	private static String environment(String name) {
		String value = System.getenv(name);
		return (value != null) ? value.trim() : "";
	}

}
