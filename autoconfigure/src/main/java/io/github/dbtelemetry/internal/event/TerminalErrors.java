package io.github.dbtelemetry.internal.event;

import java.sql.SQLException;

/**
 * Recognises statement failures after which the application is unlikely to go on talking to the
 * workspace: authentication or authorization failures (SQLSTATE class 28, or HTTP 401/403 named
 * by the driver's exception classes or codes in the cause chain).
 */
public final class TerminalErrors {

	private static final int MAX_DEPTH = 16;

	private TerminalErrors() {
	}

	public static boolean isTerminal(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof SQLException sql) {
				String state = sql.getSQLState();
				if (state != null && state.startsWith("28")) {
					return true;
				}
				int code = sql.getErrorCode();
				if (code == 401 || code == 403) {
					return true;
				}
			}
			if (current instanceof SecurityException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
