package io.github.dbtelemetry.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How telemetry uses the Databricks SDK's unified authentication ({@code databricks.telemetry.sdk.*}),
 * when the SDK is on the class path. A record of its own rather than a part of
 * {@link DatabricksTelemetryProperties}, because these properties exist only with the SDK.
 *
 * @param enabled Whether to take credentials from the Databricks SDK's unified authentication
 * (environment variables, a ~/.databrickscfg profile, OAuth machine-to-machine, Azure and Google
 * identities) when the SDK is on the class path and the application has no
 * DatabricksCredentialsProvider bean of its own.
 * @param profile Profile of ~/.databrickscfg whose credentials are used for every workspace host.
 * When not set, the profile named by DATABRICKS_CONFIG_PROFILE, else none.
 * @param configFile File of profiles to read instead of ~/.databrickscfg. When not set, the file
 * named by DATABRICKS_CONFIG_FILE, else ~/.databrickscfg.
 * @since 0.1.0
 */
@ConfigurationProperties("databricks.telemetry.sdk")
public record DatabricksTelemetrySdkProperties(@DefaultValue("true") boolean enabled, @Nullable String profile,
		@Nullable String configFile) {

}
