package io.github.dbtelemetry.observation;

/**
 * Context of the observation of a new Databricks session (a physical connection opened), not of
 * a pool checkout.
 */
public final class ConnectionObservationContext extends DatabricksObservationContext {

	private final ConnectionFacts facts;

	public ConnectionObservationContext(TelemetryTarget target, String sessionId, long startNanos,
			long startEpochMillis) {
		this(target, sessionId, startNanos, startEpochMillis, ConnectionFacts.UNKNOWN);
	}

	public ConnectionObservationContext(TelemetryTarget target, String sessionId, long startNanos,
			long startEpochMillis, ConnectionFacts facts) {
		super(target, sessionId, startNanos, startEpochMillis);
		this.facts = (facts != null) ? facts : ConnectionFacts.UNKNOWN;
	}

	/** The driver and its features, as far as known. */
	public ConnectionFacts getFacts() {
		return this.facts;
	}

}
