package io.github.dbtelemetry.export;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.dbtelemetry.model.TelemetryFrontendLog;

/**
 * Sends one batch of logs to one host. Implementations complete the future with an
 * {@link ExportResult} in every case, including failures, and never complete it exceptionally;
 * they must not block the calling thread.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TelemetryExporter {

	CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs);

}
