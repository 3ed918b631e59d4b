package io.github.dbtelemetry.support;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * {@link StandInWorkspace}'s answers and readers for a bare {@link WireMockServer}, kept only
 * for the tests under {@code internal/host} that still start their own server. Each method
 * passes the call on; new tests use {@link StandInWorkspace}, and this class goes once no test
 * calls it.
 */
public final class WireMockWorkspace {

	private WireMockWorkspace() {
	}

	public static void acceptTelemetry(WireMockServer server) {
		StandInWorkspace.over(server).acceptTelemetry();
	}

	public static void answerTelemetry(WireMockServer server, ResponseDefinitionBuilder response) {
		StandInWorkspace.over(server).answerTelemetry(response);
	}

	/** The JDBC telemetry flag with {@code value}, cached for {@code ttlSeconds}. */
	public static void answerFlag(WireMockServer server, String value, int ttlSeconds) {
		StandInWorkspace.over(server)
			.answerFlag(aResponse().withStatus(200).withBody(StandInWorkspace.flagBody(value, ttlSeconds)));
	}

	public static List<LoggedRequest> telemetryRequests(WireMockServer server) {
		return StandInWorkspace.over(server).telemetryRequests();
	}

	public static List<LoggedRequest> flagRequests(WireMockServer server) {
		return StandInWorkspace.over(server).flagRequests();
	}

	public static int requestCount(WireMockServer server) {
		return StandInWorkspace.over(server).requests().size();
	}

	public static List<JsonNode> receivedEvents(WireMockServer server) {
		return StandInWorkspace.over(server).events();
	}

	public static String operationType(JsonNode event) {
		return StandInWorkspace.operationType(event);
	}

	public static List<JsonNode> statementEvents(WireMockServer server) {
		return StandInWorkspace.over(server).statementEvents();
	}

	public static String statementId(JsonNode event) {
		return StandInWorkspace.statementId(event);
	}

}
