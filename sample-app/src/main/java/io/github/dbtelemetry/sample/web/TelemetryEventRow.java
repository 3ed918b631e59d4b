package io.github.dbtelemetry.sample.web;

import java.time.Instant;

import io.github.dbtelemetry.sample.standin.ReceivedTelemetry;
import tools.jackson.databind.JsonNode;

/**
 * The columns of one event on the home page, read leniently from the decoded log: a field the
 * starter did not send is simply {@code null}, never an error.
 */
record TelemetryEventRow(Instant receivedAt, String path, boolean authorizationPresent, String statementType,
		String operationType, Long latencyMillis, String errorName, String sessionId, Long workspaceId) {

	static TelemetryEventRow from(ReceivedTelemetry received) {
		JsonNode log = received.sqlDriverLog();
		JsonNode operation = log.path("sql_operation");
		return new TelemetryEventRow(received.receivedAt(), received.path(), received.authorizationPresent(),
				text(operation.path("statement_type")), text(operation.path("operation_detail").path("operation_type")),
				number(log.path("operation_latency_ms")), text(log.path("error_info").path("error_name")),
				text(log.path("session_id")), number(received.protoLog().path("workspace_id")));
	}

	private static String text(JsonNode node) {
		return node.isValueNode() && !node.isNull() ? node.asString() : null;
	}

	private static Long number(JsonNode node) {
		return node.isNumber() ? node.asLong() : null;
	}

}
