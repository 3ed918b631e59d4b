package io.github.dbtelemetry.e2e;

import java.util.List;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the export end-to-end tests share: a Spring application with the starter over H2 through
 * a one-connection Hikari pool (so exactly one session is opened), exporting to a
 * {@link StandInWorkspace} and telling a {@link CountingPipelineListener} what became of each
 * event.
 */
final class ExportTestApplication {

	private ExportTestApplication() {
	}

	/**
	 * One batch holds everything and nothing is flushed on a timer, so that only the test (or
	 * closing the context) decides when a batch leaves; retries wait milliseconds.
	 */
	static ApplicationContextRunner exportingTo(StandInWorkspace workspace, CountingPipelineListener listener) {
		return TelemetryContextRunner.application()
			.withBean(CountingPipelineListener.class, () -> listener)
			.withPropertyValues(TelemetryContextRunner.h2ExportingTo(workspace.baseUrl(), "dapi-export-tests"))
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1",
					"spring.datasource.hikari.minimum-idle=1", "databricks.telemetry.batch-size=1000",
					"databricks.telemetry.flush-interval=1h", "databricks.telemetry.retry-delay=10ms",
					"databricks.telemetry.retry-max-delay=2s", "databricks.telemetry.max-retries=2",
					"databricks.telemetry.response-timeout=5s", "databricks.telemetry.shutdown-timeout=20s");
	}

	/** The application's telemetry, once the workspace has enabled it for the only host in use. */
	static DatabricksTelemetry enabledTelemetry(ApplicationContext context) {
		DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
		await().until(() -> telemetry.hosts().size() == 1
				&& telemetry.hosts().get(0).featureFlag() == FeatureFlagState.ENABLED);
		return telemetry;
	}

	/** The only host in use. */
	static HostSnapshot onlyHost(DatabricksTelemetry telemetry) {
		List<HostSnapshot> hosts = telemetry.hosts();
		assertThat(hosts).hasSize(1);
		return hosts.get(0);
	}

}
