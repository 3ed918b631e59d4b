package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;
import io.github.dbtelemetry.support.TelemetrySchemaValidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where a session's end and a failed attempt to open one are visible to the starter, with H2
 * standing in for the driver: a connection the application holds without a pool, a pool that
 * closes, a pool that waits, and a driver that refuses.
 */
class SessionLifecycleTests {

	private static int counter;

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	private final DatabricksTelemetry telemetry = TelemetryTestFixture.builder(this.exporter).build();

	private final String url = "jdbc:h2:mem:sessions" + nextId() + ";DB_CLOSE_DELAY=-1";

	@AfterEach
	void close() {
		this.telemetry.close();
	}

	private static synchronized int nextId() {
		return ++counter;
	}

	private DataSource unpooled(String password) {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL(this.url);
		h2.setUser("sa");
		h2.setPassword(password);
		return DatabricksTelemetry.instrument(h2, "unpooled", this.url, () -> this.telemetry);
	}

	private HikariDataSource pool(String password, int size) {
		return pool(password, size, 5000);
	}

	private HikariDataSource pool(String password, int size, long connectionTimeoutMillis) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(this.url);
		pool.setUsername("sa");
		pool.setPassword(password);
		pool.setMaximumPoolSize(size);
		pool.setMinimumIdle(0);
		pool.setConnectionTimeout(connectionTimeoutMillis);
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	private DataSource instrumented(HikariDataSource pool) {
		return DatabricksTelemetry.instrument(pool, "pooled", this.url, () -> this.telemetry);
	}

	private List<TelemetryFrontendLog> exported() {
		this.telemetry.flush().join();
		return this.exporter.logs();
	}

	private static OperationType operationType(TelemetryEvent event) {
		return event.sqlOperation().operationDetail().operationType();
	}

	@Test
	void closingAConnectionHeldWithoutAPoolReportsItsSessionsEndOnceWithTheCloseLatency() throws Exception {
		DataSource dataSource = unpooled("");
		Connection connection = dataSource.getConnection();
		connection.close();
		connection.close();
		exported();
		String sessionId = this.exporter.sessionEvents().get(0).sessionId();
		assertThat(this.exporter.sessionEndEvents()).singleElement().satisfies((event) -> {
			assertThat(event.sessionId()).isEqualTo(sessionId);
			assertThat(event.operationLatencyMs()).isNotNull().isNotNegative();
			assertThat(event.sqlOperation().statementType()).as("the driver's DELETE_SESSION has none").isNull();
			assertThat(event.errorInfo()).isNull();
			assertThat(event.driverConnectionParams()).isNotNull();
			assertThat(event.systemConfiguration()).isNotNull();
		});
		TelemetrySchemaValidator
			.assertValidFrontendLog(new TelemetryPayloadSerializer().serializeLog(this.exporter.logs().get(1)));
	}

	@Test
	void returningAPooledConnectionEndsNoSession() throws Exception {
		try (HikariDataSource pool = pool("", 2)) {
			DataSource dataSource = instrumented(pool);
			for (int i = 0; i < 3; i++) {
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
			}
			exported();
			assertThat(this.exporter.sessionEvents()).hasSize(1);
			assertThat(this.exporter.sessionEndEvents()).isEmpty();
		}
	}

