package io.github.dbtelemetry.internal.jdbc;

import java.net.URI;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.internal.auth.DataSourceCredentials;
import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.databricks.ExportDecision;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.pipeline.ExportMode;

/**
 * What the starter does for a data source, decided from its JDBC URL alone (no connection, no
 * server call): the same decision when a data source is wrapped at start-up and when its
 * telemetry is made, and the one line that tells the application's log about it.
 *
 * @param outcome what is done
 * @param host the host key of its telemetry (lower case, without port)
 * @param url the parsed URL, or {@code null} when the URL is not instrumented
 */
public record DataSourcePlan(Outcome outcome, String host, @Nullable DatabricksJdbcUrl url) {

	// The key of another driver's host-less URL: with an endpoint override it names the host,
	// nothing is ever sent to it.
	static final String HOST_LESS_KEY = "localhost";

	// What observations of a Databricks URL with an unreadable host carry as host: not a host.
	static final String UNKNOWN_HOST = "unknown";

	/** What the starter does for a data source. */
	public enum Outcome {

		/** Not a URL to instrument: the data source is left as it is. */
		NOT_MATCHED,

		/** Observed, and its events are exported. */
		EXPORTS,

		/** Observed; the Databricks JDBC driver's own telemetry exports, so the starter does not. */
		LEFT_TO_DRIVER,

		/** Observed locally only, as configured ({@code export-mode=never}). */
		LOCAL_ONLY,

		/** Observed locally only: the URL has no host the starter can send to. */
		NO_HOST

	}

	/**
	 * @param jdbcUrl the data source's JDBC URL
	 * @param dataSource the data source, whose pool may hold connection properties
	 * @param jdbcDriver the driver as a {@code Name/version} product, or {@code null} when unknown
	 */
	public static DataSourcePlan of(String jdbcUrl, @Nullable DataSource dataSource, @Nullable String jdbcDriver,
			JdbcUrlMatcher matcher, ExportMode mode, @Nullable URI endpoint) {
		if (!matcher.matches(jdbcUrl)) {
			return new DataSourcePlan(Outcome.NOT_MATCHED, UNKNOWN_HOST, null);
		}
		// The pool's connection properties reach the driver too (EnableTelemetry, AuthMech, ...).
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse(jdbcUrl,
				(dataSource != null) ? DataSourceCredentials.poolProperties(dataSource) : null);
		String host = hostKey(url);
		if (!ExportDecision.exports(mode, url, jdbcDriver)) {
			return new DataSourcePlan((mode == ExportMode.NEVER) ? Outcome.LOCAL_ONLY : Outcome.LEFT_TO_DRIVER, host,
					url);
		}
		// A Databricks URL without a usable host has nowhere to go, even with an override: its
		// credentials belong to a workspace the starter cannot name.
		boolean destination = url.hasUsableHost() || (endpoint != null && !isDatabricksUrl(url));
		return new DataSourcePlan(destination ? Outcome.EXPORTS : Outcome.NO_HOST, host, url);
	}

	/**
	 * The line the application's log gets about the data source: what is done, where events
	 * go, and how to change it. Named by the bean only: the URL may carry a token or password.
	 */
	public String describe(String dataSourceName, @Nullable URI endpoint) {
		String prefix = "Databricks telemetry for data source '" + dataSourceName + "': ";
		return switch (this.outcome) {
			case NOT_MATCHED -> prefix + "not instrumented: its JDBC URL does not start with one of "
					+ "databricks.telemetry.datasource.url-prefixes";
			case EXPORTS -> prefix + "exporting the events of workspace host " + this.host
					+ ((endpoint != null) ? " to " + endpoint : "");
			case LEFT_TO_DRIVER -> prefix + "observed; export is left to the Databricks JDBC driver's own "
					+ "telemetry, which is on for it. Add EnableTelemetry=0 to its URL, or set "
					+ "databricks.telemetry.export-mode=always, to export through the starter instead";
			case LOCAL_ONLY -> prefix + "observed locally only (databricks.telemetry.export-mode=never)";
			case NO_HOST -> prefix + "observed locally only: its JDBC URL has no host the starter can use";
		};
	}

	/**
	 * Logs {@link #describe} once: at WARN when events that would be exported have nowhere to
	 * go, at INFO otherwise.
	 */
	public void log(Log logger, String dataSourceName, @Nullable URI endpoint) {
		if (this.outcome == Outcome.NO_HOST) {
			logger.warn(describe(dataSourceName, endpoint));
		}
		else if (logger.isInfoEnabled()) {
			logger.info(describe(dataSourceName, endpoint));
		}
	}

	static String hostKey(DatabricksJdbcUrl url) {
		if (url.hasUsableHost()) {
			return url.host();
		}
		return isDatabricksUrl(url) ? UNKNOWN_HOST : HOST_LESS_KEY;
	}

	static boolean isDatabricksUrl(DatabricksJdbcUrl url) {
		// jdbc:spark: is the Databricks driver's legacy form
		return url.isDatabricksScheme() || "spark".equals(url.scheme());
	}

}
