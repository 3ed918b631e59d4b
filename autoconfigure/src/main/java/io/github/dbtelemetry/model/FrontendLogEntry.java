package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrontendLogEntry(@JsonProperty("sql_driver_log") TelemetryEvent sqlDriverLog) {
}
