package io.github.dbtelemetry.support;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * WireMock standing in for a Databricks workspace: the telemetry endpoints and the feature-flag
 * endpoint, and readers for what it received.
 */
public final class WireMockWorkspace {

	public static final String TELEMETRY_PATHS = "/telemetry-(ext|unauth)";

	public static final String FLAG_PATHS = "/api/2.0/connector-service/feature-flags/.*";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WireMockWorkspace() {
	}

	public static void acceptTelemetry(WireMockServer server) {
		answerTelemetry(server, aResponse().withStatus(200).withBody("{\"errors\":[]}"));
	}

	public static void answerTelemetry(WireMockServer server, ResponseDefinitionBuilder response) {
		server.stubFor(post(urlPathMatching(TELEMETRY_PATHS)).willReturn(response));
	}

	/** The JDBC telemetry flag with {@code value}, cached for {@code ttlSeconds}. */
	public static void answerFlag(WireMockServer server, String value, int ttlSeconds) {
		server.stubFor(get(urlPathMatching(FLAG_PATHS)).willReturn(aResponse().withStatus(200)
			.withBody("{\"flags\":[{\"name\":\"databricks.partnerplatform.clientConfigsFeatureFlags."
					+ "enableTelemetryForJdbc\",\"value\":\"" + value + "\"}],\"ttl_seconds\":" + ttlSeconds + "}")));
	}

	public static List<LoggedRequest> telemetryRequests(WireMockServer server) {
		return server.findAll(anyRequestedFor(urlPathMatching("/telemetry-.*")));
	}

	public static List<LoggedRequest> flagRequests(WireMockServer server) {
		return server.findAll(anyRequestedFor(urlPathMatching(FLAG_PATHS)));
	}

	public static int requestCount(WireMockServer server) {
		return server.findAll(anyRequestedFor(anyUrl())).size();
	}

	/** Every frontend log the workspace received, decoded from the requests' protoLogs. */
	public static List<JsonNode> receivedEvents(WireMockServer server) {
		List<JsonNode> events = new ArrayList<>();
		for (LoggedRequest request : telemetryRequests(server)) {
			for (JsonNode protoLog : JSON.readTree(request.getBodyAsString()).get("protoLogs")) {
				events.add(JSON.readTree(protoLog.asString()));
			}
		}
		return events;
	}

	public static String operationType(JsonNode event) {
		return event.at("/entry/sql_driver_log/sql_operation/operation_detail/operation_type").asString();
	}

	public static List<JsonNode> statementEvents(WireMockServer server) {
		return receivedEvents(server).stream().filter((event) -> !"CREATE_SESSION".equals(operationType(event))).toList();
	}

	public static String statementId(JsonNode event) {
		return event.at("/entry/sql_driver_log/sql_statement_id").asString();
	}

}
