package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The driver log ({@code sql_driver_log}) of one operation. {@code system_configuration} and
 * {@code driver_connection_params} are shared instances: they are computed once per JVM and per
 * data source, so an event costs only its own fields.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "session_id", "sql_statement_id", "system_configuration", "driver_connection_params",
		"auth_type", "vol_operation", "sql_operation", "error_info", "operation_latency_ms" })
public record TelemetryEvent(
		@JsonProperty("session_id") String sessionId,
		@JsonProperty("sql_statement_id") String sqlStatementId,
		@JsonProperty("system_configuration") DriverSystemConfiguration systemConfiguration,
		@JsonProperty("driver_connection_params") DriverConnectionParameters driverConnectionParams,
		@JsonProperty("auth_type") String authType,
		@JsonProperty("vol_operation") DriverVolumeOperation volOperation,
		@JsonProperty("sql_operation") SqlExecutionEvent sqlOperation,
		@JsonProperty("error_info") DriverErrorInfo errorInfo,
		@JsonProperty("operation_latency_ms") Long operationLatencyMs) {
}
