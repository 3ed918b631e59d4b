package io.github.dbtelemetry.observation;

/**
 * Context of the observation of a new Databricks session (a physical connection opened), not of
 * a pool checkout.
 */
public final class ConnectionObservationContext extends DatabricksObservationContext {

	public ConnectionObservationContext(TelemetryTarget target, String sessionId, long startNanos,
			long startEpochMillis) {
		super(target, sessionId, startNanos, startEpochMillis);
	}

}
