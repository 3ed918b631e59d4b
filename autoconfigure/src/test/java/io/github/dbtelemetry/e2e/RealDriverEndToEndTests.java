package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.databricks.jdbc.api.IDatabricksConnection;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.observation.DatabricksObservationContext;
import io.github.dbtelemetry.observation.DefaultConnectionObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.StandInWarehouse;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import io.github.dbtelemetry.support.TelemetrySchemaValidator;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The real Databricks JDBC driver ({@code databricks-jdbc} 3.4.5) under the starter, behind
 * HikariCP, against a {@link StandInWarehouse} on loopback: the events carry the stand-in's
 * session and statement ids, counts are exact, and the export mode decides who reports — the
 * driver (it names itself {@code oss-jdbc}) or the starter.
 */
class RealDriverEndToEndTests {

	private static final String TOKEN = "dapi-stand-in-token";

	private StandInWarehouse warehouse;

	@BeforeEach
	void startWarehouse() {
		this.warehouse = new StandInWarehouse();
	}

	@AfterEach
	void stopWarehouse() {
		this.warehouse.close();
	}

	private ApplicationContextRunner application(String urlExtra) {
		return TelemetryContextRunner.application()
			.withBean("recordingObservationHandler", RecordingHandler.class, RecordingHandler::new)
			.withPropertyValues("spring.datasource.url=" + this.warehouse.jdbcUrl(urlExtra),
					"spring.datasource.driver-class-name=com.databricks.client.jdbc.Driver",
					"spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.minimum-idle=0",
					"databricks.telemetry.allow-insecure-endpoint=true", "databricks.telemetry.batch-size=50",
					"databricks.telemetry.flush-interval=200ms", "databricks.telemetry.retry-delay=10ms",
					"databricks.telemetry.max-retries=1");
	}

	/** What the workload saw, to compare with what was exported. */
	record Workload(String failureState) {
	}

	/**
	 * Three connections held at once from the pool: on the first SELECT 1, a multi-row query, an
	 * update, a failing statement and two metadata calls; on the others one SELECT 1 each. That is
	 * 3 sessions, 6 statements and 2 metadata operations.
	 */
	private Workload runWorkload(AssertableApplicationContext context) throws SQLException {
		DataSource dataSource = context.getBean(DataSource.class);
		String failureState;
		try (Connection first = dataSource.getConnection()) {
			// Events built before the workspace's first answer cannot know its id yet.
			awaitWorkspaceAnswer(context);
			try (Connection second = dataSource.getConnection(); Connection third = dataSource.getConnection()) {
				readAll(first, StandInWarehouse.SELECT_ONE);
				assertThat(readAll(first, StandInWarehouse.SELECT_ROWS)).isEqualTo(3);
				try (Statement statement = first.createStatement()) {
					assertThat(statement.executeUpdate(StandInWarehouse.UPDATE)).isEqualTo(StandInWarehouse.UPDATED_ROWS);
				}
				try (Statement statement = first.createStatement()) {
					statement.executeQuery(StandInWarehouse.FAILING);
					throw new AssertionError("the stand-in fails this statement");
				}
				catch (SQLException ex) {
					failureState = ex.getSQLState();
				}
				try (ResultSet catalogs = first.getMetaData().getCatalogs()) {
					drain(catalogs);
				}
				try (ResultSet tables = first.getMetaData().getTables(null, null, "%", null)) {
					drain(tables);
				}
				readAll(second, StandInWarehouse.SELECT_ONE);
				readAll(third, StandInWarehouse.SELECT_ONE);
			}
		}
		return new Workload(failureState);
	}

