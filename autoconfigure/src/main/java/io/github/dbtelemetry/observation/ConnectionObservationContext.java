package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;

/**
 * Context of the observation of a new Databricks session (a physical connection opened), not of
 * a pool checkout.
 */
public final class ConnectionObservationContext extends DatabricksObservationContext {

	public ConnectionObservationContext(TelemetryTarget target, String sessionId, long startNanos,
			long startEpochMillis) {
		this(target, sessionId, startNanos, startEpochMillis, ConnectionFacts.UNKNOWN);
	}

	public ConnectionObservationContext(TelemetryTarget target, String sessionId, long startNanos,
			long startEpochMillis, ConnectionFacts facts) {
		this(new ConnectionOperation(target, sessionId, startNanos, startEpochMillis, facts));
	}

	public ConnectionObservationContext(ConnectionOperation operation) {
		super(operation);
	}

	@Override
	public ConnectionOperation getOperation() {
		return (ConnectionOperation) super.getOperation();
	}

	/** The driver and its features, as far as known. */
	public ConnectionFacts getFacts() {
		return getOperation().getFacts();
	}

}
