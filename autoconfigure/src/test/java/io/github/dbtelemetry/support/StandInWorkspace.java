package io.github.dbtelemetry.support;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * A Databricks workspace stood in by WireMock on loopback: what the starter calls (the JDBC
 * telemetry feature flag, {@code /telemetry-ext} and {@code /telemetry-unauth}, the OAuth token
 * endpoint) and readers for what it received, decoded. From the start it enables telemetry and
 * accepts every export; a test changes an answer with the {@code answer...} methods, and the
 * newest answer wins.
 * <p>
 * One class for every test that needs a workspace, so that the flag's name, the body of a
 * successful export and the decoding of {@code protoLogs} are written once: a change of the
 * protocol is then a change here, not in each test.
 */
public class StandInWorkspace implements AutoCloseable {

	/** Both export endpoints, with and without credentials. */
	public static final String TELEMETRY_PATHS = "/telemetry-(ext|unauth)";

	public static final String FLAG_PATHS = "/api/2.0/connector-service/feature-flags/.*";

	public static final String TOKEN_PATH = "/oidc/v1/token";

	public static final String FLAG_NAME = "databricks.partnerplatform.clientConfigsFeatureFlags."
			+ "enableTelemetryForJdbc";

	/** What a workspace answers to an export it took completely. */
	public static final String ACCEPTED = "{\"errors\":[]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WireMockServer server;

	private final String orgId;

	/** A workspace on a free loopback port that enables telemetry and accepts every export. */
	public StandInWorkspace() {
		this(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort(), null);
	}

	/**
	 * A workspace served with {@code options}; its flag answers carry {@code orgId} in the
	 * {@code x-databricks-org-id} header, as real workspaces do, unless it is {@code null}.
	 */
	protected StandInWorkspace(WireMockConfiguration options, String orgId) {
		this(new WireMockServer(options), orgId);
		this.server.start();
		answerFlag(true);
		acceptTelemetry();
	}

	private StandInWorkspace(WireMockServer server, String orgId) {
		this.server = server;
		this.orgId = orgId;
	}

	/**
	 * The answers and readers of this class over a server that someone else started, stubbed
	 * and stops: for tests that still hold a bare {@link WireMockServer}.
	 */
	static StandInWorkspace over(WireMockServer server) {
		return new StandInWorkspace(server, null);
	}

	/** For what this class does not cover: scenarios of other endpoints, request matching. */
	public WireMockServer server() {
		return this.server;
	}

	public int port() {
		return this.server.port();
	}

	public String baseUrl() {
		return this.server.baseUrl();
	}

	/** The JDBC telemetry flag with {@code enabled}, cached for five minutes. */
	public final void answerFlag(boolean enabled) {
		answerFlag(aResponse().withStatus(200).withBody(flagBody(enabled)));
	}

	/** Any answer to the flag call: held, failing, or with a body of the test's own. */
	public final void answerFlag(ResponseDefinitionBuilder answer) {
		if (this.orgId != null) {
			answer.withHeader("x-databricks-org-id", this.orgId);
		}
		this.server.stubFor(get(urlPathMatching(FLAG_PATHS)).willReturn(answer));
	}

	/** The body of a flag answer with {@code enabled}, cached for five minutes. */
	public static String flagBody(boolean enabled) {
		return flagBody(String.valueOf(enabled), 300);
	}

	/** The body of a flag answer with {@code value}, cached for {@code ttlSeconds}. */
	static String flagBody(String value, int ttlSeconds) {
		return "{\"flags\":[{\"name\":\"" + FLAG_NAME + "\",\"value\":\"" + value + "\"}],\"ttl_seconds\":"
				+ ttlSeconds + "}";
	}

	/** Every export is taken completely. */
	public final void acceptTelemetry() {
		answerTelemetry(accepted());
	}

	/** The answer to an export taken completely, for a test to delay. */
	public static ResponseDefinitionBuilder accepted() {
		return aResponse().withStatus(200).withBody(ACCEPTED);
	}

	/** Every export is answered with {@code status} and no body. */
	public void answerTelemetry(int status) {
		answerTelemetry(aResponse().withStatus(status));
	}

	public final void answerTelemetry(ResponseDefinitionBuilder answer) {
		this.server.stubFor(post(urlPathMatching(TELEMETRY_PATHS)).willReturn(answer));
	}

