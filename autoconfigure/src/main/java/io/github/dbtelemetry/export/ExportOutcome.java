package io.github.dbtelemetry.export;

/** How an export of one batch ended. */
public enum ExportOutcome {

	/** Every log was accepted. */
	SUCCESS,

	/** The server accepted fewer logs than were sent; the rest are not resent. */
	PARTIAL_SUCCESS,

	/** A failure that retrying cannot fix (400, 401, 403, 404, authentication). */
	TERMINAL_FAILURE,

	/** Retryable failures until the retries ran out. */
	RETRIES_EXHAUSTED,

	/** The host's circuit breaker is open: no request was made. */
	CIRCUIT_OPEN

}
