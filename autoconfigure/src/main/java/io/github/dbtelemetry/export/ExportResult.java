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
 */
public record ExportResult(ExportOutcome outcome, int sent, int accepted, int httpStatus, String failureKind) {

	public static ExportResult success(int sent, int httpStatus) {
		return new ExportResult(ExportOutcome.SUCCESS, sent, sent, httpStatus, null);
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
