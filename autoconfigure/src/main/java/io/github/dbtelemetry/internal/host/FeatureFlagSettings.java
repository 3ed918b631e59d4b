package io.github.dbtelemetry.internal.host;

import java.time.Duration;

/**
 * How the server-side telemetry switch is asked for and cached.
 *
 * @param driverName the driver segment of the flag path; {@code OSS_JDBC} names the JDBC driver
 * @param driverVersion the version segment of the flag path; the caller decides the default
 * because only it knows which driver version is on the class path
 * @param flagName the flag whose value {@code "true"} enables telemetry
 * @param cacheTtl how long an answer is trusted when the server does not send its own TTL
 * @param fetchTimeout upper bound of one flag request, connection included
 */
public record FeatureFlagSettings(String driverName, String driverVersion, String flagName, Duration cacheTtl,
		Duration fetchTimeout) {

	public static final String DEFAULT_DRIVER_NAME = "OSS_JDBC";

	public static final String DEFAULT_FLAG_NAME = "databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc";

	public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(15);

	public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(10);

	public FeatureFlagSettings {
		// Unset values fall back to the defaults; the engine's builder has checked the rest.
		driverName = isBlank(driverName) ? DEFAULT_DRIVER_NAME : driverName.strip();
		flagName = isBlank(flagName) ? DEFAULT_FLAG_NAME : flagName.strip();
		cacheTtl = (cacheTtl != null) ? cacheTtl : DEFAULT_CACHE_TTL;
		fetchTimeout = (fetchTimeout != null) ? fetchTimeout : DEFAULT_FETCH_TIMEOUT;
		driverVersion = driverVersion.strip();
	}

	/** The defaults of the JDBC driver, for the given driver version. */
	public static FeatureFlagSettings defaults(String driverVersion) {
		return new FeatureFlagSettings(DEFAULT_DRIVER_NAME, driverVersion, DEFAULT_FLAG_NAME, DEFAULT_CACHE_TTL,
				DEFAULT_FETCH_TIMEOUT);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
