package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.support.StandInWarehouse;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Databricks data source behind Spring's {@link LazyConnectionDataSourceProxy}, which takes a
 * connection from the pool only when the first statement needs one: Boot 4.1's
 * {@code spring.datasource.connection-fetch=lazy} wraps the auto-configured data source in one,
 * and an application may declare one itself on any Boot version. The starter instruments the
 * pool behind the proxy, so the data source is recognised from its URL at start-up, its
 * statements are exported, each session is reported once, and holding a connection that has run
 * no statement still takes none from the pool. Instrumented from outside, the proxy would be asked
 * for the driver's session id (and, with its URL unknown, for its metadata) by each connection it
 * hands out, which makes it fetch a pooled connection at once, and the pool's one session would be
 * reported again for each of them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LazyConnectionFetchTests {

	private StandInWarehouse warehouse;

	@BeforeEach
	void startWarehouse() {
		this.warehouse = new StandInWarehouse();
	}

	@AfterEach
	void stopWarehouse() {
		this.warehouse.close();
	}

	/** Whether Boot has {@code spring.datasource.connection-fetch} (4.1 and later). */
	static boolean bootFetchesConnectionsLazilyOnRequest() {
		String[] version = SpringBootVersion.getVersion().split("\\.");
		int major = Integer.parseInt(version[0]);
		return major > 4 || (major == 4 && Integer.parseInt(version[1]) >= 1);
	}

	private ApplicationContextRunner application() {
		return TelemetryContextRunner.application()
			.withPropertyValues("spring.datasource.url=" + this.warehouse.jdbcUrl(""),
					"spring.datasource.driver-class-name=com.databricks.client.jdbc.Driver",
					"spring.datasource.hikari.minimum-idle=0", "databricks.telemetry.allow-insecure-endpoint=true",
					"databricks.telemetry.flush-interval=200ms");
	}

	@Test
	@EnabledIf("bootFetchesConnectionsLazilyOnRequest")
	void bootsLazyConnectionFetchKeepsTheDatabricksDataSourceInstrumentedAndLazy(CapturedOutput output) {
		List<String> sessions = new ArrayList<>();
		application().withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DataSource.class)).as("Boot's lazy proxy is the data source bean")
				.isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertThat(output).contains("Databricks telemetry for data source 'dataSource': exporting the events "
					+ "of workspace host 127.0.0.1");
			sessions.addAll(assertInstrumentedAndLazy(context));
		});
		// The context closes the pool it made, behind the proxy; the engine's last flush sends their ends.
		assertThat(this.warehouse.sessionEndEvents()).extracting(LazyConnectionFetchTests::sessionId)
			.containsExactlyInAnyOrderElementsOf(sessions);
	}

	@Test
	void anApplicationsOwnLazyProxyKeepsTheDatabricksDataSourceInstrumentedAndLazy(CapturedOutput output) {
		HikariDataSource pool = pool();
		try {
			TelemetryContextRunner.starterWith()
				.withBean("dataSource", DataSource.class, () -> new LazyConnectionDataSourceProxy(pool))
				.withPropertyValues("databricks.telemetry.allow-insecure-endpoint=true",
						"databricks.telemetry.flush-interval=200ms")
				.run((context) -> {
					assertThat(output).contains("Databricks telemetry for data source 'dataSource': exporting the "
							+ "events of workspace host 127.0.0.1");
					assertInstrumentedAndLazy(context);
				});
		}
		finally {
			// The proxy is the bean and has no close method: the context leaves the pool open.
			pool.close();
		}
	}

	private HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(this.warehouse.jdbcUrl(""));
		pool.setDriverClassName("com.databricks.client.jdbc.Driver");
		pool.setMinimumIdle(0);
		return pool;
	}

	/** Asserts it, and returns the sessions the starter reported opened. */
	private List<String> assertInstrumentedAndLazy(AssertableApplicationContext context) throws SQLException {
		DataSource dataSource = context.getBean(DataSource.class);
		assertThat(DatabricksTelemetry.isInstrumented(dataSource)).isTrue();
		assertThat(this.warehouse.issuedSessionIds()).as("no session opened at start-up").isEmpty();

		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		try (Connection idle = dataSource.getConnection()) {
			// Answered by the proxy from the defaults it read from the pool at its first connection.
			assertThat(idle.getAutoCommit()).isTrue();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections())
				.as("a connection that has run no statement holds none of the pool's").isZero();
		}
		try (Connection connection = dataSource.getConnection()) {
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
			try (Statement statement = connection.createStatement();
					ResultSet resultSet = statement.executeQuery(StandInWarehouse.SELECT_ONE)) {
				assertThat(resultSet.next()).isTrue();
				assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isOne();
			}
		}
		List<String> sessions = this.warehouse.issuedSessionIds();
		JsonNode event = await("the statement's event at the workspace").atMost(Duration.ofSeconds(10))
			.until(this.warehouse::statementEvents, (events) -> !events.isEmpty())
			.get(0);
		assertThat(event.at("/entry/sql_driver_log/sql_statement_id").asString())
			.isIn(this.warehouse.issuedStatementIds());
		assertThat(sessionId(event)).isIn(sessions);
		List<String> reportedSessions = this.warehouse.events()
			.stream()
			.filter((reported) -> "CREATE_SESSION".equals(StandInWarehouse.operationType(reported)))
			.map(LazyConnectionFetchTests::sessionId)
			.toList();
		assertThat(reportedSessions).as("each session reported once").doesNotHaveDuplicates().isSubsetOf(sessions);
		return reportedSessions;
	}

	private static String sessionId(JsonNode event) {
		return event.at("/entry/sql_driver_log/session_id").asString();
	}

}
