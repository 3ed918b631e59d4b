package io.github.dbtelemetry.internal.jdbc;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.internal.auth.DataSourceCredentials;
import io.github.dbtelemetry.internal.auth.OAuthClientCredentials;
import io.github.dbtelemetry.internal.databricks.DatabricksDriverIds;
import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.databricks.WorkspaceIds;
import io.github.dbtelemetry.pipeline.ExportMode;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.internal.event.DatabricksTelemetryObservationHandler;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.github.dbtelemetry.internal.operation.TelemetryRecorder;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.micrometer.observation.ObservationRegistry;

/**
 * Builds the telemetry of a matching data source on the host's shared client: it parses the
 * URL once, computes the exported connection parameters once, and takes one reference on the
 * host's client for the data source's lifetime (so a pool does not create a client per checkout).
 * <p>
 * A data source whose URL has no usable host is observed locally only: a Databricks URL whose
 * host cannot be read is never exported (any host put in its place would receive its token);
 * another driver's URL without a host ({@code jdbc:h2:mem:...}) is exported only to a configured
 * endpoint override, under the host key {@code localhost}.
 */
public final class ManagedDataSourceTelemetryFactory implements DataSourceTelemetryFactory {

	private static final Log logger = LogFactory.getLog(ManagedDataSourceTelemetryFactory.class);

	// The key of another driver's host-less URL, as it has always been: with an endpoint
	// override it names the client, nothing is ever sent to it.
	private static final String HOST_LESS_KEY = "localhost";

	// What observations of a Databricks URL with an unreadable host carry as host: not a host.
	private static final String UNKNOWN_HOST = "unknown";

	private final JdbcUrlMatcher matcher;

	private final URI endpoint;

	private final Long workspaceId;

	private final TelemetryClientManager clientManager;

	private final ObservationRegistry observationRegistry;

	private final StatementObservationConvention statementConvention;

	private final ConnectionObservationConvention connectionConvention;

	private final SessionIdResolver sessionIds;

	private final boolean recordSqlText;

	private final DatabricksTelemetryObservationHandler telemetryHandler = new DatabricksTelemetryObservationHandler();

	private final Options options;

	/**
	 * How the starter treats a data source beyond its URL: whether it exports (see
	 * {@link ExportMode}), where a workspace id learnt at run time comes from, and which
	 * credentials it may use besides those of the URL.
	 *
	 * @param exportMode when events are exported rather than only observed locally
	 * @param discoveredWorkspaceId the workspace id a host's feature-flag answer told
	 * ({@code x-databricks-org-id}), or {@code null} while unknown; asked per event
	 * @param applicationCredentials the application's credentials bean, or {@code null}
	 * @param clientCredentials how OAuth machine-to-machine tokens are obtained, or {@code null}
	 */
	public record Options(ExportMode exportMode, Function<String, Long> discoveredWorkspaceId,
			DatabricksCredentialsProvider applicationCredentials, OAuthClientCredentials.Factory clientCredentials) {

		/** Export where the driver does not, no run-time workspace id, URL and pool credentials only. */
		public static final Options DEFAULTS = new Options(ExportMode.AUTO, (host) -> null, null, null);

	}

	/**
	 * @param matcher which URLs to instrument
	 * @param endpoint base URL replacing {@code https://host[:port]}, or {@code null}
	 * @param workspaceId configured workspace id, or {@code null}
	 * @param clientManager the per-host clients
	 * @param observationRegistry where observations are reported when anything listens
	 * @param statementConvention custom statement convention, or {@code null}
	 * @param connectionConvention custom connection convention, or {@code null}
	 * @param sessionIds session ids of new physical connections
	 * @param recordSqlText whether SQL text is put on observations (local only)
	 */
	public ManagedDataSourceTelemetryFactory(JdbcUrlMatcher matcher, URI endpoint, Long workspaceId,
			TelemetryClientManager clientManager, ObservationRegistry observationRegistry,
			StatementObservationConvention statementConvention, ConnectionObservationConvention connectionConvention,
			SessionIdResolver sessionIds, boolean recordSqlText) {
		this(matcher, endpoint, workspaceId, clientManager, observationRegistry, statementConvention,
				connectionConvention, sessionIds, recordSqlText, Options.DEFAULTS);
	}

	public ManagedDataSourceTelemetryFactory(JdbcUrlMatcher matcher, URI endpoint, Long workspaceId,
			TelemetryClientManager clientManager, ObservationRegistry observationRegistry,
			StatementObservationConvention statementConvention, ConnectionObservationConvention connectionConvention,
			SessionIdResolver sessionIds, boolean recordSqlText, Options options) {
		this.options = options;
		this.matcher = matcher;
		this.endpoint = endpoint;
		this.workspaceId = workspaceId;
		this.clientManager = clientManager;
		this.observationRegistry = observationRegistry;
		this.statementConvention = statementConvention;
		this.connectionConvention = connectionConvention;
		this.sessionIds = sessionIds;
		this.recordSqlText = recordSqlText;
	}

