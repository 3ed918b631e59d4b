package io.github.dbtelemetry.internal.export;

import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx answer from the telemetry endpoint. It carries only what the exporter needs to decide
 * and to log: the status, the server's {@code Retry-After} and its {@code x-request-id}. The body
 * and the status text are deliberately left out so that no server text can reach a log or a
 * metric tag.
 */
public final class TelemetryHttpException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient Duration retryAfter;

	private final String requestId;

	/**
	 * @param status the HTTP status code
	 * @param retryAfter the parsed {@code Retry-After}, or {@code null} when the server sent none
	 * @param requestId the server's {@code x-request-id}, or {@code null}
	 */
	public TelemetryHttpException(int status, Duration retryAfter, String requestId) {
		// No stack trace: this is an expected outcome on a telemetry thread, not a bug to locate.
		super("HTTP " + status, null, false, false);
		this.status = status;
		this.retryAfter = retryAfter;
		this.requestId = requestId;
	}

	public TelemetryHttpException(int status) {
		this(status, null, null);
	}

	public int status() {
		return this.status;
	}

	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	public Optional<String> requestId() {
		return Optional.ofNullable(this.requestId);
	}

}
