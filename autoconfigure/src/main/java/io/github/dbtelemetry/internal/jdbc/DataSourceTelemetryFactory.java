package io.github.dbtelemetry.internal.jdbc;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.OptionalLibraries;
import io.github.dbtelemetry.internal.auth.DataSourceCredentials;
import io.github.dbtelemetry.internal.auth.OAuthClientCredentials;
import io.github.dbtelemetry.internal.databricks.DatabricksDriverIds;
import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.databricks.StatementIdResolver;
import io.github.dbtelemetry.internal.databricks.UrlConnectionParameters;
import io.github.dbtelemetry.internal.databricks.WorkspaceIds;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.host.WorkspaceHost;
import io.github.dbtelemetry.internal.host.WorkspaceHosts;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.pipeline.ExportMode;

/**
 * Decides, from its URL, whether a data source is instrumented and whether its events are
 * exported, and builds its telemetry: it parses the URL once, computes the exported connection
 * parameters once, and takes one lease on the workspace host for the data source's lifetime (so
 * a pool does not join the host per checkout). No I/O happens here.
 * <p>
 * A data source whose URL has no usable host is observed locally only: a Databricks URL whose
 * host cannot be read is never exported (any host put in its place would receive its token);
 * another driver's URL without a host ({@code jdbc:h2:mem:...}) is exported only to a configured
 * endpoint override, under the host key {@code localhost}.
 */
public final class DataSourceTelemetryFactory {

	// The category users look for: what the starter does for each data source.
	private static final Log logger = LogFactory.getLog("io.github.dbtelemetry.datasource");

	private final Settings settings;

	private final WorkspaceHosts hosts;

	private final DataSourceTelemetry.Observations observations;

	// The telemetry of every data source not yet closed, so that the engine can let each report
	// the sessions its pool ended as it closed.
	private final Set<DataSourceTelemetry> live = ConcurrentHashMap.newKeySet();

	/**
	 * Which data sources are instrumented, and how they are exported.
	 *
	 * @param matcher which URLs to instrument
	 * @param exportMode when events are exported rather than only observed locally
	 * @param endpoint base URL replacing {@code https://host[:port]}, or {@code null}
	 * @param workspaceId configured workspace id, or {@code null}
	 * @param applicationCredentials the application's credentials bean, or {@code null}
	 * @param clientCredentials how OAuth machine-to-machine tokens are obtained, or {@code null}
	 */
	public record Settings(JdbcUrlMatcher matcher, ExportMode exportMode, @Nullable URI endpoint,
			@Nullable Long workspaceId, @Nullable DatabricksCredentialsProvider applicationCredentials,
			OAuthClientCredentials.@Nullable Factory clientCredentials) {
	}

	public DataSourceTelemetryFactory(Settings settings, WorkspaceHosts hosts,
			DataSourceTelemetry.Observations observations) {
		this.settings = settings;
		this.hosts = hosts;
		this.observations = observations;
	}

	/**
	 * The telemetry for a data source, or {@code null} when its URL is not one to instrument.
	 * @param dataSourceName the bean name
	 * @param jdbcUrl the JDBC URL
	 * @param dataSource the unwrapped data source (to read live credentials from)
	 * @param jdbcDriver the JDBC driver in use as a user-agent product ({@code Name/version}), or
	 * {@code null} when unknown
	 */
	public @Nullable DataSourceTelemetry create(String dataSourceName, String jdbcUrl, DataSource dataSource,
			@Nullable String jdbcDriver) {
		return create(dataSourceName, jdbcUrl, dataSource, jdbcDriver, false);
	}

