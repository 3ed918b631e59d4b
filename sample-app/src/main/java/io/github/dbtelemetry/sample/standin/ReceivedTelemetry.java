package io.github.dbtelemetry.sample.standin;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One decoded {@code protoLogs} element as the stand-in workspace received it.
 *
 * @param path the export path used, {@code /telemetry-ext} or {@code /telemetry-unauth}
 * @param authorizationPresent whether the request carried an {@code Authorization} header; only
 * this boolean is kept so that the sample can never display or leak a token
 * @param receivedAt when the stand-in received the upload
 * @param protoLog the element parsed from its JSON string (a {@code TelemetryFrontendLog})
 */
public record ReceivedTelemetry(String path, boolean authorizationPresent, Instant receivedAt, JsonNode protoLog) {

	public ReceivedTelemetry {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(protoLog, "protoLog");
	}

	/** The {@code sql_driver_log} of the entry, or a missing node when the log has none. */
	public JsonNode sqlDriverLog() {
		return this.protoLog.path("entry").path("sql_driver_log");
	}

}
