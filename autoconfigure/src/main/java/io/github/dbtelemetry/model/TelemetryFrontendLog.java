package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One log entry; serialized on its own into a {@code protoLogs} string.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "frontend_log_event_id", "workspace_id", "context", "entry" })
public record TelemetryFrontendLog(
		@JsonProperty("workspace_id") Long workspaceId,
		@JsonProperty("frontend_log_event_id") String frontendLogEventId,
		@JsonProperty("context") FrontendLogContext context,
		@JsonProperty("entry") FrontendLogEntry entry) {

	/** This log with the given workspace id, or this log itself when it already has one. */
	public TelemetryFrontendLog withWorkspaceIdIfAbsent(Long id) {
		return (this.workspaceId != null || id == null) ? this
				: new TelemetryFrontendLog(id, this.frontendLogEventId, this.context, this.entry);
	}
}
