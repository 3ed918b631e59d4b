package io.github.dbtelemetry.internal.databricks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.pipeline.ExportMode;

/** Whether the starter exports a data source's events, given the export mode and the driver in use. */
public final class ExportDecision {

	private ExportDecision() {
	}

	/**
	 * Whether the starter exports for a data source with this URL, driven by {@code jdbcDriver}
	 * (the driver as a {@code Name/version} product, or {@code null} when unknown).
	 */
	public static boolean exports(ExportMode mode, DatabricksJdbcUrl url, @Nullable String jdbcDriver) {
		return switch (mode) {
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
	static boolean isDatabricksDriver(DatabricksJdbcUrl url, @Nullable String jdbcDriver) {
		if (jdbcDriver != null && !jdbcDriver.isBlank()) {
			return jdbcDriver.toLowerCase(Locale.ROOT).startsWith("databricks");
		}
		return url.isDatabricksScheme();
	}

}
