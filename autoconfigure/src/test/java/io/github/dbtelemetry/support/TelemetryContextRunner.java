package io.github.dbtelemetry.support;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.autoconfigure.DatabricksTelemetryAutoConfiguration;
import io.github.dbtelemetry.autoconfigure.DatabricksTelemetryMetricsAutoConfiguration;
import io.github.dbtelemetry.autoconfigure.DatabricksTelemetrySdkAutoConfiguration;

/**
 * The Spring applications the tests start. One place decides what a typical application with
 * the starter is made of, so that a new auto-configuration of Boot or of the starter is added
 * once and not in every test that copied the list.
 */
public final class TelemetryContextRunner {

	private TelemetryContextRunner() {
	}

	/**
	 * An application as Boot builds it with the starter on the class path: a pooled data source,
	 * {@code JdbcTemplate}, Micrometer observation, Boot's HTTP client settings and the starter.
	 */
	public static ApplicationContextRunner application() {
		return starterWith(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				ObservationAutoConfiguration.class, HttpClientAutoConfiguration.class);
	}

	/**
	 * The starter with only the given auto-configurations beside it, for tests about what it does
	 * when the others are missing.
	 */
	public static ApplicationContextRunner starterWith(Class<?>... autoConfigurations) {
		Class<?>[] all = Stream
			.concat(Arrays.stream(autoConfigurations), Stream.of(DatabricksTelemetryAutoConfiguration.class))
			.toArray(Class<?>[]::new);
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(all));
	}

	/**
	 * The starter's use of the Databricks SDK's credentials, which an application has when the
	 * SDK is on its class path. Kept apart from {@link #application()} because the SDK is on the
	 * class path of every test here, and the other tests are about applications without it.
	 */
	public static AutoConfigurations sdk() {
		return AutoConfigurations.of(DatabricksTelemetrySdkAutoConfiguration.class);
	}

	/** Boot's metrics with a simple registry, and the starter's meters on it. */
	public static AutoConfigurations metrics() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, DatabricksTelemetryMetricsAutoConfiguration.class);
	}

	/**
	 * Properties for an in-memory H2 database of its own, taken for a Databricks data source that
	 * logs in as the user {@code token} with {@code token} as its password, whose telemetry goes
	 * to {@code endpoint} over plain http (which only the opt-in allows to carry the token).
	 */
	public static String[] h2ExportingTo(String endpoint, String token) {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:telemetry" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=token", "spring.datasource.password=" + token,
				"databricks.telemetry.datasource.url-prefixes=jdbc:h2:", "databricks.telemetry.endpoint=" + endpoint,
				"databricks.telemetry.allow-insecure-endpoint=true" };
	}

}
