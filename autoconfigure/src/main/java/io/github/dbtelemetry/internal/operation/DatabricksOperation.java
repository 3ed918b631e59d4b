package io.github.dbtelemetry.internal.operation;

/**
 * What telemetry needs to know of one finished operation, as plain typed fields. It is the
 * carrier from the JDBC wrappers to the event factory; a Micrometer
 * {@code DatabricksObservationContext} is made around it only when metrics or tracing listen, so
 * an operation nobody observes costs no observation machinery (Micrometer's context creates its
 * maps eagerly).
 */
public abstract sealed class DatabricksOperation permits ConnectionOperation, SessionCloseOperation,
		StatementOperation {

	private final TelemetryTarget target;

	private String sessionId;

	private final long startNanos;

	/**
	 * The start time of an operation whose wall-clock start was not read: its event is then dated
	 * when it is built, from the wall clock read then, taken back by the time since the
	 * operation's end. The JDBC wrappers read only the monotonic clock on the caller's thread;
	 * each reading of the wall clock there would cost as much again.
	 */
	public static final long UNDATED = 0;

	private final long startEpochMillis;

	private long endNanos;

	private Throwable failure;

	private String errorName;

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

	/** When the operation started by the wall clock, or {@link #UNDATED}. */
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

	/**
	 * The exported name of the failure: its SQLSTATE, else its simple class name; never its
	 * message. {@code null} when the operation did not fail.
	 */
	public String getErrorName() {
		return (this.errorName != null) ? this.errorName : errorNameOf(this.failure);
	}

	/**
	 * Keeps only what may be exported, for an operation that waits in a host's buffer: the
	 * failure gives way to its exported name (an exception, its message and its stack may hold
	 * far more than the event, and nothing of them leaves the process anyway).
	 */
	public void keepOnlyWhatIsExported() {
		if (this.failure != null) {
			this.errorName = errorNameOf(this.failure);
			this.failure = null;
		}
	}

	/**
	 * The exported name of a failure: its SQLSTATE, else its simple class name; {@code null}
	 * without a failure. A SQLSTATE is five digits or upper-case letters; anything else is not
	 * one (some drivers and wrappers put free text there), and free text is exactly what must
	 * not be exported.
	 */
	public static String errorNameOf(Throwable failure) {
		if (failure == null) {
			return null;
		}
		if (failure instanceof java.sql.SQLException sql && isSqlState(sql.getSQLState())) {
			return sql.getSQLState();
		}
		return failure.getClass().getSimpleName();
	}

	private static boolean isSqlState(String state) {
		if (state == null || state.length() != 5) {
			return false;
		}
		for (int i = 0; i < 5; i++) {
			char c = state.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
				return false;
			}
		}
		return true;
	}

	public long getDurationNanos() {
		return Math.max(0, this.endNanos - this.startNanos);
	}

}
