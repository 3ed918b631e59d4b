package io.github.dbtelemetry.observation;

import io.micrometer.observation.Observation;

/**
 * Base of the contexts of Databricks observations. Unlike a plain {@link Observation.Context},
 * the facts telemetry needs are typed fields set by the JDBC wrappers, so building an event reads
 * fields instead of searching key-value maps.
 */
public abstract sealed class DatabricksObservationContext extends Observation.Context
		permits ConnectionObservationContext, StatementObservationContext {

	private final TelemetryTarget target;

	private final String sessionId;

	private final long startNanos;

	private final long startEpochMillis;

	private long endNanos;

	private Throwable failure;

	protected DatabricksObservationContext(TelemetryTarget target, String sessionId, long startNanos,
			long startEpochMillis) {
		this.target = target;
		this.sessionId = sessionId;
		this.startNanos = startNanos;
		this.startEpochMillis = startEpochMillis;
	}

	public TelemetryTarget getTarget() {
		return this.target;
	}

	public String getSessionId() {
		return this.sessionId;
	}

	public long getStartNanos() {
		return this.startNanos;
	}

	public long getStartEpochMillis() {
		return this.startEpochMillis;
	}

	public long getEndNanos() {
		return this.endNanos;
	}

	public void setEndNanos(long endNanos) {
		this.endNanos = endNanos;
	}

	/** The failure of the operation, as thrown to the application; never exported as such. */
	public Throwable getFailure() {
		return this.failure;
	}

	public void setFailure(Throwable failure) {
		this.failure = failure;
		setError(failure);
	}

	public long getDurationNanos() {
		return Math.max(0, this.endNanos - this.startNanos);
	}

}