	@Override
	public DataSourceTelemetry create(String dataSourceName, String jdbcUrl, DataSource dataSource,
			String jdbcDriver) {
		if (!this.matcher.matches(jdbcUrl)) {
			return null;
		}
		// The pool's connection properties reach the driver too (EnableTelemetry, AuthMech, ...).
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse(jdbcUrl, DataSourceCredentials.poolProperties(dataSource));
		DriverConnectionParameters parameters = DriverConnectionParameters.of(url.httpPath(), url.mode(),
				HostDetails.ofBaseUrl(url.hostUrl()), url.authMech(), url.authFlow());
		Long configured = (this.workspaceId != null) ? this.workspaceId : WorkspaceIds.fromHost(url.host());
		String host = hostKey(url);
		Supplier<Long> workspace = (configured != null) ? () -> configured
				: () -> this.options.discoveredWorkspaceId().apply(host);
		String userAgent = SystemConfigurations.userAgent(jdbcDriver);
		boolean export = this.options.exportMode().exports(url, jdbcDriver);
		if (export && !hasDestination(url)) {
			// Named by the bean only: the URL may carry a token or password.
			logger.warn("Databricks telemetry export is off for data source '" + dataSourceName
					+ "': its JDBC URL has no host the starter can use");
			export = false;
		}
		if (!export) {
			// Observations and metrics stay; no client, no flag call, nothing leaves the JVM.
			TelemetryTarget local = new TelemetryTarget(dataSourceName, host, parameters, url.authType(), configured,
					TelemetryRecorder.NONE, userAgent);
			return new DataSourceTelemetry(local, this.observationRegistry, this.telemetryHandler, this.statementConvention,
					this.connectionConvention, this.sessionIds, statementIds(url), this.recordSqlText, () -> {
					}, connectionFacts(jdbcDriver, url));
		}
		URI baseUrl = (this.endpoint != null) ? this.endpoint : URI.create(url.baseUrl());
		CredentialsProvider credentials = DataSourceCredentials.of(url, host, dataSource, dataSourceName,
				this.options.applicationCredentials(), this.options.clientCredentials());
		TelemetryClient client = this.clientManager.getOrCreateClient(host, baseUrl, credentials);
		TelemetryTarget target = new TelemetryTarget(dataSourceName, host, parameters, url.authType(), configured,
				client.getAggregator(), userAgent, workspace);
		return new DataSourceTelemetry(target, this.observationRegistry, this.telemetryHandler, this.statementConvention,
				this.connectionConvention, this.sessionIds, statementIds(url), this.recordSqlText,
				() -> this.clientManager.releaseClient(host, credentials), connectionFacts(jdbcDriver, url));
	}

	/**
	 * Whether events of this URL have somewhere to go: its own host, or, for another driver's URL
	 * without one, the endpoint override. A Databricks URL without a usable host has none, even
	 * with an override: its credentials belong to a workspace the starter cannot name.
	 */
	private boolean hasDestination(DatabricksJdbcUrl url) {
		return url.hasUsableHost() || (this.endpoint != null && !isDatabricksUrl(url));
	}

	private static String hostKey(DatabricksJdbcUrl url) {
		if (url.hasUsableHost()) {
			return url.host();
		}
		return isDatabricksUrl(url) ? UNKNOWN_HOST : HOST_LESS_KEY;
	}

	// Only the Databricks driver tells statement ids; other data sources are not asked per query.
	private static StatementIdResolver statementIds(DatabricksJdbcUrl url) {
		return (isDatabricksUrl(url) && DatabricksDriverIds.DRIVER_PRESENT) ? DatabricksDriverIds::statementId
				: StatementIdResolver.NONE;
	}

	private static boolean isDatabricksUrl(DatabricksJdbcUrl url) {
		// jdbc:spark: is the Databricks driver's legacy form
		return url.isDatabricksScheme() || "spark".equals(url.scheme());
	}

	/**
	 * The driver as it reports itself ({@code Name/version}) and, for Databricks URLs, the result
	 * features the driver uses by default unless the URL or pool turns them off.
	 */
	static ConnectionFacts connectionFacts(String jdbcDriver, DatabricksJdbcUrl url) {
		String name = null;
		String version = null;
		if (jdbcDriver != null) {
			int slash = jdbcDriver.lastIndexOf('/');
			name = (slash > 0) ? jdbcDriver.substring(0, slash) : jdbcDriver;
			version = (slash > 0 && slash < jdbcDriver.length() - 1) ? jdbcDriver.substring(slash + 1) : null;
		}
		if (!isDatabricksUrl(url)) {
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
