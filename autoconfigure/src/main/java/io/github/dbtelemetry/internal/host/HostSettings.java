package io.github.dbtelemetry.internal.host;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

/**
 * What every workspace host shares: its limits, the engine's threads and collaborators. Values
 * are checked by the engine's builder, the one place that validates configuration.
 *
 * @param batchSize pending events that start an export; exports started so go on while a batch
 * is pending
 * @param maxBatchSize the most events one export request carries, at least {@code batchSize}
 * @param flushInterval time between periodic flushes
 * @param maxPendingEvents bound of each host's buffer; further events are dropped
 * @param shutdownTimeout how long closing may spend flushing what is pending
 * @param allowInsecure whether a token may be sent over plain {@code http://}
 * @param exporter sends batches; the host puts its breaker in front
 * @param breakers makes each host's breaker, or {@code null} when breakers are off
 * @param featureFlags asks a workspace for its answer, or {@code null} when export is forced
 * @param events builds wire events from finished operations
 * @param listener hears exports, drops and host lifecycle
 * @param scheduler the telemetry threads
 * @param clock the source of time for accounting
 * @param warnInterval how often a host's lasting failure is repeated at WARN; zero for never
 */
public record HostSettings(int batchSize, int maxBatchSize, Duration flushInterval, int maxPendingEvents,
		Duration shutdownTimeout, boolean allowInsecure, TelemetryExporter exporter, @Nullable CircuitBreakers breakers,
		@Nullable FeatureFlagFetcher featureFlags, TelemetryEventBuilder events, TelemetryPipelineListener listener,
		ScheduledExecutorService scheduler, Clock clock, Duration warnInterval) {

}
