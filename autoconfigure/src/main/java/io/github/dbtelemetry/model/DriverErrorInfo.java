package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An error as exported: a name (SQLSTATE or exception class). {@code stack_trace} is part of the
 * wire format, so it is modelled, but the starter never fills it: messages can carry SQL and host
 * names, and frames can carry user data too (see docs/privacy.md).
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriverErrorInfo(
		@JsonProperty("error_name") String errorName,
		@JsonProperty("stack_trace") String stackTrace) {
}
