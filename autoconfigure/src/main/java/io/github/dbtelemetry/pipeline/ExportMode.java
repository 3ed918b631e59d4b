package io.github.dbtelemetry.pipeline;

import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;

import java.util.Locale;

/**
 * When the starter exports a data source's events to the workspace. The Databricks JDBC driver
 * sends its own telemetry when its {@code EnableTelemetry} is on (its default) and the workspace
 * flag allows it, or always with {@code ForceEnableTelemetry=1}; a second exporter of the same
 * statements would count them twice. Local observations and metrics are kept in every mode.
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
	NEVER;

	/**
	 * Whether the starter exports for a data source with this URL, driven by {@code jdbcDriver}
	 * (the driver as a {@code Name/version} product, or {@code null} when unknown).
	 */
	public boolean exports(DatabricksJdbcUrl url, String jdbcDriver) {
		return switch (this) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> !(isDatabricksDriver(url, jdbcDriver) && url.driverTelemetryEnabled());
		};
	}

	/**
	 * The Databricks driver names itself {@code DatabricksJDBC}. When the driver is not known
	 * yet, a {@code jdbc:databricks:} URL is taken to mean it: assuming the driver reports is
	 * the side that cannot double count.
	 */
	static boolean isDatabricksDriver(DatabricksJdbcUrl url, String jdbcDriver) {
		if (jdbcDriver != null && !jdbcDriver.isBlank()) {
			return jdbcDriver.toLowerCase(Locale.ROOT).startsWith("databricks");
		}
		return url.isDatabricksScheme();
	}

}
