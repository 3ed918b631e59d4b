package io.github.dbtelemetry.internal.export;

import java.time.Duration;

/**
 * Settings of the per-host circuit breaker that stops exports to a workspace that keeps failing.
 *
 * @param enabled whether exports go through a breaker at all
 * @param failureThreshold consecutive failed exports that open the breaker
 * @param openDuration how long an open breaker rejects exports before letting trial exports through
 * @param successThreshold successful trial exports that close a half-open breaker; one failed
 * trial opens it again
 */
public record CircuitBreakerSettings(boolean enabled, int failureThreshold, Duration openDuration,
		int successThreshold) {

	public CircuitBreakerSettings {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("failureThreshold must be at least 1");
		}
		if (successThreshold < 1) {
			throw new IllegalArgumentException("successThreshold must be at least 1");
		}
		if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
			throw new IllegalArgumentException("openDuration must be positive");
		}
	}

	/** Enabled; opens after 5 failures, for 1 minute; 1 successful trial closes it. */
	public static CircuitBreakerSettings defaults() {
		return new CircuitBreakerSettings(true, 5, Duration.ofMinutes(1), 1);
	}

}
