package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.internal.jdbc.TelemetryConnection;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import io.github.dbtelemetry.support.TelemetrySchemaValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.dbtelemetry.support.StandInWorkspace.operationType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application with the starter, real JDBC (H2 through HikariCP, treated as
 * Databricks) and WireMock as the workspace.
 */
class EndToEndTelemetryTests {

	private static final String TOKEN = "dapi-e2e-secret-token-4711";

	private static final String SECRET_SQL_MARKER = "e2e_secret_column";

	private final JsonMapper json = JsonMapper.builder().build();

	private StandInWorkspace workspace;

	@BeforeEach
	void startWorkspace() {
		this.workspace = new StandInWorkspace();
	}

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	private ApplicationContextRunner application() {
		return TelemetryContextRunner.application()
			.withPropertyValues(TelemetryContextRunner.h2ExportingTo(this.workspace.baseUrl(), TOKEN))
			.withPropertyValues("spring.application.name=e2e-app", "databricks.telemetry.batch-size=10",
					"databricks.telemetry.flush-interval=200ms", "databricks.telemetry.retry-delay=10ms",
					"databricks.telemetry.max-retries=1");
	}

	private static List<String> runWorkload(JdbcTemplate jdbc) {
		List<String> failureStates = new ArrayList<>();
		jdbc.execute("CREATE TABLE orders (id INT PRIMARY KEY, " + SECRET_SQL_MARKER + " VARCHAR(40))");
		for (int i = 0; i < 5; i++) {
			jdbc.update("INSERT INTO orders VALUES (?, ?)", i, "value-" + i);
		}
		for (int i = 0; i < 49; i++) {
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id >= ?", Integer.class, 0)).isEqualTo(5);
		}
		for (int i = 0; i < 3; i++) {
			try {
				jdbc.queryForList("SELECT " + SECRET_SQL_MARKER + " FROM missing_table_" + i);
			}
			catch (DataAccessException ex) {
				failureStates.add(((java.sql.SQLException) ex.getRootCause()).getSQLState());
			}
		}
		return failureStates;
	}

	private List<JsonNode> receivedEvents() {
		List<JsonNode> events = new ArrayList<>();
		for (LoggedRequest request : this.workspace.telemetryRequests()) {
			TelemetrySchemaValidator.assertValidRequest(request.getBodyAsString());
			JsonNode body = this.json.readTree(request.getBodyAsString());
			assertThat(body.get("uploadTime").isNumber()).isTrue();
			assertThat(body.get("items").isArray()).isTrue();
			assertThat(body.get("items").size()).isZero();
			for (JsonNode protoLog : body.get("protoLogs")) {
				assertThat(protoLog.isString()).isTrue();
				events.add(this.json.readTree(protoLog.asString()));
			}
		}
		return events;
	}

	@Test
	void everyStatementBecomesExactlyOneEventInTheDriversFormat() {
		List<String> failureStates = new ArrayList<>();
		application().run((context) -> failureStates.addAll(runWorkload(context.getBean(JdbcTemplate.class))));
		// the context is closed: everything pending was flushed within the shutdown timeout
		List<JsonNode> events = receivedEvents();
		List<JsonNode> statements = events.stream().filter((e) -> !operationType(e).endsWith("_SESSION")).toList();
		List<JsonNode> sessions = events.stream().filter((e) -> operationType(e).equals("CREATE_SESSION")).toList();
		List<JsonNode> ended = events.stream().filter((e) -> operationType(e).equals("DELETE_SESSION")).toList();
		assertThat(statements).hasSize(58);
		assertThat(sessions).isNotEmpty();
		assertThat(ended).as("the pool ended every session as the context closed it").hasSameSizeAs(sessions);
		assertThat(statements.stream().map((e) -> e.at("/entry/sql_driver_log/sql_statement_id").asString())
			.collect(Collectors.toSet())).hasSize(58);
		assertThat(statements).allSatisfy((event) -> {
			JsonNode log = event.at("/entry/sql_driver_log");
			assertThat(event.get("frontend_log_event_id").asString()).isNotBlank();
			assertThat(event.at("/context/client_context/timestamp_millis").isNumber()).isTrue();
			assertThat(event.at("/context/client_context/user_agent").asString())
				.matches("DatabricksTelemetrySpringBoot/\\S+ H2-JDBC-Driver/\\S+");
			assertThat(log.at("/system_configuration/client_app_name").asString()).isEqualTo("e2e-app");
			assertThat(log.get("operation_latency_ms").isNumber()).isTrue();
			assertThat(log.at("/sql_operation/result_latency/result_set_consumption_latency_millis").isNumber())
				.isTrue();
			assertThat(log.at("/driver_connection_params/host_info/port").asInt()).isZero();
		});
		assertThat(statements).extracting((e) -> e.at("/entry/sql_driver_log/sql_operation/statement_type").asString())
			.containsOnly("SQL", "UPDATE", "QUERY");
		List<String> errorNames = statements.stream()
			.map((e) -> e.at("/entry/sql_driver_log/error_info/error_name"))
			.filter((node) -> !node.isMissingNode())
			.map(JsonNode::asString)
			.toList();
		assertThat(failureStates).hasSize(3).doesNotContainNull();
		assertThat(errorNames).containsExactlyInAnyOrderElementsOf(failureStates);
	}

