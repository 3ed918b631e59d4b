package io.github.dbtelemetry.internal.host;

import java.time.Duration;

/**
 * Buffering and flushing settings of a {@link TelemetryClient}.
 *
 * @param batchSize logs per export request; reaching it triggers a flush
 * @param flushInterval time between periodic flushes
 * @param maxPendingEvents bound of the per-host buffer; further events are dropped
 * @param shutdownTimeout how long closing may spend flushing what is pending
 */
public record TelemetryClientSettings(int batchSize, Duration flushInterval, int maxPendingEvents,
		Duration shutdownTimeout) {

	public TelemetryClientSettings {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1");
		}
		if (maxPendingEvents < 1) {
			throw new IllegalArgumentException("maxPendingEvents must be at least 1");
		}
		if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
			throw new IllegalArgumentException("flushInterval must be positive");
		}
		if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("shutdownTimeout must not be negative");
		}
	}

	public static TelemetryClientSettings defaults() {
		return new TelemetryClientSettings(100, Duration.ofSeconds(5), 10_000, Duration.ofSeconds(5));
	}

}
