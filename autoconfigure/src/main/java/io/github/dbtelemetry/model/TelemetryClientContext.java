package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code client_context} of a log: when it was made and by which client ({@code user_agent}).
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryClientContext(
		@JsonProperty("timestamp_millis") long timestampMillis,
		@JsonProperty("user_agent") String userAgent) {
}