	/**
	 * As {@link #create(String, String, DataSource, String)}, and logs the line saying what is
	 * done for the data source when it could not be said at start-up: its URL was not known
	 * then ({@code urlUnknownAtStartUp}), or the driver in use changes the decision.
	 */
	public @Nullable DataSourceTelemetry create(String dataSourceName, String jdbcUrl, DataSource dataSource,
			@Nullable String jdbcDriver, boolean urlUnknownAtStartUp) {
		boolean announce = urlUnknownAtStartUp;
		DataSourcePlan plan = DataSourcePlan.of(jdbcUrl, dataSource, jdbcDriver, this.settings.matcher(),
				this.settings.exportMode(), this.settings.endpoint());
		// What was announced at start-up assumed the driver its URL names; the driver in use may
		// say otherwise, and then the log must hear the new decision.
		announce = announce || (jdbcDriver != null && plan.outcome() != DataSourcePlan.of(jdbcUrl, dataSource, null,
				this.settings.matcher(), this.settings.exportMode(), this.settings.endpoint()).outcome());
		DatabricksJdbcUrl url = plan.url();
		if (plan.outcome() == DataSourcePlan.Outcome.NOT_MATCHED || url == null) {
			announce(announce, plan, dataSourceName);
			return null;
		}
		DriverConnectionParameters parameters = UrlConnectionParameters.of(url, DataSourcePlan.isDatabricksUrl(url));
		String host = plan.host();
		TelemetryTarget target = new TelemetryTarget(dataSourceName, host, parameters, url.authType(),
				SystemConfigurations.userAgent(jdbcDriver));
		ConnectionFacts facts = connectionFacts(jdbcDriver, url);
		announce(announce, plan, dataSourceName);
		WorkspaceHost.Lease lease = null;
		if (plan.outcome() == DataSourcePlan.Outcome.EXPORTS) {
			URI endpoint = this.settings.endpoint();
			URI baseUrl = (endpoint != null) ? endpoint : URI.create(url.baseUrl());
			Long workspaceId = (this.settings.workspaceId() != null) ? this.settings.workspaceId()
					: WorkspaceIds.fromHost(url.host());
			TokenSource credentials = DataSourceCredentials.of(url, host, dataSource, dataSourceName,
					this.settings.applicationCredentials(), this.settings.clientCredentials());
			lease = this.hosts.acquire(host, baseUrl, workspaceId, credentials);
			if (lease == null) {
				logger.info("Databricks telemetry for data source '" + dataSourceName
						+ "': observed locally only: databricks.telemetry.max-hosts workspace hosts are in use");
			}
		}
		WorkspaceHost.Lease acquired = lease;
		DataSourceTelemetry[] created = new DataSourceTelemetry[1];
		Runnable release = () -> {
			this.live.remove(created[0]);
			if (acquired != null) {
				this.hosts.release(acquired);
			}
		};
		created[0] = new DataSourceTelemetry(target, acquired, release, this.observations, statementIds(url), facts);
		this.live.add(created[0]);
		return created[0];
	}

	/**
	 * The engine is closing: every data source whose pool was closed by others (a Spring context
	 * closes the pool bean, not its wrapper) reports the sessions that closing ended, so that the
	 * final flush sends them. Never throws.
	 */
	public void reportSessionsEndedByClosedPools() {
		for (DataSourceTelemetry telemetry : this.live) {
			telemetry.poolClosed();
		}
	}

	private void announce(boolean announce, DataSourcePlan plan, String dataSourceName) {
		if (announce) {
			plan.log(logger, dataSourceName, this.settings.endpoint());
		}
	}

	// Only the Databricks driver tells statement ids; other data sources are not asked per query.
	private static StatementIdResolver statementIds(DatabricksJdbcUrl url) {
		return (DataSourcePlan.isDatabricksUrl(url) && OptionalLibraries.DATABRICKS_DRIVER)
				? DatabricksDriverIds::statementId : StatementIdResolver.NONE;
	}

	/**
	 * The driver as it reports itself ({@code Name/version}) and, for Databricks URLs, the result
	 * features the driver uses by default unless the URL or pool turns them off.
	 */
	static ConnectionFacts connectionFacts(@Nullable String jdbcDriver, DatabricksJdbcUrl url) {
		String name = null;
		String version = null;
		if (jdbcDriver != null) {
			int slash = jdbcDriver.lastIndexOf('/');
			name = (slash > 0) ? jdbcDriver.substring(0, slash) : jdbcDriver;
			version = (slash > 0 && slash < jdbcDriver.length() - 1) ? jdbcDriver.substring(slash + 1) : null;
		}
		if (!DataSourcePlan.isDatabricksUrl(url)) {
			return new ConnectionFacts(name, version, null, null);
		}
		return new ConnectionFacts(name, version, flag(url.property("EnableQueryResultDownload"), true),
				flag(url.property("EnableArrow"), true));
	}

	private static boolean flag(String value, boolean defaultValue) {
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		String trimmed = value.trim();
		if (trimmed.equals("0") || trimmed.equalsIgnoreCase("false")) {
			return false;
		}
		return trimmed.equals("1") || trimmed.equalsIgnoreCase("true") || defaultValue;
	}

}
