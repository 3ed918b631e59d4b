package io.github.dbtelemetry.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

import io.github.dbtelemetry.pipeline.ExportMode;

/**
 * Configuration of Databricks SQL telemetry ({@code databricks.telemetry.*}). The values are
 * checked by {@link io.github.dbtelemetry.DatabricksTelemetry.Builder#build()} when the engine is
 * made: a misconfiguration stops start-up with the property's name and what it accepts, rather
 * than being replaced silently.
 * <p>
 * The {@code @param} texts below become the descriptions of the IDE metadata word for word, so
 * they are plain text written to Spring Boot's rules for descriptions (no Javadoc tags or HTML,
 * booleans start with "Whether", lists with "Comma-separated list"). A bare number means
 * seconds for the timeouts, the warn interval, the breaker's open duration and the feature-flag
 * cache, whose useful values are whole seconds and more (the driver's own TelemetrySocketTimeout counts seconds, the
 * workspace's ttl_seconds too); it stays milliseconds for the flush interval, like the driver's
 * TelemetryFlushInterval, and for the retry delays, whose useful values start below a second.
 * Values with a unit ({@code 5s}, {@code 100ms}) mean the same whatever the default unit.
 *
 * @param enabled Whether to enable Databricks telemetry. When disabled, the starter creates
 * nothing.
 * @param forceEnable Whether to export without asking the workspace's feature flag, like the JDBC
 * driver's ForceEnableTelemetry.
 * @param batchSize Number of pending events that start an export, from 1 to 10000. While exports
 * are flowing, the next batch is picked up within 50 ms. Exports also start every flush-interval.
 * @param maxBatchSize Maximum number of events in one export request, from 1 to 10000 and not
 * below batch-size. Events that accumulate while an export is in flight go out together, up to
 * this. Defaults to 500, or to batch-size when that is larger.
 * @param flushInterval Time between periodic exports of pending events, at most 1 hour.
 * @param maxPendingEvents Maximum number of events kept per host while they cannot be exported,
 * from 1 to 10000000. Further events are dropped and counted.
 * @param maxHosts Maximum number of workspace hosts exported to at once, from 1 to 10000. Data
 * sources of further hosts are observed locally only.
 * @param maxRetries Number of extra attempts for an export that failed with a retryable error,
 * from 0 to 10.
 * @param retryDelay Delay before the first retry, growing exponentially with jitter, at most 10
 * minutes.
 * @param retryMaxDelay Longest wait between attempts, also the cap on a server's Retry-After. Not
 * shorter than retry-delay, at most 10 minutes.
 * @param connectTimeout Connect timeout of every request of the starter (export, feature flag,
 * OAuth token), at most 10 minutes. If a duration suffix is not specified, seconds will be used.
 * @param responseTimeout Time every request of the starter may wait for its response once sent,
 * at most 10 minutes. If a duration suffix is not specified, seconds will be used.
 * @param shutdownTimeout Time closing the application may spend exporting pending events, at
 * most 10 minutes. If a duration suffix is not specified, seconds will be used.
 * @param warnInterval Shortest time between two WARN lines about the same lasting trouble of a
 * workspace host (credentials rejected, breaker open, feature flag unreadable), logged by
 * io.github.dbtelemetry.workspace, at most 1 day. Zero switches these warnings off. If a duration
 * suffix is not specified, seconds will be used.
 * @param endpoint Base URL replacing https://{workspace-host} for export and feature flags, for
 * proxies, tests and the sample.
 * @param allowInsecureEndpoint Whether a credential (a token, or an OAuth client secret) may be
 * sent to a plain http:// endpoint.
 * @param workspaceId Workspace id to report. Read from Azure host names when not set.
 * @param circuitBreaker Per-host circuit breaker in front of the exporter.
 * @param datasource Data sources to instrument.
 * @param observation What observations carry for local use.
 * @param featureFlag Workspace's feature flag that decides whether it wants telemetry.
 * @param exportMode When to export events, given that the Databricks JDBC driver may send its own
 * telemetry.
 * @since 0.1.0
 */
@ConfigurationProperties("databricks.telemetry")
public record DatabricksTelemetryProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("false") boolean forceEnable, @DefaultValue("100") int batchSize, @Nullable Integer maxBatchSize,
		@DefaultValue("5s") Duration flushInterval, @DefaultValue("10000") int maxPendingEvents,
		@DefaultValue("32") int maxHosts, @DefaultValue("3") int maxRetries, @DefaultValue("100ms") Duration retryDelay,
		@DefaultValue("10s") Duration retryMaxDelay,
		@DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration connectTimeout,
		@DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration responseTimeout,
		@DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration shutdownTimeout,
		@DefaultValue("15m") @DurationUnit(ChronoUnit.SECONDS) Duration warnInterval, URI endpoint,
		@DefaultValue("false") boolean allowInsecureEndpoint, Long workspaceId,
		@DefaultValue CircuitBreaker circuitBreaker, @DefaultValue Datasource datasource,
		@DefaultValue Observation observation, @DefaultValue FeatureFlag featureFlag,
		@DefaultValue("auto") ExportMode exportMode) {

	/**
	 * The per-host circuit breaker.
	 *
	 * @param enabled Whether exports go through a per-host circuit breaker.
	 * @param failureThreshold Number of consecutive failed exports that open the breaker, from 1
	 * to 1000.
	 * @param openDuration Time an open breaker rejects exports before a trial, at most 1 day. If a
	 * duration suffix is not specified, seconds will be used.
	 * @param successThreshold Number of successful trial exports that close the breaker again,
	 * from 1 to 100.
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled, @DefaultValue("5") int failureThreshold,
			@DefaultValue("1m") @DurationUnit(ChronoUnit.SECONDS) Duration openDuration,
			@DefaultValue("1") int successThreshold) {

	}

	/**
	 * Which data sources are instrumented.
	 *
	 * @param urlPrefixes Comma-separated list of JDBC URL prefixes of the data sources to
	 * instrument.
	 * @param excludedBeanNames Comma-separated list of names of data source beans never to
	 * instrument.
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
	 * @param recordSqlText Whether to put the SQL text on statement observations, as db.statement,
	 * for local tracing. It is never exported.
	 * @param checkouts Whether to observe every checkout from a connection pool as
	 * databricks.connection (each wait for the pool, in traces and timers), rather than only the
	 * checkouts that hand out a new Databricks session.
	 */
	public record Observation(@DefaultValue("false") boolean recordSqlText, @DefaultValue("false") boolean checkouts) {

	}

	/**
	 * The workspace's feature flag.
	 *
	 * @param driver Driver name in the feature-flag URL.
	 * @param version Driver version in the feature-flag URL. Defaults to the version of the
	 * Databricks JDBC driver on the classpath, else of this starter.
	 * @param name Name of the feature flag that enables telemetry.
	 * @param cacheTtl Time an answer of the workspace is used when it sends no ttl_seconds, at most
	 * 1 day. If a duration suffix is not specified, seconds will be used.
	 */
	public record FeatureFlag(@DefaultValue("OSS_JDBC") String driver, String version,
			@DefaultValue("databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc") String name,
			@DefaultValue("15m") @DurationUnit(ChronoUnit.SECONDS) Duration cacheTtl) {

	}

}
