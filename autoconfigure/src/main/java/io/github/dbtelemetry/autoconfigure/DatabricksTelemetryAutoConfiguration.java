package io.github.dbtelemetry.autoconfigure;

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

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.micrometer.observation.ObservationRegistry;

/**
 * Auto-configuration of Databricks SQL telemetry: wraps Databricks data sources, turns their
 * statements into events and exports them per host. It maps {@code databricks.telemetry.*} onto
 * {@link DatabricksTelemetry#builder()}, the one place where the engine is put together and its
 * settings checked. The engine backs off when the application defines its own; nothing is
 * created when {@code databricks.telemetry.enabled} is {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, ObservationAutoConfiguration.class,
		HttpClientAutoConfiguration.class })
@ConditionalOnClass(DataSource.class)
@ConditionalOnBooleanProperty(name = "databricks.telemetry.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DatabricksTelemetryProperties.class)
public final class DatabricksTelemetryAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DatabricksTelemetryAutoConfiguration.class);

	@Bean
	static DatabricksDataSourcePostProcessor databricksDataSourcePostProcessor(
			ObjectProvider<DatabricksTelemetryProperties> properties, ObjectProvider<DatabricksTelemetry> telemetry) {
		return new DatabricksDataSourcePostProcessor(properties::getObject, telemetry::getObject);
	}

	/**
	 * The engine, closed with the context: closing flushes what is pending within the shutdown
	 * timeout. Observations are made only when the application has an {@link ObservationRegistry}
	 * (metrics, tracing); export never depends on it. Only the SSL bundle of the application's
	 * {@code spring.http.clients.*} settings is taken over: the application's own HTTP clients,
	 * their connector and their observation are left untouched.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	DatabricksTelemetry databricksTelemetry(DatabricksTelemetryProperties properties, Environment environment,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<StatementObservationConvention> statementConvention,
			ObjectProvider<ConnectionObservationConvention> connectionConvention,
			ObjectProvider<DatabricksCredentialsProvider> credentials, ObjectProvider<HttpClientSettings> httpSettings,
			ObjectProvider<TelemetryExporter> exporter, ObjectProvider<TelemetryPipelineListener> listeners) {
		warnIfTokensCannotTravel(properties);
		DatabricksTelemetryProperties.CircuitBreaker breaker = properties.circuitBreaker();
		DatabricksTelemetryProperties.FeatureFlag flag = properties.featureFlag();
		DatabricksTelemetry.Builder builder = DatabricksTelemetry.builder()
			.settingNamePrefix("databricks.telemetry.")
			.forceEnable(properties.forceEnable())
			.batchSize(properties.batchSize())
			.maxBatchSize(properties.maxBatchSize())
			.flushInterval(properties.flushInterval())
			.maxPendingEvents(properties.maxPendingEvents())
			.maxHosts(properties.maxHosts())
			.maxRetries(properties.maxRetries())
			.retryDelay(properties.retryDelay())
			.retryMaxDelay(properties.retryMaxDelay())
			.connectTimeout(properties.connectTimeout())
			.responseTimeout(properties.responseTimeout())
			.shutdownTimeout(properties.shutdownTimeout())
			.warnInterval(properties.warnInterval())
			.endpoint(properties.endpoint())
			.allowInsecureEndpoint(properties.allowInsecureEndpoint())
			.workspaceId(properties.workspaceId())
			.circuitBreaker(breaker.enabled(), breaker.failureThreshold(), breaker.openDuration(),
					breaker.successThreshold())
			.urlPrefixes(properties.datasource().urlPrefixes())
			.exportMode(properties.exportMode())
			.recordSqlText(properties.observation().recordSqlText())
			.observeCheckouts(properties.observation().checkouts())
			.featureFlag(flag.driver(), flag.version(), flag.name(), flag.cacheTtl())
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.statementObservationConvention(statementConvention.getIfAvailable())
			.connectionObservationConvention(connectionConvention.getIfAvailable())
			.credentialsProvider(credentials.getIfAvailable())
			.httpClientSettings(httpSettings.getIfAvailable())
			.exporter(exporter.getIfAvailable())
			.applicationName(environment.getProperty("spring.application.name"));
		// Metrics and the application may each bring a listener; every one of them hears everything.
		listeners.orderedStream().forEach(builder::listener);
		return builder.build();
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