	@Test
	void noSqlTextNorTokenInAnyBodyAndTheTokenOnlyInTheAuthorizationHeader() {
		application().run((context) -> runWorkload(context.getBean(JdbcTemplate.class)));
		List<LoggedRequest> requests = this.workspace.requests();
		assertThat(requests).isNotEmpty();
		for (LoggedRequest request : requests) {
			assertThat(request.getBodyAsString()).doesNotContain(SECRET_SQL_MARKER)
				.doesNotContain("missing_table")
				.doesNotContain("orders")
				.doesNotContain(TOKEN);
			Set<String> headerNames = request.getHeaders().keys();
			for (String name : headerNames) {
				String value = request.getHeader(name);
				if (name.equalsIgnoreCase("Authorization")) {
					assertThat(request.getUrl()).isNotEqualTo("/telemetry-unauth");
					assertThat(value).isEqualTo("Bearer " + TOKEN);
				}
				else {
					assertThat(value).doesNotContain(TOKEN);
				}
			}
		}
		assertThat(this.workspace.requestsTo("/telemetry-ext")).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
	}

	@Test
	void withoutAllowInsecureTheTokenNeverTravelsOverHttp() {
		application().withPropertyValues("databricks.telemetry.allow-insecure-endpoint=false")
			.run((context) -> runWorkload(context.getBean(JdbcTemplate.class)));
		assertThat(this.workspace.requestsTo("/telemetry-ext")).isEmpty();
		assertThat(this.workspace.requestsTo("/telemetry-unauth")).isNotEmpty();
		assertThat(this.workspace.requests())
			.allSatisfy((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
	}

	@Test
	void applicationKeepsWorkingWhenTheWorkspaceAnswers500() {
		this.workspace.answerTelemetry(500);
		this.workspace.answerFlag(aResponse().withStatus(500));
		application().run((context) -> assertThatCode(() -> {
			List<String> failures = runWorkload(context.getBean(JdbcTemplate.class));
			assertThat(failures).hasSize(3);
		}).doesNotThrowAnyException());
	}

	@Test
	void openBreakerStopsRequestsToAFailingWorkspace() {
		this.workspace.answerTelemetry(500);
		application()
			.withPropertyValues("databricks.telemetry.max-retries=0", "databricks.telemetry.batch-size=1",
					"databricks.telemetry.max-batch-size=1", "databricks.telemetry.circuit-breaker.failure-threshold=2")
			.run((context) -> assertThatCode(() -> runWorkload(context.getBean(JdbcTemplate.class)))
				.doesNotThrowAnyException());
		assertThat(this.workspace.telemetryRequests())
			.as("two failed exports open the breaker; no request while it is open").hasSize(2);
	}

	@Test
	void workspaceThatSaysNoReceivesNoEvents() {
		this.workspace.answerFlag(false);
		application().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			runWorkload(context.getBean(JdbcTemplate.class));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection).as("once the workspace said no, with nobody else listening: the driver's own")
						.isNotInstanceOf(TelemetryConnection.class);
				}
			});
		});
		assertThat(this.workspace.flagRequests())
			.hasSize(1);
		assertThat(this.workspace.telemetryRequests()).isEmpty();
	}

	@Test
	void forceEnableExportsWithoutAskingTheWorkspace() {
		application().withPropertyValues("databricks.telemetry.force-enable=true")
			.run((context) -> runWorkload(context.getBean(JdbcTemplate.class)));
		assertThat(this.workspace.flagRequests())
			.isEmpty();
		assertThat(receivedEvents()).hasSizeGreaterThan(58);
	}

	@Test
	void configuredWorkspaceIdIsOnEveryEvent() {
		application().withPropertyValues("databricks.telemetry.workspace-id=1234567890123456")
			.run((context) -> runWorkload(context.getBean(JdbcTemplate.class)));
		assertThat(receivedEvents()).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.get("workspace_id").asLong()).isEqualTo(1234567890123456L));
	}

	@Test
	void withoutAKnownWorkspaceIdTheFieldIsLeftOut() {
		application().run((context) -> runWorkload(context.getBean(JdbcTemplate.class)));
		assertThat(receivedEvents()).isNotEmpty().allSatisfy((event) -> assertThat(event.has("workspace_id")).isFalse());
	}

}
