package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code entry} of a log: the driver's event under {@code sql_driver_log}.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrontendLogEntry(@JsonProperty("sql_driver_log") TelemetryEvent sqlDriverLog) {
}
