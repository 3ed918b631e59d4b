package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Telemetry follows the data source's life: the unit that opens and closes is the wrapped data
 * source (one lease on its workspace host for its lifetime, so a pool does not join the host per
 * checkout), and its connections report through that lease.
 */
class ConnectionTelemetryIntegrationTests {

	private static final String HOST = "localhost";

	private StandInWorkspace workspace;

	@BeforeEach
	void startWorkspace() {
		this.workspace = new StandInWorkspace();
	}

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	private ApplicationContextRunner application(boolean flag) {
		this.workspace.answerFlag(flag);
		return TelemetryContextRunner.application()
			.withPropertyValues(TelemetryContextRunner.h2ExportingTo(this.workspace.baseUrl(), "dapi-connection"))
			// nothing leaves before the data source closes, unless something flushes it
			.withPropertyValues("databricks.telemetry.flush-interval=1h", "databricks.telemetry.batch-size=1000");
	}

	private static void runStatements(DataSource dataSource, int count) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (int i = 0; i < count; i++) {
				statement.execute("SELECT " + i);
			}
		}
	}

	@Test
	void theFirstConnectionStartsTheHostsTelemetryAndTheWorkspaceAnswersInTheBackground() {
		application(true).run((context) -> {
			DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
			assertThat(telemetry.hosts()).as("nothing before the first connection").isEmpty();
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(telemetry.hosts()).extracting(HostSnapshot::host).containsExactly(HOST);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> telemetry.hosts().get(0).featureFlag() == FeatureFlagState.ENABLED);
		});
	}

	@Test
	void aWorkspaceThatSaysNoReceivesNothing() {
		application(false).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			runStatements(dataSource, 5);
			DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
			// the host only holds the workspace's answer; once it is no, nothing is recorded
			await().atMost(Duration.ofSeconds(10))
				.until(() -> telemetry.hosts().get(0).featureFlag() == FeatureFlagState.DISABLED);
			runStatements(dataSource, 5);
			assertThat(telemetry.hosts().get(0).pending()).isZero();
		});
		assertThat(this.workspace.telemetryRequests()).isEmpty();
	}

	@Test
	void closingTheDataSourceReleasesItsHost() {
		application(true).run((context) -> {
			DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
			DataSource dataSource = context.getBean(DataSource.class);
			runStatements(dataSource, 1);
			assertThat(telemetry.hosts()).hasSize(1);
			((AutoCloseable) dataSource).close();
			assertThat(telemetry.hosts()).isEmpty();
		});
	}

	@Test
	void closingTheDataSourceFlushesWhatIsPendingBeforeReleasingItsHost() {
		application(true).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			runStatements(dataSource, 7);
			assertThat(this.workspace.telemetryRequests()).as("still pending").isEmpty();
			((AutoCloseable) dataSource).close();
			// no waiting: the release returned after the final flush
			assertThat(this.workspace.statementEvents()).hasSize(7);
			assertThat(this.workspace.sessionEndEvents()).as("the session the pool ended as it closed").hasSize(1);
			assertThat(this.workspace.events()).hasSize(9);
		});
	}

}
