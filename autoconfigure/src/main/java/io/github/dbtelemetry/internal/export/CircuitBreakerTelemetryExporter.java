package io.github.dbtelemetry.internal.export;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

/**
 * Puts a host's circuit breaker in front of another exporter. While the breaker is open no
 * request is made and the batch is reported as {@link ExportOutcome#CIRCUIT_OPEN}. Each batch
 * counts once, by its final result: the inner exporter's retries are one call to the breaker, and
 * a batch that ends throttled (429) counts as a failure, not as silence.
 */
public final class CircuitBreakerTelemetryExporter implements TelemetryExporter {

	private static final Log logger = LogFactory.getLog(CircuitBreakerTelemetryExporter.class);

	private final TelemetryExporter delegate;

	private final CircuitBreaker breaker;

	/**
	 * @param delegate the exporter behind the breaker
	 * @param breaker the breaker of the one host this exporter serves
	 */
	public CircuitBreakerTelemetryExporter(TelemetryExporter delegate, CircuitBreaker breaker) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.breaker = Objects.requireNonNull(breaker, "breaker");
	}

	@Override
	public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
		int sent = (logs != null) ? logs.size() : 0;
		CircuitBreaker breaker = this.breaker;
		if (!breaker.tryAcquirePermission()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Telemetry circuit breaker for " + endpoint.host() + " is " + breaker.getState()
						+ ": dropping " + sent + " logs without a request");
			}
			return CompletableFuture.completedFuture(ExportResult.circuitOpen(sent));
		}
		long start = breaker.getCurrentTimestamp();
		CompletableFuture<ExportResult> export = exportSafely(endpoint, logs, sent);
		return cancellingSource(export.thenApply((result) -> {
			record(breaker, result, breaker.getCurrentTimestamp() - start);
			return result;
		}), export);
	}

	// The inner exporter should never throw nor fail its future; if it does anyway, that is an
	// export failure like any other, and whether anything was delivered is unknown.
	private CompletableFuture<ExportResult> exportSafely(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs,
			int sent) {
		CompletableFuture<ExportResult> future;
		try {
			future = this.delegate.export(endpoint, logs);
		}
		catch (Throwable ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		if (future == null) {
			future = CompletableFuture.completedFuture(null);
		}
		return cancellingSource(future.handle((result, failure) -> {
			if (result != null) {
				return result;
			}
			if (failure != null) {
				logger.debug("Telemetry exporter for " + endpoint.host() + " failed: " + failure.getClass().getName());
			}
			return ExportResult.outcomeUnknown(sent, 0, "exporter_error");
		}), future);
	}

	// A derived future does not pass cancellation back to its source; shutdown cancels the
	// future it was given and expects the HTTP exchange below to be aborted.
	private static <T> CompletableFuture<T> cancellingSource(CompletableFuture<T> derived,
			CompletableFuture<?> source) {
		derived.whenComplete((result, failure) -> {
			if (derived.isCancelled()) {
				source.cancel(true);
			}
		});
		return derived;
	}

	private void record(CircuitBreaker breaker, ExportResult result, long duration) {
		try {
			TimeUnit unit = breaker.getTimestampUnit();
			switch (result.outcome()) {
				case SUCCESS, PARTIAL_SUCCESS -> breaker.onSuccess(duration, unit);
				// Rejected further down (a nested breaker): not an outcome of this host's exports.
				case CIRCUIT_OPEN -> breaker.releasePermission();
				case TERMINAL_FAILURE, RETRIES_EXHAUSTED, OUTCOME_UNKNOWN -> {
					boolean trial = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
					breaker.onError(duration, unit, new ExportFailedException(result.failureKind()));
					// One failed trial is enough: the workspace is not back yet. Resilience4j
					// alone would close after a good and a bad trial (50% is below its 100%).
					if (trial && breaker.getState() != CircuitBreaker.State.OPEN) {
						breaker.transitionToOpenState();
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Telemetry circuit breaker could not record an export: " + ex.getClass().getName());
		}
	}

	/** What the breaker is told about a failed export; its message is the failure kind only. */
	static final class ExportFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ExportFailedException(String failureKind) {
			super((failureKind != null) ? failureKind : "export_failed", null, false, false);
		}

	}

}
