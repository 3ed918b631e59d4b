package io.github.dbtelemetry.sample.standin;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.github.dbtelemetry.model.TelemetryRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The stand-in workspace against the starter's own wire model, without a Spring context: these
 * pass whether or not the auto-configuration is functional yet.
 */
class StandInWorkspaceControllerTests {

	static final String STATEMENT_LOG = """
			{"frontend_log_event_id":"0b7e5c9a-1111-2222-3333-444455556666",
			 "context":{"client_context":{"timestamp_millis":1767773999871,"user_agent":"sample-test"}},
			 "entry":{"sql_driver_log":{"session_id":"session-1","sql_statement_id":"statement-1",
			   "sql_operation":{"statement_type":"QUERY",
			     "operation_detail":{"operation_type":"EXECUTE_STATEMENT","is_internal_call":false}},
			   "operation_latency_ms":37}}}""";

	static final String ERROR_LOG = """
			{"frontend_log_event_id":"0b7e5c9a-7777-8888-9999-000011112222",
			 "entry":{"sql_driver_log":{"session_id":"session-1",
			   "sql_operation":{"statement_type":"QUERY"},
			   "error_info":{"error_name":"42S02"},"operation_latency_ms":3}}}""";

	static final long WORKSPACE_ID = 2548836972641113L;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private ReceivedTelemetryStore store;

	private final WorkspaceBehaviour behaviour = new WorkspaceBehaviour(Duration.ofMillis(1));

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.store = new ReceivedTelemetryStore(10);
		this.mvc = MockMvcBuilders
			.standaloneSetup(new StandInWorkspaceController(new TelemetryUploadDecoder(this.jsonMapper), this.store,
					this.behaviour, WORKSPACE_ID))
			.build();
	}

	@Test
	void authenticatedExportIsAcknowledgedAndStoredDecoded() throws Exception {
		this.mvc
			.perform(post("/telemetry-ext").contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.AUTHORIZATION, "Bearer dapi-secret-test-token")
				.content(requestBody(compact(STATEMENT_LOG), compact(ERROR_LOG))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.errors").isEmpty())
			.andExpect(jsonPath("$.numSuccess").value(2))
			.andExpect(jsonPath("$.numProtoSuccess").value(2));

		List<ReceivedTelemetry> received = this.store.recent(10);
		assertThat(received).hasSize(2).allSatisfy((entry) -> {
			assertThat(entry.path()).isEqualTo("/telemetry-ext");
			assertThat(entry.authorizationPresent()).isTrue();
		});
		assertThat(received).extracting((entry) -> entry.sqlDriverLog().path("operation_latency_ms").asLong())
			.containsExactly(3L, 37L);
	}

	@Test
	void unauthenticatedExportRecordsThatNoTokenWasSent() throws Exception {
		this.mvc
			.perform(post("/telemetry-unauth").contentType(MediaType.APPLICATION_JSON)
				.content(requestBody(compact(STATEMENT_LOG))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.numProtoSuccess").value(1));

		assertThat(this.store.recent(10)).singleElement().satisfies((entry) -> {
			assertThat(entry.path()).isEqualTo("/telemetry-unauth");
			assertThat(entry.authorizationPresent()).isFalse();
		});
	}

	@Test
	void receivedTelemetryIsListedDecodedWithoutTheToken() throws Exception {
		this.mvc.perform(post("/telemetry-ext").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer dapi-secret-test-token")
			.content(requestBody(compact(STATEMENT_LOG))));

		String listing = this.mvc.perform(get("/workspace/telemetry"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[0].path").value("/telemetry-ext"))
			.andExpect(jsonPath("$[0].authorizationPresent").value(true))
			.andExpect(jsonPath("$[0].protoLog.entry.sql_driver_log.sql_operation.statement_type").value("QUERY"))
			.andExpect(jsonPath("$[0].protoLog.entry.sql_driver_log.session_id").value("session-1"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(listing).doesNotContain("dapi-secret-test-token");
	}

	@Test
	void elementThatIsNotAJsonObjectIsAPartialFailure() throws Exception {
		this.mvc
			.perform(post("/telemetry-ext").contentType(MediaType.APPLICATION_JSON)
				.content(requestBody(compact(STATEMENT_LOG), "not json at all")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.errors[0]").value("protoLogs[1] is not a JSON string holding a JSON object"))
			.andExpect(jsonPath("$.numProtoSuccess").value(1));

		assertThat(this.store.recent(10)).hasSize(1);
	}

	@Test
	void bodyWithoutProtoLogsIsRejected() throws Exception {
		this.mvc.perform(post("/telemetry-ext").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0]").value("request body has no protoLogs array"))
			.andExpect(jsonPath("$.numProtoSuccess").value(0));

		assertThat(this.store.recent(10)).isEmpty();
	}

	@Test
	void featureFlagEnablesJdbcTelemetryAndNamesTheWorkspaceAsARealOneDoes() throws Exception {
		this.mvc.perform(get("/api/2.0/connector-service/feature-flags/OSS_JDBC/3.4.5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.flags[0].name")
				.value("databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc"))
			.andExpect(jsonPath("$.flags[0].value").value("true"))
			.andExpect(jsonPath("$.ttl_seconds").value(5))
			.andExpect(header().string("x-databricks-org-id", Long.toString(WORKSPACE_ID)));
	}

	@Test
	void consoleCanTurnTheFeatureFlagOff() throws Exception {
		this.behaviour.switchTo(WorkspaceBehaviour.Mode.FLAG_OFF);
		this.mvc.perform(get("/api/2.0/connector-service/feature-flags/OSS_JDBC/3.4.5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.flags[0].value").value("false"));
	}

	@Test
	void failingWorkspaceAnswers503AndStoresNothing() throws Exception {
		this.behaviour.switchTo(WorkspaceBehaviour.Mode.FAIL_503);
		this.mvc
			.perform(post("/telemetry-ext").contentType(MediaType.APPLICATION_JSON)
				.content(requestBody(compact(STATEMENT_LOG))))
			.andExpect(status().isServiceUnavailable());
		assertThat(this.store.recent(10)).isEmpty();

		this.behaviour.switchTo(WorkspaceBehaviour.Mode.SLOW);
		this.mvc
			.perform(post("/telemetry-ext").contentType(MediaType.APPLICATION_JSON)
				.content(requestBody(compact(STATEMENT_LOG))))
			.andExpect(status().isOk());
		assertThat(this.store.recent(10)).hasSize(1);
	}

	// Built from the starter's own request model, so a change of its wire shape shows up here.
	private String requestBody(String... protoLogs) {
		return this.jsonMapper.writeValueAsString(new TelemetryRequest(System.currentTimeMillis(), List.of(protoLogs)));
	}

	private String compact(String json) {
		JsonNode node = this.jsonMapper.readTree(json);
		return this.jsonMapper.writeValueAsString(node);
	}

}
