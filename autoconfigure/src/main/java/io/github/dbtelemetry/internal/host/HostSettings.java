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

	/**
	 * Settings made by name rather than by position. The limits have no defaults here: the
	 * engine's builder holds the defaults and checks every value.
	 * @param exporter sends batches
	 * @param scheduler the telemetry threads
	 */
	public static Builder builder(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
		return new Builder(exporter, scheduler);
	}

	/**
	 * Builds {@link HostSettings}. Without a maximum batch size, a request carries one batch;
	 * without a breaker, breakers are off; without a feature-flag fetcher, export is forced;
	 * without a listener, nobody hears the pipeline.
	 */
	public static final class Builder {

		private final TelemetryExporter exporter;

		private final ScheduledExecutorService scheduler;

		private @Nullable TelemetryEventBuilder events;

		private int batchSize;

		private int maxBatchSize;

		private @Nullable Duration flushInterval;

		private int maxPendingEvents;

		private @Nullable Duration shutdownTimeout;

		private boolean allowInsecure;

		private @Nullable CircuitBreakers breakers;

		private @Nullable FeatureFlagFetcher featureFlags;

		private TelemetryPipelineListener listener = TelemetryPipelineListener.NONE;

		private Clock clock = Clock.systemUTC();

		private @Nullable Duration warnInterval;

		private Builder(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
			this.exporter = exporter;
			this.scheduler = scheduler;
		}

		/** Builds wire events from finished operations; required. */
		public Builder events(TelemetryEventBuilder events) {
			this.events = events;
			return this;
		}

		/** Pending events that start an export. */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/** The most events one request carries; the batch size when not set. */
		public Builder maxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		public Builder flushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
			return this;
		}

		public Builder maxPendingEvents(int maxPendingEvents) {
			this.maxPendingEvents = maxPendingEvents;
			return this;
		}

		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		public Builder allowInsecure(boolean allowInsecure) {
			this.allowInsecure = allowInsecure;
			return this;
		}

		public Builder breakers(@Nullable CircuitBreakers breakers) {
			this.breakers = breakers;
			return this;
		}

		public Builder featureFlags(@Nullable FeatureFlagFetcher featureFlags) {
			this.featureFlags = featureFlags;
			return this;
		}

		public Builder listener(TelemetryPipelineListener listener) {
			this.listener = listener;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder warnInterval(Duration warnInterval) {
			this.warnInterval = warnInterval;
			return this;
		}

		/** @throws IllegalStateException naming a limit or collaborator that was not set */
		public HostSettings build() {
			int maxBatch = (this.maxBatchSize > 0) ? this.maxBatchSize : this.batchSize;
			if (this.batchSize < 1 || maxBatch < this.batchSize || this.maxPendingEvents < 1) {
				throw new IllegalStateException("Batch sizes and the pending-event bound must be set, were "
						+ this.batchSize + ", " + maxBatch + " and " + this.maxPendingEvents);
			}
			return new HostSettings(this.batchSize, maxBatch, required(this.flushInterval, "flushInterval"),
					this.maxPendingEvents, required(this.shutdownTimeout, "shutdownTimeout"), this.allowInsecure,
					this.exporter, this.breakers, this.featureFlags, required(this.events, "events"), this.listener,
					this.scheduler, this.clock, required(this.warnInterval, "warnInterval"));
		}

		private static <T> T required(@Nullable T value, String name) {
			if (value == null) {
				throw new IllegalStateException(name + " must be set");
			}
			return value;
		}

	}

}
