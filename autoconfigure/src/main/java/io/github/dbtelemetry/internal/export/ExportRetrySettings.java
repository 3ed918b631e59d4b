package io.github.dbtelemetry.internal.export;

import java.time.Duration;

/**
 * Retry and timeout settings of the HTTP exporter; checked by the engine's builder.
 *
 * @param maxRetries extra attempts after the first one, for retryable failures only
 * @param retryDelay the first backoff delay; later ones double, with jitter
 * @param retryMaxDelay the longest wait before a retry, also the cap of a server's
 * {@code Retry-After}
 * @param connectTimeout how long connecting may take
 * @param responseTimeout how long one attempt may wait for the response once the request is sent
 */
public record ExportRetrySettings(int maxRetries, Duration retryDelay, Duration retryMaxDelay,
		Duration connectTimeout, Duration responseTimeout) {

	/** 3 retries from 100 ms up to 10 s, 5 s to connect, 10 s for a response. */
	public static ExportRetrySettings defaults() {
		return new ExportRetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(5),
				Duration.ofSeconds(10));
	}

	/**
	 * The most one attempt may take, connecting included. An export makes at most
	 * {@code maxRetries + 1} attempts and waits at most {@code retryMaxDelay} between two, so it
	 * ends within that many attempt timeouts and waits without a timer of its own.
	 */
	public Duration attemptTimeout() {
		return this.connectTimeout.plus(this.responseTimeout);
	}

}
