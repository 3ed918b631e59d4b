package io.github.dbtelemetry.observation;

import java.util.Objects;

import io.github.dbtelemetry.model.DriverConnectionParameters;

/**
 * What a wrapped data source reports to: its bean name, the workspace host, the connection
 * parameters computed once for its URL, and the recorder of the host's telemetry client.
 *
 * @param dataSourceName the bean name of the data source (a low-cardinality tag)
 * @param host the workspace host, lower case, without port
 * @param connectionParameters exported connection parameters (never a credential)
 * @param authType the exported {@code auth_type} ({@code pat}, {@code oauth-...}, {@code other})
 * @param workspaceId the workspace id when known, else {@code null}
 * @param recorder where finished observations go
 * @param userAgent the exported {@code user_agent}, naming this starter and the JDBC driver in
 * use, or {@code null} for the event factory's default
 */
public record TelemetryTarget(String dataSourceName, String host, DriverConnectionParameters connectionParameters,
		String authType, Long workspaceId, TelemetryRecorder recorder, String userAgent) {

	public TelemetryTarget {
		Objects.requireNonNull(dataSourceName, "dataSourceName");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(recorder, "recorder");
	}

	public TelemetryTarget(String dataSourceName, String host, DriverConnectionParameters connectionParameters,
			String authType, Long workspaceId, TelemetryRecorder recorder) {
		this(dataSourceName, host, connectionParameters, authType, workspaceId, recorder, null);
	}

}
