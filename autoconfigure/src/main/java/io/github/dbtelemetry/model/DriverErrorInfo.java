package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An error as exported: a name (SQLSTATE or exception class) and, optionally, a trace made only
 * of class names and frames. Never an exception message: messages can carry SQL and host names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriverErrorInfo(
		@JsonProperty("error_name") String errorName,
		@JsonProperty("stack_trace") String stackTrace) {
}
