package io.github.dbtelemetry.internal.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The wrappers on real H2 behind HikariCP: results pass through unchanged, one event per statement. */
class TelemetryJdbcWrapperTests {

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	private TelemetryTestFixture fixture;

	@BeforeEach
	void createTable() throws SQLException {
		this.fixture = new TelemetryTestFixture(this.exporter);
		try (Connection connection = this.fixture.pool().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
			statement.execute("CREATE ALIAS twice FOR \"java.lang.Math.multiplyExact(int, int)\"");
		}
	}

	@AfterEach
	void close() throws Exception {
		this.fixture.close();
	}

	private List<TelemetryEvent> statementEvents() {
		this.fixture.flush();
		return this.exporter.statementEvents();
	}

	@Test
	void queryResultsAndUpdateCountsPassThrough() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection()) {
			try (Statement statement = connection.createStatement()) {
				assertThat(statement.executeUpdate("INSERT INTO item (name) VALUES ('a'), ('b')")).isEqualTo(2);
				try (ResultSet rows = statement.executeQuery("SELECT name FROM item ORDER BY id")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).isEqualTo("a");
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString("name")).isEqualTo("b");
					assertThat(rows.next()).isFalse();
					assertThat(rows.getStatement()).isSameAs(statement);
				}
				assertThat(statement.getConnection()).isSameAs(connection);
			}
		}
		assertThat(statementEvents()).extracting((event) -> event.sqlOperation().statementType())
			.containsExactly(StatementType.UPDATE, StatementType.QUERY);
	}

	@Test
	void sqlExceptionIsTheDriversOwnInstance() throws SQLException {
		SQLException direct;
		try (Connection raw = this.fixture.pool().getConnection(); Statement statement = raw.createStatement()) {
			direct = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT * FROM missing"));
		}
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			SQLException wrapped = catchThrowableOfType(SQLException.class,
					() -> statement.executeQuery("SELECT * FROM missing"));
			assertThat((Throwable) wrapped).isExactlyInstanceOf(direct.getClass());
			assertThat(wrapped.getSQLState()).isEqualTo(direct.getSQLState());
			assertThat(wrapped.getStackTrace()[0].getClassName()).startsWith("org.h2");
		}
		List<TelemetryEvent> events = statementEvents();
		assertThat(events).hasSize(1);
		assertThat(events.get(0).errorInfo().errorName()).isEqualTo(direct.getSQLState());
		assertThat(events.get(0).errorInfo().stackTrace()).isNull();
	}

	@Test
	void thrownExceptionIsPassedOnWithoutWrapping() throws SQLException {
		SQLException thrown = new SQLException("boom", "42000");
		try (Connection connection = this.fixture.dataSource().getConnection()) {
			Statement statement = connection.createStatement();
			Statement failing = (Statement) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Statement.class }, (proxy, method, args) -> {
						if (method.getName().equals("executeQuery")) {
							throw thrown;
						}
						return method.invoke(statement, args);
					});
			TelemetryStatement<Statement> wrapper = new TelemetryStatement<>(failing, (TelemetryConnection) connection);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> wrapper.executeQuery("SELECT 1"))
				.isSameAs(thrown);
			wrapper.close();
		}
		assertThat(statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.errorInfo().errorName()).isEqualTo("42000"));
	}

	@Test
	void generatedKeysBatchesAndPreparedStatements() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection()) {
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (name) VALUES (?)",
					Statement.RETURN_GENERATED_KEYS)) {
				insert.setString(1, "x");
				assertThat(insert.executeUpdate()).isEqualTo(1);
				try (ResultSet keys = insert.getGeneratedKeys()) {
					assertThat(keys.next()).isTrue();
					assertThat(keys.getInt(1)).isEqualTo(1);
				}
				insert.setString(1, "y");
				insert.addBatch();
				insert.setString(1, "z");
				insert.addBatch();
				assertThat(insert.executeBatch()).containsExactly(1, 1);
			}
			try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM item WHERE name <> ?")) {
				query.setString(1, "none");
				try (ResultSet rows = query.executeQuery()) {
					rows.next();
					assertThat(rows.getInt(1)).isEqualTo(3);
				}
			}
		}
		assertThat(statementEvents()).extracting((event) -> event.sqlOperation().statementType())
			.containsExactly(StatementType.UPDATE, StatementType.UPDATE, StatementType.QUERY);
	}

	@Test
	void callableStatementsPassThrough() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				CallableStatement call = connection.prepareCall("{ ? = call twice(?, 2) }")) {
			call.registerOutParameter(1, java.sql.Types.INTEGER);
			call.setInt(2, 21);
			call.execute();
			assertThat(call.getInt(1)).isEqualTo(42);
		}
		assertThat(statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.sqlOperation().statementType()).isEqualTo(StatementType.SQL));
	}

	@Test
	void executeWithResultSetEndsWhenResultIsRead() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			assertThat(statement.execute("SELECT 1")).isTrue();
			try (ResultSet rows = statement.getResultSet()) {
				assertThat(rows.next()).isTrue();
				assertThat(this.fixture.host().pending())
					.as("session event only; the statement is still being read").isEqualTo(1);
				assertThat(rows.next()).isFalse();
			}
		}
		assertThat(statementEvents()).hasSize(1);
	}

	@Test
	void forgottenResultSetEndsWhenStatementCloses() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection()) {
			Statement statement = connection.createStatement();
			ResultSet rows = statement.executeQuery("SELECT 1");
			rows.next();
			assertThat(this.exporter.statementEvents()).isEmpty();
			statement.close();
		}
		assertThat(statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.sqlOperation().statementType()).isEqualTo(StatementType.QUERY));
	}

	@Test
	void forgottenStatementEndsWhenConnectionCloses() throws SQLException {
		Connection connection = this.fixture.dataSource().getConnection();
		Statement statement = connection.createStatement();
		statement.executeQuery("SELECT 1").next();
		PreparedStatement prepared = connection.prepareStatement("SELECT 2");
		prepared.executeQuery();
		connection.close();
		assertThat(statementEvents()).hasSize(2);
	}

	@Test
	void reExecutingEndsThePreviousExecution() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT 1");
			statement.executeQuery("SELECT 2");
			statement.executeQuery("SELECT 3");
		}
		assertThat(statementEvents()).hasSize(3);
	}

	@Test
	void metadataCallsAreReportedAsMetadata() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection()) {
			var metaData = connection.getMetaData();
			assertThat(metaData.getConnection()).isSameAs(connection);
			try (ResultSet tables = metaData.getTables(null, null, "ITEM", null)) {
				assertThat(tables.next()).isTrue();
			}
			metaData.getCatalogs().close();
			metaData.getColumns(null, null, "ITEM", null).close();
			metaData.getSchemas().close();
			metaData.getTypeInfo().close();
			metaData.getPrimaryKeys(null, null, "ITEM").close();
			metaData.getTableTypes().close();
			assertThat(metaData.getURL()).startsWith("jdbc:h2:");
		}
		List<TelemetryEvent> events = statementEvents();
		assertThat(events).allSatisfy(
				(event) -> assertThat(event.sqlOperation().statementType()).isEqualTo(StatementType.METADATA));
		assertThat(events).extracting((event) -> event.sqlOperation().operationDetail().operationType())
			.containsExactly(OperationType.LIST_TABLES, OperationType.LIST_CATALOGS, OperationType.LIST_COLUMNS,
					OperationType.LIST_SCHEMAS, OperationType.LIST_TYPE_INFO, OperationType.LIST_PRIMARY_KEYS,
					OperationType.LIST_TABLE_TYPES);
	}

	@Test
	void onlyOneSessionEventPerPhysicalConnection() throws SQLException {
		for (int i = 0; i < 50; i++) {
			try (Connection connection = this.fixture.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				statement.executeQuery("SELECT 1").close();
			}
		}
		this.fixture.flush();
		assertThat(this.exporter.statementEvents()).hasSize(50);
		assertThat(this.exporter.sessionEvents()).hasSizeBetween(1, this.fixture.pool().getMaximumPoolSize());
		assertThat(this.exporter.statementEvents()).extracting(TelemetryEvent::sessionId)
			.isSubsetOf(this.exporter.sessionEvents().stream().map(TelemetryEvent::sessionId).toList());
	}

	@Test
	void eventsCarryLatencyAndConnectionFacts() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
		}
		TelemetryEvent event = statementEvents().get(0);
		assertThat(event.sqlStatementId()).isNotBlank();
		assertThat(event.sessionId()).isNotBlank();
		assertThat(event.operationLatencyMs()).isNotNull().isNotNegative();
		assertThat(event.sqlOperation().resultLatency().resultSetConsumptionLatencyMillis()).isNotNegative();
		assertThat(event.sqlOperation().operationDetail().operationType()).isEqualTo(OperationType.EXECUTE_STATEMENT);
		assertThat(event.systemConfiguration().driverName()).isEqualTo("databricks-telemetry-spring-boot");
		assertThat(event.systemConfiguration().clientAppName()).isEqualTo("test");
		assertThat(event.driverConnectionParams().hostInfo().port()).isZero();
	}

	@Test
	void unwrapReachesTheDriverAndThePool() throws SQLException {
		assertThat(this.fixture.dataSource().unwrap(HikariDataSource.class)).isSameAs(this.fixture.pool());
		assertThat(this.fixture.dataSource().isWrapperFor(HikariDataSource.class)).isTrue();
		try (Connection connection = this.fixture.dataSource().getConnection()) {
			assertThat(connection).isInstanceOf(TelemetryConnection.class);
			assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isInstanceOf(org.h2.jdbc.JdbcConnection.class);
			assertThat(connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
			try (Statement statement = connection.createStatement()) {
				assertThat(statement.unwrap(org.h2.jdbc.JdbcStatement.class)).isNotNull();
			}
		}
	}

	@Test
	void systemConfigurationAndConnectionParametersAreSharedNotRebuiltPerStatement() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			for (int i = 0; i < 3; i++) {
				statement.executeQuery("SELECT " + i).close();
			}
		}
		List<TelemetryEvent> events = statementEvents();
		assertThat(events).hasSize(3);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.systemConfiguration()).isSameAs(events.get(0).systemConfiguration());
			assertThat(event.driverConnectionParams()).isSameAs(events.get(0).driverConnectionParams());
		});
	}

	@Test
	void observationsAreMadeOnlyWhenSomethingListensAndEventsAreNeverDoubled() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT 1").close();
		}
		List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.fixture.registry().observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
			@Override
			public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(io.micrometer.observation.Observation.Context context) {
				stopped.add(context.getName());
			}
		});
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT 2").close();
			statement.executeUpdate("UPDATE item SET name = 'n'");
		}
		assertThat(stopped)
			.as("nothing listened to the first statement; those after were observed, and the pool's checkout of a "
					+ "session it had already opened was not")
			.containsExactly("databricks.statement", "databricks.statement");
		assertThat(statementEvents()).as("one event per statement, whichever path recorded it").hasSize(3);
	}

}
