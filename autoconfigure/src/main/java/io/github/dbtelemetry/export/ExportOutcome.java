package io.github.dbtelemetry.export;

/** How an export of one batch ended.
 *
 * @since 0.1.0
 */
public enum ExportOutcome {

	/** Every log was accepted. */
	SUCCESS,

	/** The server accepted fewer logs than were sent; the rest are not resent. */
	PARTIAL_SUCCESS,

	/** The server refused the batch (a 3xx or 4xx answer, failed authentication); not resent. */
	TERMINAL_FAILURE,

	/** Every attempt failed before the batch reached the server, until the retries ran out. */
	RETRIES_EXHAUSTED,

	/**
	 * The batch may have reached the server, but no answer says whether it was taken (a timeout
	 * or I/O error after it was sent, a 5xx other than 503); it is not resent, so the workspace
	 * never receives it twice.
	 */
	OUTCOME_UNKNOWN,

	/** The host's circuit breaker is open: no request was made. */
	CIRCUIT_OPEN

}
