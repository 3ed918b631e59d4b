package io.github.dbtelemetry.observation;

/**
 * Where the value of an observation key may go. The default for anything not declared is
 * "nowhere outside this process": the registry answers {@code false} for unknown keys.
 *
 * @since 0.1.0
 */
public enum ExportScope {

	/** Kept in this process: tracing attributes and logs only, never sent to the workspace. */
	LOCAL_ONLY,

	/** Written into the Databricks telemetry event, not used as a metric tag. */
	DATABRICKS_EXPORT,

	/** A bounded metric tag that is also safe to write into the Databricks event. */
	BOTH;

	/** Whether values of this scope may reach the Databricks telemetry endpoint. */
	public boolean exportsToDatabricks() {
		return this != LOCAL_ONLY;
	}

}