	private static void awaitWorkspaceAnswer(AssertableApplicationContext context) {
		DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> telemetry.hosts()
				.stream()
				.allMatch((host) -> host.featureFlag() != FeatureFlagState.UNKNOWN));
	}

	private static int readAll(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
			return drain(resultSet);
		}
	}

	private static int drain(ResultSet resultSet) throws SQLException {
		int rows = 0;
		while (resultSet.next()) {
			rows++;
		}
		return rows;
	}

	private static JsonNode log(JsonNode event) {
		return event.at("/entry/sql_driver_log");
	}

	private static String operationType(JsonNode event) {
		return log(event).at("/sql_operation/operation_detail/operation_type").asString();
	}

	private static Map<String, Long> countByOperation(List<JsonNode> events) {
		return events.stream().collect(Collectors.groupingBy(RealDriverEndToEndTests::operationType, Collectors.counting()));
	}

	@Test
	void starterEventsCarryTheWarehousesSessionAndStatementIdsWithExactCounts() {
		List<Workload> workloads = new ArrayList<>();
		application("").run((context) -> workloads.add(runWorkload(context)));
		assertThat(workloads).hasSize(1);
		List<JsonNode> events = this.warehouse.starterEvents();
		assertThat(this.warehouse.driverEvents()).as("EnableTelemetry=0: the driver reports nothing").isEmpty();
		for (LoggedRequest request : this.warehouse.telemetryRequests()) {
			TelemetrySchemaValidator.assertValidRequest(request.getBodyAsString());
			assertThat(request.getUrl()).isEqualTo("/telemetry-ext");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
		}
		// the pool's three sessions end as the context closes it
		assertThat(countByOperation(events)).containsExactlyInAnyOrderEntriesOf(Map.of("CREATE_SESSION", 3L,
				"EXECUTE_STATEMENT", 6L, "LIST_CATALOGS", 1L, "LIST_TABLES", 1L, "DELETE_SESSION", 3L));
		assertThat(events).filteredOn((event) -> operationType(event).equals("DELETE_SESSION"))
			.allSatisfy((event) -> {
				assertThat(log(event).get("operation_latency_ms")).as("the pool closed them all at once").isNull();
				assertThat(log(event).at("/sql_operation/statement_type").isMissingNode()).isTrue();
			})
			.extracting((event) -> log(event).get("session_id").asString())
			.containsExactlyInAnyOrderElementsOf(events.stream()
				.filter((event) -> operationType(event).equals("CREATE_SESSION"))
				.map((event) -> log(event).get("session_id").asString())
				.toList());

		List<String> sessions = this.warehouse.issuedSessionIds();
		assertThat(events).allSatisfy((event) -> assertThat(sessions).contains(log(event).get("session_id").asString()));
		assertThat(events.stream().map((event) -> log(event).get("session_id").asString()).distinct()).hasSize(3);

		// Queries carry the server's statement id. The driver's public API does not tell it for an
		// update or a failed statement without a server call, and names metadata results itself
		// (getcatalogs-metadata): those get generated ids, each unique.
		List<String> statementIds = this.warehouse.issuedStatementIds();
		List<JsonNode> executions = events.stream()
			.filter((event) -> !operationType(event).endsWith("_SESSION"))
			.toList();
		List<JsonNode> queries = executions.stream()
			.filter((event) -> log(event).at("/sql_operation/statement_type").asString().equals("QUERY"))
			.filter((event) -> log(event).get("error_info") == null)
			.toList();
		assertThat(queries).hasSize(4)
			.allSatisfy((event) -> assertThat(statementIds).contains(log(event).get("sql_statement_id").asString()));
		assertThat(executions).filteredOn((event) -> !queries.contains(event)).hasSize(4).allSatisfy((event) -> {
			assertThat(log(event).get("sql_statement_id").asString()).doesNotEndWith("-metadata");
			assertThat(statementIds).doesNotContain(log(event).get("sql_statement_id").asString());
		});
		assertThat(executions.stream().map((event) -> log(event).get("sql_statement_id").asString()).distinct()).hasSize(8);

		assertThat(events).allSatisfy((event) -> {
			assertThat(log(event).at("/driver_connection_params/mode").asString()).isEqualTo("SEA");
			assertThat(log(event).at("/driver_connection_params/http_path").asString())
				.isEqualTo(StandInWarehouse.HTTP_PATH);
			assertThat(log(event).at("/driver_connection_params/auth_mech").asString()).isEqualTo("PAT");
			assertThat(log(event).get("auth_type").asString()).isEqualTo("pat");
			assertThat(operationType(event).equals("DELETE_SESSION") || log(event).get("operation_latency_ms").isNumber())
				.isTrue();
			assertThat(event.at("/context/client_context/user_agent").asString()).contains("DatabricksJDBC/3.4.5");
		});
		List<JsonNode> afterAnswer = events.stream().filter((event) -> !operationType(event).equals("CREATE_SESSION")).toList();
		assertThat(afterAnswer).allSatisfy((event) -> assertThat(event.get("workspace_id").asLong())
			.isEqualTo(Long.parseLong(StandInWarehouse.WORKSPACE_ID_HEADER_VALUE)));
		assertThat(events).filteredOn((event) -> log(event).at("/sql_operation/statement_type").asString().equals("METADATA"))
			.hasSize(2);
		List<JsonNode> errors = events.stream().filter((event) -> log(event).get("error_info") != null).toList();
		assertThat(workloads.get(0).failureState()).isEqualTo("42P01");
		assertThat(errors).singleElement()
			.satisfies((event) -> assertThat(log(event).at("/error_info/error_name").asString()).isEqualTo("42P01"));
		for (LoggedRequest request : this.warehouse.telemetryRequests()) {
			assertThat(request.getBodyAsString()).doesNotContain("stand_in_missing_table").doesNotContain(TOKEN);
		}
	}

	@Test
	void wrappedObjectsStillUnwrapToTheDriversInterfaces() {
		application("").run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.getClass().getName()).contains("Telemetry");
				assertThat(connection.isWrapperFor(IDatabricksConnection.class)).isTrue();
				IDatabricksConnection databricks = connection.unwrap(IDatabricksConnection.class);
				String connectionId = databricks.getConnectionId();
				assertThat(connectionId.substring(connectionId.lastIndexOf('|') + 1))
					.isIn(this.warehouse.issuedSessionIds());
				try (Statement statement = connection.createStatement();
						ResultSet resultSet = statement.executeQuery(StandInWarehouse.SELECT_ONE)) {
					assertThat(statement.unwrap(com.databricks.jdbc.api.IDatabricksStatement.class)).isNotNull();
					assertThat(resultSet.unwrap(com.databricks.jdbc.api.IDatabricksResultSet.class).getStatementId())
						.isIn(this.warehouse.issuedStatementIds());
				}
			}
		});
	}

	@Test
	void theDriverTurnsAFailedStatementIntoASqlExceptionWithTheServersSqlState() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.warehouse.jdbcUrl(""));
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.executeQuery(StandInWarehouse.FAILING))
				.satisfies((ex) -> {
					assertThat(ex.getClass().getSimpleName()).isEqualTo("DatabricksSQLException");
					assertThat(ex.getSQLState()).isEqualTo("42P01");
					// the message echoes the SQL text: why only the SQLSTATE is ever exported
					assertThat(ex.getMessage()).contains("stand_in_missing_table");
				});
		}
	}

	@Test
	void autoModeLeavesTelemetryToTheDriverWhenItsOwnIsOn() {
		application(";ForceEnableTelemetry=1").run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				readAll(connection, StandInWarehouse.SELECT_ONE);
			}
			assertThat(context.getBean(RecordingHandler.class).statements()).hasSize(1);
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.warehouse.driverEvents().isEmpty());
		assertThat(this.warehouse.starterEvents()).isEmpty();
		assertThat(this.warehouse.flagRequests())
			.as("no client, hence no flag call from the starter").isEmpty();
	}

	@Test
	void alwaysModeExportsBesideTheDriver() {
		application(";ForceEnableTelemetry=1").withPropertyValues("databricks.telemetry.export-mode=always")
			.run((context) -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					readAll(connection, StandInWarehouse.SELECT_ONE);
				}
			});
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.warehouse.driverEvents().isEmpty());
		assertThat(countByOperation(this.warehouse.starterEvents()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("CREATE_SESSION", 1L, "EXECUTE_STATEMENT", 1L, "DELETE_SESSION", 1L));
		assertThat(this.warehouse.driverEvents()).allSatisfy((event) -> assertThat(
				log(event).at("/system_configuration/driver_name").asString()).isEqualTo("oss-jdbc"));
	}

	@Test
	void connectionObservationHasTheDriversVersionAndFeatureTags() {
		application(";EnableArrow=0").run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				readAll(connection, StandInWarehouse.SELECT_ONE);
			}
			ConnectionObservationContext opened = context.getBean(RecordingHandler.class).connections().get(0);
			KeyValues keys = new DefaultConnectionObservationConvention().getHighCardinalityKeyValues(opened);
			assertThat(keys.stream().map(KeyValue::getKey)).contains("driver.name", "driver.version");
			assertThat(opened.getDriverVersion()).startsWith("3.4.5");
			assertThat(keys).contains(KeyValue.of("feature.cloudfetch", "true"), KeyValue.of("feature.arrow", "false"));
			assertThat(opened.getHighCardinalityKeyValues().stream().map(KeyValue::getKey))
				.as("what the registry's handlers saw").contains("driver.version", "feature.arrow");
		});
	}

	@Test
	void neverModeKeepsObservationsLocal() {
		application("").withPropertyValues("databricks.telemetry.export-mode=never").run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				readAll(connection, StandInWarehouse.SELECT_ONE);
			}
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			assertThat(handler.statements()).singleElement()
				.satisfies((statement) -> assertThat(statement.getStatementId()).isIn(this.warehouse.issuedStatementIds()));
			assertThat(handler.connections()).singleElement()
				.satisfies((connection) -> assertThat(connection.getSessionId()).isIn(this.warehouse.issuedSessionIds()));
			assertThat(context.getBean(DatabricksTelemetry.class).hosts()).isEmpty();
		});
		assertThat(this.warehouse.telemetryRequests()).isEmpty();
	}

	@Test
	void autoModeExportsWhenTheDriversOwnTelemetryIsOffThroughPoolProperties() {
		// EnableTelemetry=0 is only in the pool's data-source properties here, not in the URL.
		String url = this.warehouse.jdbcUrl("").replace(";EnableTelemetry=0", "");
		application("").withPropertyValues("spring.datasource.url=" + url,
				"spring.datasource.hikari.data-source-properties.EnableTelemetry=0")
			.run((context) -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					readAll(connection, StandInWarehouse.SELECT_ONE);
				}
			});
		assertThat(countByOperation(this.warehouse.starterEvents()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("CREATE_SESSION", 1L, "EXECUTE_STATEMENT", 1L, "DELETE_SESSION", 1L));
	}

	@Test
	void workspaceThatSaysNoReceivesNothing() {
		this.warehouse.answerFlag(false);
		application("").run(this::runWorkload);
		assertThat(this.warehouse.flagRequests()).hasSize(1);
		assertThat(this.warehouse.telemetryRequests()).isEmpty();
	}

	@Test
	void threeConnectionsShareOneHost() {
		application("").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection();
					Connection c = dataSource.getConnection()) {
				assertThat(context.getBean(DatabricksTelemetry.class).hosts()).extracting(HostSnapshot::host)
					.containsExactly("127.0.0.1");
			}
		});
		assertThat(countByOperation(this.warehouse.starterEvents()))
			.as("the pool closed the three sessions as the context closed")
			.containsExactlyInAnyOrderEntriesOf(Map.of("CREATE_SESSION", 3L, "DELETE_SESSION", 3L));
	}

	@Test
	void openBreakerStopsExportsToAFailingWorkspace() {
		this.warehouse.answerTelemetry(500);
		application("").withPropertyValues("databricks.telemetry.max-retries=0", "databricks.telemetry.batch-size=1",
				"databricks.telemetry.circuit-breaker.failure-threshold=2")
			.run(this::runWorkload);
		assertThat(this.warehouse.telemetryRequests()).as("two failed exports open the breaker").hasSize(2);
	}

	@Test
	void shutdownFlushesWhatIsPending() {
		int[] beforeShutdown = new int[2];
		application("").withPropertyValues("databricks.telemetry.flush-interval=1h", "databricks.telemetry.batch-size=1000")
			.run((context) -> {
				runWorkload(context);
				// only what was held for the workspace's flag answer may have gone out already
				beforeShutdown[0] = this.warehouse.telemetryRequests().size();
				beforeShutdown[1] = this.warehouse.starterEvents().size();
			});
		assertThat(beforeShutdown[1]).as("the workload's events were still pending").isLessThan(11);
		assertThat(this.warehouse.telemetryRequests()).as("one final flush").hasSize(beforeShutdown[0] + 1);
		assertThat(this.warehouse.starterEvents()).as("with the ends of the three sessions the pool closed").hasSize(14);
	}

	@Test
	void anApplicationCredentialsBeanComesBeforeTheUrlsToken() {
		application("")
			.withBean(DatabricksCredentialsProvider.class,
					() -> (host) -> host.equals("127.0.0.1") ? Optional.of("application-token") : Optional.empty())
			.run((context) -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					readAll(connection, StandInWarehouse.SELECT_ONE);
				}
			});
		assertThat(this.warehouse.flagRequests())
			.singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer application-token"));
		assertThat(this.warehouse.telemetryRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer application-token"));
	}

	private ApplicationContextRunner unpooledApplication(String url) {
		return TelemetryContextRunner.application()
			.withPropertyValues("spring.datasource.url=" + url,
					"spring.datasource.driver-class-name=com.databricks.client.jdbc.Driver",
					"spring.datasource.type=org.springframework.jdbc.datasource.SimpleDriverDataSource",
					"databricks.telemetry.allow-insecure-endpoint=true", "databricks.telemetry.flush-interval=1h");
	}

	@Test
	void closingTheDriversOwnConnectionReportsItsSessionsEndWithTheTimeTheCloseTook() {
		application("").run((context) -> {
			// the workspace's answer first, so that the events are sent as soon as they are asked for
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				awaitWorkspaceAnswer(context);
			}
		});
		this.warehouse.server().resetRequests();
		unpooledApplication(this.warehouse.jdbcUrl("")).run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				readAll(connection, StandInWarehouse.SELECT_ONE);
				// This engine's own flag answer, so that the flush below sends what is pending
				awaitWorkspaceAnswer(context);
			}
			context.getBean(DatabricksTelemetry.class).flush().join();
			List<JsonNode> events = this.warehouse.starterEvents();
			assertThat(countByOperation(events)).containsExactlyInAnyOrderEntriesOf(
					Map.of("CREATE_SESSION", 1L, "EXECUTE_STATEMENT", 1L, "DELETE_SESSION", 1L));
			JsonNode ended = events.stream().filter((event) -> operationType(event).equals("DELETE_SESSION")).findFirst()
				.orElseThrow();
			assertThat(log(ended).get("session_id").asString()).isEqualTo(this.warehouse.issuedSessionIds().get(0));
			assertThat(log(ended).get("operation_latency_ms").isNumber()).as("the driver's close, timed").isTrue();
			assertThat(this.warehouse.server()
				.findAll(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
						com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/2.0/sql/sessions/.*"))))
				.as("the driver deleted the session as it closed").hasSize(1);
			TelemetrySchemaValidator.assertValidFrontendLog(ended.toString());
		});
	}

	@Test
	void aSessionTheWarehouseRefusesIsExportedAsAFailedCreateSessionAtOnce() {
		this.warehouse.server()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock
				.post(com.github.tomakehurst.wiremock.client.WireMock
					.urlPathEqualTo("/api/2.0/sql/warehouses/" + StandInWarehouse.WAREHOUSE_ID + "/sessions"))
				.atPriority(1)
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
					.withStatus(401)
					.withBody("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"stand-in refuses\"}")));
		unpooledApplication(this.warehouse.jdbcUrl("")).withPropertyValues("databricks.telemetry.force-enable=true")
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection)
					.satisfies((ex) -> assertThat(ex.getClass().getSimpleName()).isEqualTo("DatabricksSQLException"));
				// an authentication failure is terminal: the host sends at once, not in an hour
				await().atMost(Duration.ofSeconds(10)).until(() -> !this.warehouse.starterEvents().isEmpty());
			});
		assertThat(this.warehouse.starterEvents()).singleElement().satisfies((event) -> {
			assertThat(operationType(event)).isEqualTo("CREATE_SESSION");
			assertThat(log(event).at("/error_info/error_name").asString())
				.as("the driver's SQLSTATE is not one (CONNECTION_ERROR): its class names it")
				.isEqualTo("DatabricksSQLException");
			assertThat(log(event).at("/error_info/stack_trace").isMissingNode()).isTrue();
			assertThat(log(event).get("session_id")).isNull();
			assertThat(log(event).get("operation_latency_ms").isNumber()).isTrue();
		});
		for (LoggedRequest request : this.warehouse.telemetryRequests()) {
			assertThat(request.getBodyAsString()).doesNotContain("stand-in refuses");
		}
	}

	/** Every finished Databricks observation, as an application's handler would see it. */
	static final class RecordingHandler implements ObservationHandler<DatabricksObservationContext> {

		private final List<DatabricksObservationContext> stopped = new CopyOnWriteArrayList<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof DatabricksObservationContext;
		}

		@Override
		public void onStop(DatabricksObservationContext context) {
			this.stopped.add(context);
		}

		List<StatementObservationContext> statements() {
			return this.stopped.stream().filter(StatementObservationContext.class::isInstance)
				.map(StatementObservationContext.class::cast).toList();
		}

		List<ConnectionObservationContext> connections() {
			return this.stopped.stream().filter(ConnectionObservationContext.class::isInstance)
				.map(ConnectionObservationContext.class::cast).toList();
		}

	}

}