	/** The first export is answered with {@code first}, every later one with {@code then}. */
	public void answerTelemetryInSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
		this.server.stubFor(post(urlPathMatching(TELEMETRY_PATHS)).inScenario("export")
			.whenScenarioStateIs(STARTED)
			.willReturn(first)
			.willSetStateTo("answered once"));
		this.server.stubFor(post(urlPathMatching(TELEMETRY_PATHS)).inScenario("export")
			.whenScenarioStateIs("answered once")
			.willReturn(then));
	}

	/** Every client-credentials request at {@link #TOKEN_PATH} gets {@code token}, valid for an hour. */
	public void answerToken(String token) {
		answerToken(token, 3600);
	}

	public void answerToken(String token, long expiresInSeconds) {
		answerToken(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
					+ expiresInSeconds + ",\"scope\":\"all-apis\"}"));
	}

	public void answerToken(ResponseDefinitionBuilder answer) {
		this.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(answer));
	}

	/** Every request received, of any path. */
	public List<LoggedRequest> requests() {
		return this.server.findAll(anyRequestedFor(anyUrl()));
	}

	/** Every request received whose path matches {@code pathRegex}. */
	public List<LoggedRequest> requestsTo(String pathRegex) {
		return this.server.findAll(anyRequestedFor(urlPathMatching(pathRegex)));
	}

	/**
	 * The requests to any path starting {@code /telemetry-}, not just the two it answers, so that
	 * an export sent to a wrong one is counted too.
	 */
	public List<LoggedRequest> telemetryRequests() {
		return requestsTo("/telemetry-.*");
	}

	public List<LoggedRequest> flagRequests() {
		return requestsTo(FLAG_PATHS);
	}

	/** The token requests, which are POSTs to {@link #TOKEN_PATH}. */
	public List<LoggedRequest> tokenRequests() {
		return this.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	/** Every frontend log the workspace received, decoded from the requests' protoLogs. */
	public List<JsonNode> events() {
		return events(telemetryRequests());
	}

	/** The events the workspace received other than those of sessions opened or ended. */
	public List<JsonNode> statementEvents() {
		return events().stream()
			.filter((event) -> !"CREATE_SESSION".equals(operationType(event))
					&& !"DELETE_SESSION".equals(operationType(event)))
			.toList();
	}

	/** The events of sessions that ended ({@code DELETE_SESSION}). */
	public List<JsonNode> sessionEndEvents() {
		return events().stream().filter((event) -> "DELETE_SESSION".equals(operationType(event))).toList();
	}

	/** The frontend logs of one request body, decoded from its protoLogs. */
	public static List<JsonNode> events(LoggedRequest request) {
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode protoLog : JSON.readTree(request.getBodyAsString()).get("protoLogs")) {
			events.add(JSON.readTree(protoLog.asString()));
		}
		return events;
	}

	public static List<JsonNode> events(List<LoggedRequest> requests) {
		return requests.stream().flatMap((request) -> events(request).stream()).toList();
	}

	/** The events of one request, once its body has passed the protocol's schema. */
	public static List<JsonNode> checkedEvents(LoggedRequest request) {
		TelemetrySchemaValidator.assertValidRequest(request.getBodyAsString());
		return events(request);
	}

	public static List<JsonNode> checkedEvents(List<LoggedRequest> requests) {
		return requests.stream().flatMap((request) -> checkedEvents(request).stream()).toList();
	}

	public static String operationType(JsonNode event) {
		return event.at("/entry/sql_driver_log/sql_operation/operation_detail/operation_type").asString();
	}

	public static String statementId(JsonNode event) {
		return event.at("/entry/sql_driver_log/sql_statement_id").asString();
	}

	/** The statement ids of the events other than those of opened sessions, in order. */
	public static List<String> statementIds(List<JsonNode> events) {
		return events.stream()
			.filter((event) -> !"CREATE_SESSION".equals(operationType(event))
					&& !"DELETE_SESSION".equals(operationType(event)))
			.map(StandInWorkspace::statementId)
			.toList();
	}

	public static List<String> eventIds(List<JsonNode> events) {
		return events.stream().map((event) -> event.get("frontend_log_event_id").asString()).toList();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
