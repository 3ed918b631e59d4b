package io.github.dbtelemetry.internal.export;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * When to try an export again: only when the batch provably did not reach the server (see
 * {@link ExceptionClassifier}), at most {@code maxRetries} times, after an exponential backoff
 * with jitter, or after the server's {@code Retry-After} on 429 and 503. Every wait is capped at
 * {@code retryMaxDelay} and timed on the starter's own scheduler. Reactor's {@code Retry.backoff}
 * cannot take a per-failure delay, hence this small {@link Retry} of its own.
 * <p>
 * A failure that must not be retried is passed on as it is; running out of retries is signalled
 * by {@link RetriesExhaustedException} around the last failure.
 */
final class ExportRetryPolicy extends Retry {

	private static final Log logger = LogFactory.getLog(ExportRetryPolicy.class);

	// Longer than any sane Retry-After; keeps the arithmetic far from overflowing.
	private static final long MAX_RETRY_AFTER_SECONDS = 86_400;

	private final ExportRetrySettings settings;

	private final ExceptionClassifier classifier;

	private final DoubleSupplier random;

	private final String host;

	private final Scheduler timer;

	/**
	 * @param random a source of values in {@code [0, 1)} for the jitter
	 * @param host the workspace host, for log messages only
	 * @param timer where the waits between attempts are timed
	 */
	ExportRetryPolicy(ExportRetrySettings settings, ExceptionClassifier classifier, DoubleSupplier random,
			String host, Scheduler timer) {
		this.settings = settings;
		this.classifier = classifier;
		this.random = random;
		this.host = host;
		this.timer = timer;
	}

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
		return signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attempt = signal.totalRetries() + 1;
			if (!this.classifier.isRetryable(failure)) {
				return Mono.error(failure);
			}
			if (signal.totalRetries() >= this.settings.maxRetries()) {
				return Mono.error(new RetriesExhaustedException(failure));
			}
			Duration delay = delayBeforeRetry(attempt, failure);
			if (logger.isDebugEnabled()) {
				logger.debug("Telemetry export to " + this.host + " failed on attempt " + attempt + " ("
						+ this.classifier.failureKind(failure) + requestIdSuffix(failure) + "); retrying in "
						+ delay.toMillis() + " ms");
			}
			return Mono.delay(delay, this.timer);
		});
	}

	/**
	 * The wait before retry number {@code retry} (1 for the first retry): the server's
	 * {@code Retry-After} on 429 or 503 when it is longer than the backoff, never more than
	 * {@code retryMaxDelay}.
	 */
	Duration delayBeforeRetry(long retry, Throwable failure) {
		Duration delay = jitteredBackoff(retry);
		Duration retryAfter = serverRetryAfter(failure);
		if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
			delay = retryAfter;
		}
		return min(delay, this.settings.retryMaxDelay());
	}

	// "Equal jitter": between half and all of the exponential delay, so retries of several hosts
	// spread out without ever collapsing to zero.
	private Duration jitteredBackoff(long retry) {
		long base = this.settings.retryDelay().toNanos();
		long cap = this.settings.retryMaxDelay().toNanos();
		long exponential = base;
		for (long i = 1; i < retry && exponential < cap; i++) {
			exponential = (exponential > cap / 2) ? cap : exponential * 2;
		}
		exponential = Math.min(exponential, cap);
		double factor = Math.min(Math.max(this.random.getAsDouble(), 0.0), 1.0);
		long half = exponential / 2;
		return Duration.ofNanos(half + (long) ((exponential - half) * factor));
	}

	private static Duration serverRetryAfter(Throwable failure) {
		if (failure instanceof TelemetryHttpException http && (http.status() == 429 || http.status() == 503)) {
			return http.retryAfter().orElse(null);
		}
		return null;
	}

	private static String requestIdSuffix(Throwable failure) {
		if (failure instanceof TelemetryHttpException http && http.requestId().isPresent()) {
			return ", x-request-id " + http.requestId().get();
		}
		return "";
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Parses a {@code Retry-After} given in seconds; {@code null} when absent or in the HTTP-date
	 * form, which the telemetry endpoint is not known to send (the backoff applies then).
	 */
	static Duration parseRetryAfter(String header) {
		if (header == null) {
			return null;
		}
		String value = header.trim();
		if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Duration.ofSeconds(Math.min(Long.parseLong(value), MAX_RETRY_AFTER_SECONDS));
	}

	/** Failures before the server, until no retry was left; the cause is the last failure. */
	static final class RetriesExhaustedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RetriesExhaustedException(Throwable lastFailure) {
			super("Retries exhausted", lastFailure, false, false);
		}

	}

}
