package io.github.dbtelemetry.internal.operation;

/**
 * A new Databricks session: a physical connection opened, not a pool checkout; or an attempt to
 * open one that failed, which has a failure and no session id.
 */
public final class ConnectionOperation extends DatabricksOperation {

	private final ConnectionFacts facts;

	public ConnectionOperation(TelemetryTarget target, String sessionId, long startNanos, long startEpochMillis,
			ConnectionFacts facts) {
		super(target, sessionId, startNanos, startEpochMillis);
		this.facts = (facts != null) ? facts : ConnectionFacts.UNKNOWN;
	}

	/** The driver and its features, as far as known. */
	public ConnectionFacts getFacts() {
		return this.facts;
	}

}
