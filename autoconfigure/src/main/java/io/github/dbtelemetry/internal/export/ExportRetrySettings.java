package io.github.dbtelemetry.internal.export;

import java.time.Duration;

/**
 * Retry and timeout settings of the HTTP exporter.
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

	/** An upper bound that keeps a configuration mistake from retrying for hours. */
	public static final int MAX_RETRIES_LIMIT = 10;

	public ExportRetrySettings {
		if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
			throw new IllegalArgumentException("maxRetries must be between 0 and " + MAX_RETRIES_LIMIT);
		}
		requirePositive(retryDelay, "retryDelay");
		requirePositive(retryMaxDelay, "retryMaxDelay");
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(responseTimeout, "responseTimeout");
		if (retryMaxDelay.compareTo(retryDelay) < 0) {
			throw new IllegalArgumentException("retryMaxDelay must not be shorter than retryDelay");
		}
	}

	/** 3 retries from 100 ms up to 10 s, 5 s to connect, 10 s for a response. */
	public static ExportRetrySettings defaults() {
		return new ExportRetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(5),
				Duration.ofSeconds(10));
	}

	/** The most one attempt may take, connecting included. */
	public Duration attemptTimeout() {
		return this.connectTimeout.plus(this.responseTimeout);
	}

	/**
	 * The most exporting one batch may take: every attempt at its longest and every wait at the
	 * cap. Reaching it means something below ignored its own timeouts.
	 */
	public Duration maxExportDuration() {
		return attemptTimeout().multipliedBy(this.maxRetries + 1L).plus(this.retryMaxDelay.multipliedBy(this.maxRetries));
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
