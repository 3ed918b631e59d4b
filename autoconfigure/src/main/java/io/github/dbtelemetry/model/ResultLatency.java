package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultLatency(
		@JsonProperty("result_set_ready_latency_millis") Long resultSetReadyLatencyMillis,
		@JsonProperty("result_set_consumption_latency_millis") Long resultSetConsumptionLatencyMillis) {
}
