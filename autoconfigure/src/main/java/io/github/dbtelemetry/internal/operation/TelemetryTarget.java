package io.github.dbtelemetry.internal.operation;

import java.util.Objects;
import java.util.function.Supplier;

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
 * @param workspaceIdLookup where the workspace id comes from when it is not known up front (the
 * feature-flag answer's {@code x-databricks-org-id}); asked per event, may answer {@code null}
 */
public record TelemetryTarget(String dataSourceName, String host, DriverConnectionParameters connectionParameters,
		String authType, Long workspaceId, TelemetryRecorder recorder, String userAgent,
		Supplier<Long> workspaceIdLookup) {

	private static final Supplier<Long> NO_LOOKUP = () -> null;

	public TelemetryTarget {
		Objects.requireNonNull(dataSourceName, "dataSourceName");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(recorder, "recorder");
		workspaceIdLookup = (workspaceIdLookup != null) ? workspaceIdLookup : NO_LOOKUP;
	}

	public TelemetryTarget(String dataSourceName, String host, DriverConnectionParameters connectionParameters,
			String authType, Long workspaceId, TelemetryRecorder recorder, String userAgent) {
		this(dataSourceName, host, connectionParameters, authType, workspaceId, recorder, userAgent, NO_LOOKUP);
	}

	/** The exported workspace id: the one known up front, else what the lookup knows by now. */
	public Long effectiveWorkspaceId() {
		if (this.workspaceId != null) {
			return this.workspaceId;
		}
		try {
			return this.workspaceIdLookup.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	public TelemetryTarget(String dataSourceName, String host, DriverConnectionParameters connectionParameters,
			String authType, Long workspaceId, TelemetryRecorder recorder) {
		this(dataSourceName, host, connectionParameters, authType, workspaceId, recorder, null);
	}

}
