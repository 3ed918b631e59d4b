package io.github.dbtelemetry.internal.operation;

/**
 * What telemetry needs to know of one finished operation, as plain typed fields. It is the
 * carrier from the JDBC wrappers to the event factory; a Micrometer
 * {@code DatabricksObservationContext} is made around it only when metrics or tracing listen, so
 * an operation nobody observes costs no observation machinery (Micrometer's context creates its
 * maps eagerly).
 */
public abstract sealed class DatabricksOperation permits ConnectionOperation, StatementOperation {

	private final TelemetryTarget target;

	private String sessionId;

	private final long startNanos;

	private final long startEpochMillis;

	private long endNanos;

	private Throwable failure;

	protected DatabricksOperation(TelemetryTarget target, String sessionId, long startNanos, long startEpochMillis) {
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

	/** Known only once the pool has answered, for an operation that covers getting a connection. */
	public void setSessionId(String sessionId) {
		this.sessionId = sessionId;
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
	}

	public long getDurationNanos() {
		return Math.max(0, this.endNanos - this.startNanos);
	}

}
