package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;

import io.micrometer.observation.Observation;

/**
 * Base of the contexts of Databricks observations: a Micrometer view of a
 * {@link DatabricksOperation}. The facts live in the operation, typed, so building an event reads
 * fields instead of searching key-value maps, and the same facts serve telemetry whether or not
 * an observation was made.
 */
public abstract sealed class DatabricksObservationContext extends Observation.Context
		permits ConnectionObservationContext, StatementObservationContext {

	private final DatabricksOperation operation;

	protected DatabricksObservationContext(DatabricksOperation operation) {
		this.operation = operation;
	}

	/** The operation this context shows to observation handlers. */
	public DatabricksOperation getOperation() {
		return this.operation;
	}

	public TelemetryTarget getTarget() {
		return this.operation.getTarget();
	}

	public String getSessionId() {
		return this.operation.getSessionId();
	}

	public long getStartNanos() {
		return this.operation.getStartNanos();
	}

	public long getStartEpochMillis() {
		return this.operation.getStartEpochMillis();
	}

	public long getEndNanos() {
		return this.operation.getEndNanos();
	}

	public void setEndNanos(long endNanos) {
		this.operation.setEndNanos(endNanos);
	}

	/** The failure of the operation, as thrown to the application; never exported as such. */
	public Throwable getFailure() {
		return this.operation.getFailure();
	}

	public void setFailure(Throwable failure) {
		this.operation.setFailure(failure);
		setError(failure);
	}

	public long getDurationNanos() {
		return this.operation.getDurationNanos();
	}

}
