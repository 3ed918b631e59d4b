package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryClientContext(
		@JsonProperty("timestamp_millis") long timestampMillis,
		@JsonProperty("user_agent") String userAgent) {
}
