package io.github.dbtelemetry.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of one export call. {@code protoLogs} holds each {@link TelemetryFrontendLog} as a
 * JSON string (JSON inside JSON); {@code items} is always present and empty because the backend
 * expects exactly that shape from the drivers, so it is not a component at all.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "uploadTime", "items", "protoLogs" })
public record TelemetryRequest(
		@JsonProperty("uploadTime") long uploadTime,
		@JsonProperty("protoLogs") List<String> protoLogs) {

	public TelemetryRequest {
		protoLogs = List.copyOf(protoLogs);
	}

	@JsonProperty("items")
	public List<String> items() {
		return List.of();
	}
}
