package io.github.dbtelemetry.internal.jdbc;

import javax.sql.DataSource;

/** Decides, from its URL, whether a data source is instrumented, and builds its telemetry. */
@FunctionalInterface
public interface DataSourceTelemetryFactory {

	/**
	 * The telemetry for a data source, or {@code null} when its URL is not one to instrument.
	 * @param dataSourceName the bean name
	 * @param jdbcUrl the JDBC URL, never {@code null}
	 * @param dataSource the unwrapped data source (to read live credentials from)
	 * @param jdbcDriver the JDBC driver in use as a user-agent product ({@code Name/version}), or
	 * {@code null} when unknown
	 */
	DataSourceTelemetry create(String dataSourceName, String jdbcUrl, DataSource dataSource, String jdbcDriver);

}
