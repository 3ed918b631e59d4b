package io.github.dbtelemetry.e2e;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's own requests (feature flag, export) are not the application's: with metrics
 * on, as with actuator, they make no {@code http.client.requests} series and no observation,
 * so telemetry never reports on telemetry.
 */
class UnobservedTelemetryHttpTests {

	@Test
	void theStartersRequestsMakeNoHttpClientMeterOrObservation() {
		try (StandInWorkspace workspace = new StandInWorkspace()) {
			TelemetryContextRunner.application()
				.withConfiguration(TelemetryContextRunner.metrics())
				.withPropertyValues(TelemetryContextRunner.h2ExportingTo(workspace.baseUrl(), "dapi-unobserved"))
				.withPropertyValues("databricks.telemetry.flush-interval=100ms")
				.run((context) -> {
					assertThat(context.getBean(ObservationRegistry.class).isNoop()).isFalse();
					assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isOne();
					await().until(() -> !workspace.telemetryRequests().isEmpty());
					context.getBean(DatabricksTelemetry.class).flush().join();
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					assertThat(meters.find("databricks.statement").timers()).as("the application's observations")
						.isNotEmpty();
					assertThat(meters.getMeters()).extracting((meter) -> meter.getId().getName())
						.noneMatch((name) -> name.startsWith("http.client"));
					assertThat(workspace.flagRequests()).isNotEmpty();
					assertThat(context.getBean(DataSource.class)).isNotNull();
				});
		}
	}

}
