package io.github.dbtelemetry.internal.jdbc;

import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;

/**
 * What a failed {@code getConnection()} says about the session behind it. A pool that timed out
 * while all its connections were in use made no attempt to open a session: that is the
 * application waiting for its own pool, not the workspace refusing a session, and it is not
 * reported as a failed {@code CREATE_SESSION} (the connection observation and its timer still
 * count it). Recognised, without needing any pool on the class path:
 * <ul>
 * <li>HikariCP: a {@link SQLTransientConnectionException} without a cause (when opening
 * connections failed, HikariCP gives that failure as the cause, and then a session attempt did
 * fail);</li>
 * <li>Apache Commons DBCP 2: a {@link NoSuchElementException} of its object pool in the cause
 * chain ("Timeout waiting for idle object", "Pool exhausted");</li>
 * <li>Tomcat JDBC: its {@code PoolExhaustedException}.</li>
 * </ul>
 */
final class ConnectionAttempts {

	private static final int MAX_DEPTH = 16;

	private ConnectionAttempts() {
	}

	/** Whether the failure is a pool giving up waiting, with no session attempt behind it. */
	static boolean isPoolWait(Throwable failure) {
		if (failure instanceof SQLTransientConnectionException && failure.getCause() == null) {
			return true;
		}
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof NoSuchElementException
					|| "PoolExhaustedException".equals(current.getClass().getSimpleName())) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	/**
	 * The failure of the session attempt itself: a pool's timeout that carries the failure of
	 * opening a connection is looked through, so that the exported error names the driver's
	 * failure rather than the pool's wrapper.
	 */
	static Throwable sessionFailure(Throwable failure) {
		Throwable cause = failure.getCause();
		return (failure instanceof SQLTransientConnectionException && cause != null) ? cause : failure;
	}

}
