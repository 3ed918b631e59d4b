package io.github.dbtelemetry.sample.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.sample.standin.ReceivedTelemetry;
import io.github.dbtelemetry.sample.standin.ReceivedTelemetryStore;
import io.github.dbtelemetry.sample.workload.SampleWorkload;
import io.github.dbtelemetry.sample.workload.WorkloadPlan;
import io.github.dbtelemetry.sample.workload.WorkloadProperties;
import io.github.dbtelemetry.sample.workload.WorkloadStep;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryPageControllerTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@Test
	void listsEventColumnsEscaped() {
		ReceivedTelemetryStore store = new ReceivedTelemetryStore(10);
		store.add(new ReceivedTelemetry("/telemetry-ext", true, Instant.parse("2026-01-01T10:15:30.123Z"),
				this.jsonMapper.readTree("""
						{"entry":{"sql_driver_log":{"session_id":"<script>alert(1)</script>",
						 "sql_operation":{"statement_type":"UPDATE","operation_detail":{"operation_type":"EXECUTE_STATEMENT"}},
						 "error_info":{"error_name":"42S02"},"operation_latency_ms":12}}}""")));

		String html = controller(store).home();

		assertThat(html).contains("10:15:30.123", "UPDATE", "EXECUTE_STATEMENT", "<td>12</td>", "42S02",
				"/telemetry-ext (with token)", "&lt;script&gt;");
		assertThat(html).doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void toleratesLogsWithoutAnSqlDriverLog() {
		ReceivedTelemetryStore store = new ReceivedTelemetryStore(10);
		store.add(new ReceivedTelemetry("/telemetry-unauth", false, Instant.now(), this.jsonMapper.readTree("{}")));

		assertThat(controller(store).home()).contains("/telemetry-unauth (no token)", "&mdash;");
	}

	@Test
	void explainsWhenTheStandInIsOff() {
		assertThat(controller(null).home()).contains("stand-in workspace is off");
	}

	private static TelemetryPageController controller(ReceivedTelemetryStore store) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (store != null) {
			beans.addBean("store", store);
		}
		WorkloadPlan noStatements = new WorkloadPlan() {
			@Override
			public void setUp(org.springframework.jdbc.core.JdbcOperations jdbc) {
			}

			@Override
			public List<WorkloadStep> round() {
				return List.of();
			}
		};
		SampleWorkload workload = new SampleWorkload(new JdbcTemplate(), noStatements,
				new WorkloadProperties(Duration.ofSeconds(1)));
		return new TelemetryPageController(beans.getBeanProvider(ReceivedTelemetryStore.class), workload);
	}

}
