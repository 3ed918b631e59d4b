package io.github.dbtelemetry.internal.operation;

/**
 * A Databricks session that ended where the starter could see it: a physical connection closed
 * by the application (no pool between them), or by its pool while the data source closed.
 */
public final class SessionCloseOperation extends DatabricksOperation {

	private final boolean timed;

	/**
	 * @param timed whether the operation's start and end bracket the closing of this session alone:
	 * a pool that closes all its connections at once says nothing of how long each took, and then
	 * no latency is reported
	 */
	public SessionCloseOperation(TelemetryTarget target, String sessionId, long startNanos, long startEpochMillis,
			boolean timed) {
		super(target, sessionId, startNanos, startEpochMillis);
		this.timed = timed;
	}

	/** Whether the duration is this session's close; otherwise it is not reported. */
	public boolean isTimed() {
		return this.timed;
	}

}
