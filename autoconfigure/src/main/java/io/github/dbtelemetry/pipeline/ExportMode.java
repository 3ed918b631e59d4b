package io.github.dbtelemetry.pipeline;

/**
 * When the starter exports a data source's events to the workspace. The Databricks JDBC driver
 * sends its own telemetry when its {@code EnableTelemetry} is on (its default) and the workspace
 * flag allows it, or always with {@code ForceEnableTelemetry=1}; a second exporter of the same
 * statements would count them twice. Local observations and metrics are kept in every mode.
 *
 * @since 0.1.0
 */
public enum ExportMode {

	/**
	 * Export only when the driver's own telemetry is off for the data source: the driver is not
	 * the Databricks driver (H2 in tests, another driver), or its URL or properties say
	 * {@code EnableTelemetry=0} (and not {@code ForceEnableTelemetry=1}).
	 */
	AUTO,

	/** Export regardless of the driver's own telemetry. */
	ALWAYS,

	/** Never export: observations and metrics stay local. */
	NEVER

}
