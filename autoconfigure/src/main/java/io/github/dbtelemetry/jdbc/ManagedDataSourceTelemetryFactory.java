package io.github.dbtelemetry.jdbc;

import java.net.URI;

import javax.sql.DataSource;

import io.github.dbtelemetry.aggregation.DatabricksTelemetryObservationHandler;
import io.github.dbtelemetry.aggregation.SystemConfigurations;
import io.github.dbtelemetry.client.TelemetryClient;
import io.github.dbtelemetry.client.TelemetryClientManager;
import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.github.dbtelemetry.observation.TelemetryTarget;
import io.micrometer.observation.ObservationRegistry;

/**
 * Builds the telemetry of a matching data source on the host's shared client: it parses the
 * URL once, computes the exported connection parameters once, and takes one reference on the
 * host's client for the data source's lifetime (so a pool does not create a client per checkout).
 */
public final class ManagedDataSourceTelemetryFactory implements DataSourceTelemetryFactory {

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
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse(jdbcUrl);
		URI baseUrl = (this.endpoint != null) ? this.endpoint : URI.create(url.baseUrl());
		CredentialsProvider credentials = DataSourceCredentials.of(url, dataSource);
		TelemetryClient client = this.clientManager.getOrCreateClient(url.host(), baseUrl, credentials);
		DriverConnectionParameters parameters = DriverConnectionParameters.of(url.httpPath(), url.mode(),
				HostDetails.ofBaseUrl(url.hostUrl()), url.authMech(), url.authFlow());
		Long workspace = (this.workspaceId != null) ? this.workspaceId : WorkspaceIds.fromHost(url.host());
		TelemetryTarget target = new TelemetryTarget(dataSourceName, url.host(), parameters, url.authType(), workspace,
				client.getAggregator(), SystemConfigurations.userAgent(jdbcDriver));
		return new DataSourceTelemetry(target, this.observationRegistry, this.telemetryHandler, this.statementConvention,
				this.connectionConvention, this.sessionIds,
				this.recordSqlText, () -> this.clientManager.releaseClient(url.host(), credentials));
	}

}
