package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What kind of operation an event describes ({@code operation_detail}) and whether the driver made it on its own.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationDetail(
		@JsonProperty("n_operation_status_calls") Integer nOperationStatusCalls,
		@JsonProperty("operation_status_latency_millis") Long operationStatusLatencyMillis,
		@JsonProperty("operation_type") OperationType operationType,
		@JsonProperty("is_internal_call") Boolean isInternalCall) {
}
