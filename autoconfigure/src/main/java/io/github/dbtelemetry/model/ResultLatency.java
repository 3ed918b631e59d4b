package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long a result took: to its first chunk and to its end ({@code result_latency}).
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultLatency(
		@JsonProperty("result_set_ready_latency_millis") Long resultSetReadyLatencyMillis,
		@JsonProperty("result_set_consumption_latency_millis") Long resultSetConsumptionLatencyMillis) {
}