	@Test
	void closingThePooledDataSourceReportsEverySessionItsPoolEndsWithoutALatencyOfItsOwn() throws Exception {
		HikariDataSource pool = pool("", 3);
		DataSource dataSource = instrumented(pool);
		try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
			assertThat(first.isValid(1) && second.isValid(1)).isTrue();
		}
		((AutoCloseable) dataSource).close();
		assertThat(pool.isClosed()).isTrue();
		List<String> opened = this.exporter.sessionEvents().stream().map(TelemetryEvent::sessionId).toList();
		assertThat(opened).as("sent when the data source released its host").hasSize(2);
		assertThat(this.exporter.sessionEndEvents()).extracting(TelemetryEvent::sessionId)
			.containsExactlyInAnyOrderElementsOf(opened);
		assertThat(this.exporter.sessionEndEvents()).allSatisfy((event) -> assertThat(event.operationLatencyMs())
			.as("a pool closing all its connections does not tell each one's time").isNull());
	}

	@Test
	void closingAnUnpooledDataSourceEndsNoSessionTheApplicationStillHolds() throws Exception {
		DataSource dataSource = unpooled("");
		try (Connection connection = dataSource.getConnection()) {
			((AutoCloseable) dataSource).close();
			assertThat(connection.isClosed()).isFalse();
		}
		assertThat(exported()).extracting((log) -> operationType(log.entry().sqlDriverLog()))
			.containsExactly(OperationType.CREATE_SESSION);
	}

	@Test
	void aRefusedConnectionIsExportedAsAFailedCreateSessionWithItsSqlStateAndTheCallerGetsTheSameException()
			throws Exception {
		try (Connection owner = unpooled("").getConnection()) {
			DataSource refusing = unpooled("wrong-password");
			SQLException[] thrown = new SQLException[1];
			assertThatExceptionOfType(SQLException.class).isThrownBy(refusing::getConnection)
				.satisfies((ex) -> thrown[0] = ex);
			assertThat(thrown[0].getSQLState()).isEqualTo("28000");
			assertThat(exported()).hasSize(2);
			TelemetryEvent failed = this.exporter.sessionEvents().get(1);
			assertThat(failed.errorInfo().errorName()).isEqualTo("28000");
			assertThat(failed.errorInfo().stackTrace()).isNull();
			assertThat(failed.sessionId()).as("no session was opened").isNull();
			assertThat(failed.operationLatencyMs()).isNotNull().isNotNegative();
			assertThat(new TelemetryPayloadSerializer().serializeLog(this.exporter.logs().get(1)))
				.doesNotContain("password").doesNotContain("Wrong user name");
		}
	}

	@Test
	void aFailedAttemptAfterEarlierSuccessesIsReportedToo() throws Exception {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL(this.url);
		h2.setUser("sa");
		h2.setPassword("");
		DataSource dataSource = this.telemetry.instrument(h2, "urlFromTheFirstConnection");
		try (Connection connection = dataSource.getConnection()) {
			h2.setPassword("wrong-password");
			assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection);
		}
		exported();
		assertThat(this.exporter.sessionEvents()).filteredOn((event) -> event.errorInfo() != null)
			.singleElement()
			.satisfies((event) -> assertThat(event.errorInfo().errorName()).isEqualTo("28000"));
	}

	@Test
	void aPoolTimeoutCarryingTheDriversFailureIsReportedWithTheDriversFailure() throws Exception {
		try (Connection owner = unpooled("").getConnection();
				HikariDataSource pool = pool("wrong-password", 1, 1000)) {
			DataSource dataSource = instrumented(pool);
			assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(dataSource::getConnection)
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(SQLException.class));
			exported();
			assertThat(this.exporter.sessionEvents()).filteredOn((event) -> event.errorInfo() != null)
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.errorInfo().errorName())
						.as("the driver's failure the pool carries, not the pool's timeout")
						.isEqualTo("28000");
					assertThat(event.operationLatencyMs()).as("the time the application waited")
						.isGreaterThanOrEqualTo(900L);
				});
		}
	}

	@Test
	void aPoolThatOnlyTimedOutWaitingForItsOwnConnectionsReportsNoSessionFailure() throws Exception {
		try (HikariDataSource pool = pool("", 1, 1000)) {
			DataSource dataSource = instrumented(pool);
			try (Connection held = dataSource.getConnection()) {
				assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(dataSource::getConnection)
					.satisfies((ex) -> assertThat(ex.getCause()).isNull());
			}
			exported();
			assertThat(this.exporter.sessionEvents()).hasSize(1)
				.allSatisfy((event) -> assertThat(event.errorInfo()).isNull());
		}
	}

	@Test
	void failingTelemetryNeverChangesTheExceptionTheCallerGets() {
		SQLException refusal = new SQLException("refused", "28000");
		DataSource failing = new org.springframework.jdbc.datasource.AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				throw refusal;
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				throw refusal;
			}

		};
		DataSource dataSource = DatabricksTelemetry.instrument(failing, "broken", this.url, () -> {
			throw new IllegalStateException("telemetry is broken");
		});
		assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection).isSameAs(refusal);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> dataSource.getConnection("u", "p"))
			.isSameAs(refusal);
	}

}
