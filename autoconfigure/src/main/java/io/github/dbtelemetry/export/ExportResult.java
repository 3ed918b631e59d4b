package io.github.dbtelemetry.export;

/**
 * The result of exporting one batch. Exporters report failures through this value and never by
 * throwing.
 *
 * @param outcome how the export ended
 * @param sent number of logs in the batch
 * @param accepted number of logs the server accepted
 * @param httpStatus the last HTTP status seen, 0 when no response arrived
 * @param failureKind a short kind of the last failure ({@code http_503}, {@code timeout},
 * {@code connect}, ...) without any server text, or {@code null} on success
 * @since 0.1.0
 */
public record ExportResult(ExportOutcome outcome, int sent, int accepted, int httpStatus, String failureKind) {

	public static ExportResult success(int sent, int httpStatus) {
		return new ExportResult(ExportOutcome.SUCCESS, sent, sent, httpStatus, null);
	}

	/** The server accepted only {@code accepted} of the {@code sent} logs. */
	public static ExportResult partialSuccess(int sent, int accepted, int httpStatus) {
		return new ExportResult(ExportOutcome.PARTIAL_SUCCESS, sent, accepted, httpStatus, "partial_success");
	}

	/** A failure that retrying cannot fix; nothing of the batch was accepted. */
	public static ExportResult terminalFailure(int sent, int httpStatus, String failureKind) {
		return new ExportResult(ExportOutcome.TERMINAL_FAILURE, sent, 0, httpStatus, failureKind);
	}

	/** Every attempt failed before reaching the server; {@code failureKind} names the last one. */
	public static ExportResult retriesExhausted(int sent, int httpStatus, String failureKind) {
		return new ExportResult(ExportOutcome.RETRIES_EXHAUSTED, sent, 0, httpStatus, failureKind);
	}

	/** The batch may or may not have been processed; it is not sent again. */
	public static ExportResult outcomeUnknown(int sent, int httpStatus, String failureKind) {
		return new ExportResult(ExportOutcome.OUTCOME_UNKNOWN, sent, 0, httpStatus, failureKind);
	}

	public static ExportResult circuitOpen(int sent) {
		return new ExportResult(ExportOutcome.CIRCUIT_OPEN, sent, 0, 0, "circuit_open");
	}

	/** Logs of the batch that did not reach the workspace. */
	public int rejected() {
		return this.sent - this.accepted;
	}

	public boolean isSuccess() {
		return this.outcome == ExportOutcome.SUCCESS;
	}

}
