package io.github.dbtelemetry.autoconfigure;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.internal.auth.sdk.DatabricksSdkCredentials;

/**
 * Credentials for telemetry from the Databricks SDK's unified authentication, when the
 * application has the SDK ({@code com.databricks:databricks-sdk-java}) and no
 * {@link DatabricksCredentialsProvider} bean of its own: the engine made by
 * {@link DatabricksTelemetryAutoConfiguration} then asks the SDK for each workspace host before
 * it uses what a data source's URL or pool carries. The condition names the SDK's class as a
 * string and no signature here mentions an SDK type, so that without the SDK no class that needs
 * it is loaded. {@code databricks.telemetry.sdk.enabled=false} turns it off; like the rest of the
 * starter, nothing is created when {@code databricks.telemetry.enabled} is {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = DatabricksTelemetryAutoConfiguration.class)
@ConditionalOnClass(name = "com.databricks.sdk.core.DatabricksConfig")
@ConditionalOnBooleanProperty(name = "databricks.telemetry.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "databricks.telemetry.sdk.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ DatabricksTelemetrySdkProperties.class, DatabricksTelemetryProperties.class })
public final class DatabricksTelemetrySdkAutoConfiguration {

	/**
	 * The SDK's credentials, resolved per host when telemetry first needs them, never at start-up:
	 * resolving may call the workspace. Each of the SDK's requests for them is bounded by the
	 * starter's own connect and response timeouts, as every other request of the starter is.
	 */
	@Bean
	@ConditionalOnMissingBean
	DatabricksCredentialsProvider databricksSdkCredentialsProvider(DatabricksTelemetrySdkProperties sdk,
			DatabricksTelemetryProperties telemetry) {
		return new DatabricksSdkCredentials(settings(sdk, telemetry));
	}

	// The SDK has one timeout for connecting and for waiting on an answer: the longer of ours.
	static DatabricksSdkCredentials.Settings settings(DatabricksTelemetrySdkProperties sdk,
			DatabricksTelemetryProperties telemetry) {
		Duration timeout = (telemetry.connectTimeout().compareTo(telemetry.responseTimeout()) > 0)
				? telemetry.connectTimeout() : telemetry.responseTimeout();
		return new DatabricksSdkCredentials.Settings(sdk.profile(), sdk.configFile(), timeout);
	}

}
