package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Telemetry follows the data source's life. Here the unit that opens
 * and closes is the wrapped data source (one reference on the host's client for its lifetime,
 * so a pool does not open a client per checkout), and its connections report to that client.
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
	void theFirstConnectionOpensOneClientForItsHost() {
		application(true).run((context) -> {
			TelemetryClientManager manager = context.getBean(TelemetryClientManager.class);
			assertThat(manager.getClients()).as("nothing before the first connection").isEmpty();
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(manager.getClients()).containsOnlyKeys(HOST);
				assertThat(manager.getReferenceCount(HOST)).isEqualTo(1);
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> manager.getClients().get(HOST).snapshot().featureFlag() == FeatureFlagGate.State.ENABLED);
		});
	}

	@Test
	void onceTheWorkspaceSaysNoNothingIsRecordedOrSent() {
		application(false).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			runStatements(dataSource, 5);
			TelemetryClient client = context.getBean(TelemetryClientManager.class).getClients().get(HOST);
			// the client only holds the workspace's answer; once it is no, nothing is recorded
			await().atMost(Duration.ofSeconds(10)).until(() -> !client.getAggregator().isRecording());
			runStatements(dataSource, 5);
			assertThat(client.getPendingCount()).isZero();
		});
		assertThat(this.workspace.telemetryRequests()).isEmpty();
	}

	@Test
	void closingTheDataSourceReleasesAndClosesItsClient() {
		application(true).run((context) -> {
			TelemetryClientManager manager = context.getBean(TelemetryClientManager.class);
			TelemetryDataSource dataSource = (TelemetryDataSource) context.getBean(DataSource.class);
			runStatements(dataSource, 1);
			TelemetryClient client = manager.getClients().get(HOST);
			dataSource.close();
			assertThat(manager.getReferenceCount(HOST)).isZero();
			assertThat(manager.getClients()).isEmpty();
			assertThat(client.isClosed()).isTrue();
		});
	}

	@Test
	void closingTheDataSourceFlushesItsEventsBeforeItReturns() {
		application(true).run((context) -> {
			TelemetryDataSource dataSource = (TelemetryDataSource) context.getBean(DataSource.class);
			runStatements(dataSource, 7);
			assertThat(this.workspace.telemetryRequests()).as("still pending").isEmpty();
			dataSource.close();
			// no waiting: the release returned after the final flush
			assertThat(this.workspace.statementEvents()).hasSize(7);
			assertThat(this.workspace.events()).hasSize(8);
		});
	}

}
