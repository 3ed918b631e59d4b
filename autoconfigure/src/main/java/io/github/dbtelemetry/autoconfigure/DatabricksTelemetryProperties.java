package io.github.dbtelemetry.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.dbtelemetry.pipeline.ExportMode;

/**
 * Configuration of Databricks SQL telemetry ({@code databricks.telemetry.*}). The values are
 * checked by {@link io.github.dbtelemetry.DatabricksTelemetry.Builder#build()} when the engine is
 * made: a misconfiguration stops start-up with the property's name and what it accepts, rather
 * than being replaced silently.
 *
 * @param enabled Whether the starter does anything at all
 * @param forceEnable Export without asking the workspace's feature flag (the JDBC driver's
 * ForceEnableTelemetry)
 * @param batchSize Events per export request; reaching it triggers an export (1 to 10000)
 * @param flushInterval Time between periodic exports of what is pending; at most 1 hour
 * @param maxPendingEvents Events kept per host while they cannot be exported; further events are
 * dropped and counted
 * @param maxHosts Workspace hosts whose telemetry is exported at once; data sources of further
 * hosts are observed locally only (1 to 10000)
 * @param maxRetries Extra attempts for an export that failed with a retryable error (0 to 10)
 * @param retryDelay First backoff delay between attempts; it grows exponentially, with jitter (at
 * most 10 minutes)
 * @param retryMaxDelay Longest wait between attempts, also the cap on a server's Retry-After; not
 * shorter than retry-delay, at most 10 minutes
 * @param connectTimeout Connect timeout of every request of the starter (export, feature flag,
 * OAuth token); at most 10 minutes
 * @param responseTimeout How long one request of the starter may wait for its response once sent;
 * at most 10 minutes
 * @param shutdownTimeout How long closing the application may spend exporting what is pending; at
 * most 10 minutes
 * @param warnInterval How often a workspace host whose export keeps failing is repeated at WARN
 * (logger io.github.dbtelemetry.workspace); 0 switches these warnings off
 * @param endpoint Base URL that replaces https://{workspace-host} for export and feature flags
 * (proxies, tests, the sample)
 * @param allowInsecureEndpoint Whether a credential (a token, or an OAuth client secret) may be sent to a
 * plain http:// endpoint
 * @param workspaceId The workspace id to report; read from Azure host names when not set
 * @param circuitBreaker The per-host circuit breaker in front of the exporter
 * @param datasource Which data sources are instrumented
 * @param observation What observations carry for local use
 * @param featureFlag The workspace's feature flag that decides whether it wants telemetry
 * @param exportMode When events are exported: auto (only where the Databricks JDBC driver's own
 * telemetry is off, for example with ;EnableTelemetry=0 in the URL, or another driver is used),
 * always, or never (local observations and metrics only)
 * @since 0.1.0
 */
@ConfigurationProperties("databricks.telemetry")
public record DatabricksTelemetryProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("false") boolean forceEnable, @DefaultValue("100") int batchSize,
		@DefaultValue("5s") Duration flushInterval, @DefaultValue("10000") int maxPendingEvents,
		@DefaultValue("32") int maxHosts, @DefaultValue("3") int maxRetries, @DefaultValue("100ms") Duration retryDelay,
		@DefaultValue("10s") Duration retryMaxDelay, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration responseTimeout, @DefaultValue("5s") Duration shutdownTimeout,
		@DefaultValue("15m") Duration warnInterval, URI endpoint,
		@DefaultValue("false") boolean allowInsecureEndpoint, Long workspaceId,
		@DefaultValue CircuitBreaker circuitBreaker, @DefaultValue Datasource datasource,
		@DefaultValue Observation observation, @DefaultValue FeatureFlag featureFlag,
		@DefaultValue("auto") ExportMode exportMode) {

	/**
	 * The per-host circuit breaker.
	 *
	 * @param enabled Whether exports go through a breaker
	 * @param failureThreshold Consecutive failed exports that open the breaker (1 to 1000)
	 * @param openDuration How long an open breaker rejects exports before a trial (at most 1 day)
	 * @param successThreshold Successful trial exports that close it again (1 to 100)
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled, @DefaultValue("5") int failureThreshold,
			@DefaultValue("1m") Duration openDuration, @DefaultValue("1") int successThreshold) {

	}

	/**
	 * Which data sources are instrumented.
	 *
	 * @param urlPrefixes JDBC URL prefixes of Databricks data sources
	 * @param excludedBeanNames Data source beans never instrumented
	 */
	public record Datasource(@DefaultValue({ "jdbc:databricks:", "jdbc:spark:" }) List<String> urlPrefixes,
			@DefaultValue({}) List<String> excludedBeanNames) {

		public Datasource {
			urlPrefixes = List.copyOf(urlPrefixes);
			excludedBeanNames = List.copyOf(excludedBeanNames);
		}

	}

	/**
	 * What observations carry for local use (metrics, tracing); never exported to Databricks.
	 *
	 * @param recordSqlText Put the SQL text on statement observations as {@code db.statement} for
	 * local tracing
	 */
	public record Observation(@DefaultValue("false") boolean recordSqlText) {

	}

	/**
	 * The workspace's feature flag.
	 *
	 * @param driver Driver name in the feature-flag URL
	 * @param version Driver version in the feature-flag URL; the Databricks JDBC driver's on the
	 * classpath, else this starter's
	 * @param name Name of the flag that enables telemetry
	 * @param cacheTtl How long an answer is used when the server does not say (at most 1 day)
	 */
	public record FeatureFlag(@DefaultValue("OSS_JDBC") String driver, String version,
			@DefaultValue("databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc") String name,
			@DefaultValue("15m") Duration cacheTtl) {

	}

}
