package io.github.dbtelemetry.autoconfigure;

import io.github.dbtelemetry.internal.databricks.DriverVersions;
import io.github.dbtelemetry.internal.host.CompositeTelemetryPipelineListener;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventFactory;
import io.github.dbtelemetry.internal.host.FeatureFlagCache;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.FeatureFlagSettings;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.host.TelemetryClientSettings;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.internal.export.CircuitBreakerManager;
import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.internal.export.CircuitBreakerSettings;
import io.github.dbtelemetry.internal.export.CircuitBreakerTelemetryExporter;
import io.github.dbtelemetry.internal.export.DatabricksTelemetryExporter;
import io.github.dbtelemetry.internal.export.ExportRetrySettings;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.internal.host.FeatureFlagContext;
import io.github.dbtelemetry.internal.jdbc.DataSourceTelemetryFactory;
import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.internal.databricks.DatabricksDriverIds;
import io.github.dbtelemetry.internal.auth.OAuthClientCredentials;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.jdbc.ManagedDataSourceTelemetryFactory;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.micrometer.observation.ObservationRegistry;

/**
 * Auto-configuration of Databricks SQL telemetry: wraps Databricks data sources, turns their
 * observations into events and exports them per host. Every bean backs off when the
 * application defines its own; nothing is created when {@code databricks.telemetry.enabled} is
 * {@code false}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, ObservationAutoConfiguration.class,
		HttpClientAutoConfiguration.class })
@ConditionalOnClass(DataSource.class)
@ConditionalOnBooleanProperty(name = "databricks.telemetry.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DatabricksTelemetryProperties.class)
public final class DatabricksTelemetryAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DatabricksTelemetryAutoConfiguration.class);

	// Only expired answers are fetched again; this is how often expiry is checked.
	private static final Duration FLAG_REFRESH_PERIOD = Duration.ofSeconds(30);

	@Bean
	static DatabricksDataSourcePostProcessor databricksDataSourcePostProcessor(
			ObjectProvider<DatabricksTelemetryProperties> properties,
			ObjectProvider<DataSourceTelemetryFactory> telemetryFactory) {
		return new DatabricksDataSourcePostProcessor(properties::getObject, telemetryFactory::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryPayloadSerializer databricksTelemetryPayloadSerializer() {
		return new TelemetryPayloadSerializer();
	}

	@Bean
	@ConditionalOnMissingBean
	TelemetryEventFactory databricksTelemetryEventFactory(Environment environment) {
		String applicationName = environment.getProperty("spring.application.name");
		return new TelemetryEventFactory(SystemConfigurations.forApplication(applicationName),
				SystemConfigurations.userAgent(null), Clock.systemUTC(), IdGenerator.RANDOM);
	}

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerManager databricksTelemetryCircuitBreakerManager(DatabricksTelemetryProperties properties) {
		DatabricksTelemetryProperties.CircuitBreaker breaker = properties.circuitBreaker();
		return new CircuitBreakerManager(new CircuitBreakerSettings(breaker.enabled(), breaker.failureThreshold(),
				breaker.openDuration(), breaker.successThreshold()));
	}

	/**
	 * The starter's own HTTP client for export, feature-flag and token requests: the JDK's
	 * {@code HttpClient} with threads of its own, closed with the context. Only the SSL bundle of
	 * the application's {@code spring.http.clients.*} settings is taken over; the application's
	 * own HTTP clients, their connector and their observation are left untouched.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TelemetryHttpClient databricksTelemetryHttpClient(DatabricksTelemetryProperties properties,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return TelemetryHttpClient.create(httpClientSettings.getIfAvailable(), properties.connectTimeout(),
				properties.responseTimeout());
	}

	/**
	 * The HTTP exporter behind the host's circuit breaker. An application that defines its own
	 * {@link TelemetryExporter} replaces both.
	 */
	@Bean
	@ConditionalOnMissingBean(TelemetryExporter.class)
	TelemetryExporter databricksTelemetryExporter(DatabricksTelemetryProperties properties, TelemetryHttpClient http,
			TelemetryPayloadSerializer serializer, CircuitBreakerManager circuitBreakers) {
		ExportRetrySettings retry = new ExportRetrySettings(properties.maxRetries(), properties.retryDelay(),
				properties.retryMaxDelay(), properties.connectTimeout(), properties.responseTimeout());
		TelemetryExporter exporter = new DatabricksTelemetryExporter(http, serializer, retry,
				SystemConfigurations.userAgent(null));
		return properties.circuitBreaker().enabled() ? new CircuitBreakerTelemetryExporter(exporter, circuitBreakers)
				: exporter;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TelemetryThreads databricksTelemetryThreads() {
		return new TelemetryThreads(1);
	}

	/**
	 * The workspace's answer per host, refreshed on the starter's own scheduler (not through
	 * {@code @Scheduled}, which would change scheduling for the application's beans).
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	FeatureFlagCache databricksTelemetryFeatureFlagCache(DatabricksTelemetryProperties properties,
			TelemetryHttpClient http, TelemetryThreads threads) {
		DatabricksTelemetryProperties.FeatureFlag flag = properties.featureFlag();
		String version = (flag.version() != null) ? flag.version() : DriverVersions.featureFlagVersion();
		FeatureFlagSettings settings = new FeatureFlagSettings(flag.driver(), version, flag.name(), flag.cacheTtl(),
				http.requestTimeout());
		FeatureFlagCache cache = new FeatureFlagCache(http, settings, properties.allowInsecureEndpoint(),
				Clock.systemUTC());
		threads.scheduler().scheduleWithFixedDelay(() -> {
			try {
				cache.refreshExpired();
			}
			catch (RuntimeException ex) {
				logger.debug("Feature-flag refresh failed", ex);
			}
		}, FLAG_REFRESH_PERIOD.toSeconds(), FLAG_REFRESH_PERIOD.toSeconds(), TimeUnit.SECONDS);
		return cache;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TelemetryClientManager databricksTelemetryClientManager(DatabricksTelemetryProperties properties,
			TelemetryExporter exporter, TelemetryEventFactory eventFactory, TelemetryThreads threads,
			FeatureFlagCache featureFlags, ObjectProvider<TelemetryPipelineListener> listener) {
		TelemetryClientSettings settings = new TelemetryClientSettings(properties.batchSize(),
				properties.flushInterval(), properties.maxPendingEvents(), properties.shutdownTimeout());
		// Metrics and the application may each bring a listener; every one of them hears everything.
		TelemetryPipelineListener pipelineListener = CompositeTelemetryPipelineListener
			.of(listener.orderedStream().toList());
		warnIfTokensCannotTravel(properties);
		boolean forced = properties.forceEnable();
		TelemetryClientManager.TelemetryClientFactory clients = new TelemetryClientManager.TelemetryClientFactory() {

			@Override
			public TelemetryClient create(String host, URI baseUrl, CredentialsProvider credentials) {
				// The first flag fetch runs in the background: opening a connection never waits on it.
				FeatureFlagGate gate = forced ? FeatureFlagGate.FORCED
						: featureFlags.getOrCreateContext(host, baseUrl, credentials);
				TelemetryClient client = new TelemetryClient(
						new TelemetryEndpoint(host, baseUrl, credentials, properties.allowInsecureEndpoint()), exporter,
						gate, settings, eventFactory, pipelineListener, threads.scheduler(), Clock.systemUTC());
				pipelineListener.onClientOpened(client);
				return client;
			}

			@Override
			public void released(TelemetryClient client) {
				pipelineListener.onClientClosed(client);
				if (!forced) {
					featureFlags.releaseContext(client.getHost());
				}
			}

		};
		return new TelemetryClientManager(clients, properties.shutdownTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	DataSourceTelemetryFactory databricksDataSourceTelemetryFactory(DatabricksTelemetryProperties properties,
			TelemetryClientManager clientManager, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<StatementObservationConvention> statementConvention,
			ObjectProvider<ConnectionObservationConvention> connectionConvention,
			TelemetryHttpClient http, FeatureFlagCache featureFlags,
			ObjectProvider<DatabricksCredentialsProvider> applicationCredentials) {
		// Without an application registry nobody but telemetry listens: no observations are made.
		ObservationRegistry registry = observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP);
		return new ManagedDataSourceTelemetryFactory(new JdbcUrlMatcher(properties.datasource().urlPrefixes()),
				properties.endpoint(), properties.workspaceId(), clientManager, registry,
				statementConvention.getIfAvailable(), connectionConvention.getIfAvailable(),
				DatabricksDriverIds.sessionIds((connection) -> IdGenerator.RANDOM.next()),
				properties.observation().recordSqlText(), driverOptions(properties, http, featureFlags,
						applicationCredentials.getIfAvailable()));
	}

	// Kept apart so that the factory bean above stays readable; see ManagedDataSourceTelemetryFactory.Options.
	private static ManagedDataSourceTelemetryFactory.Options driverOptions(DatabricksTelemetryProperties properties,
			TelemetryHttpClient http, FeatureFlagCache featureFlags,
			DatabricksCredentialsProvider applicationCredentials) {
		OAuthClientCredentials.Factory clientCredentials = new OAuthClientCredentials.Factory(http,
				Clock.systemUTC(), properties.allowInsecureEndpoint());
		return new ManagedDataSourceTelemetryFactory.Options(properties.exportMode(),
				(host) -> featureFlags.getContext(host).map(FeatureFlagContext::getWorkspaceId).orElse(null),
				applicationCredentials, clientCredentials);
	}

	private static void warnIfTokensCannotTravel(DatabricksTelemetryProperties properties) {
		if (properties.endpoint() != null && "http".equalsIgnoreCase(properties.endpoint().getScheme())
				&& !properties.allowInsecureEndpoint()) {
			logger.warn("databricks.telemetry.endpoint is plain http://: telemetry is sent to /telemetry-unauth "
					+ "without credentials. Set databricks.telemetry.allow-insecure-endpoint=true only for a trusted "
					+ "endpoint on loopback or inside a private network.");
		}
	}

}
