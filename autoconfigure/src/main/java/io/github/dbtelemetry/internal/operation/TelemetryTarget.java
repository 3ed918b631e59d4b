package io.github.dbtelemetry.internal.operation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.model.DriverConnectionParameters;

/**
 * What a wrapped data source reports as: its bean name, the workspace host, and what its events
 * say about it, computed once for its URL.
 *
 * @param dataSourceName the bean name of the data source (a low-cardinality tag)
 * @param host the workspace host, lower case, without port
 * @param connectionParameters exported connection parameters (never a credential)
 * @param authType the exported {@code auth_type} ({@code pat}, {@code oauth-...}, {@code other})
 * @param userAgent the exported {@code user_agent}, naming this starter and the JDBC driver in
 * use, or {@code null} for the event builder's default
 */
public record TelemetryTarget(String dataSourceName, String host,
		@Nullable DriverConnectionParameters connectionParameters, @Nullable String authType,
		@Nullable String userAgent) {

	public TelemetryTarget {
		Objects.requireNonNull(dataSourceName, "dataSourceName");
		Objects.requireNonNull(host, "host");
	}

}
