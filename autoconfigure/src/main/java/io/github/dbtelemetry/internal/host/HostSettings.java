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
	 * Settings made by name rather than by position. The limits and collaborators have no
	 * defaults here: the engine's builder holds the defaults and checks every value.
	 * @param exporter sends batches
	 * @param events builds wire events from finished operations
	 * @param scheduler the telemetry threads
	 */
	public static Builder builder(TelemetryExporter exporter, TelemetryEventBuilder events,
			ScheduledExecutorService scheduler) {
		return new Builder(exporter, events, scheduler);
	}

	/**
	 * Builds {@link HostSettings}. Without a breaker, breakers are off; without a feature-flag
	 * fetcher, export is forced; without a listener, nobody hears the pipeline.
	 */
	public static final class Builder {

		private final TelemetryExporter exporter;

		private final TelemetryEventBuilder events;

		private final ScheduledExecutorService scheduler;

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

		private Builder(TelemetryExporter exporter, TelemetryEventBuilder events, ScheduledExecutorService scheduler) {
			this.exporter = exporter;
			this.events = events;
			this.scheduler = scheduler;
		}

		/** Pending events that start an export, and the most one request carries. */
		public Builder batches(int batchSize, int maxBatchSize) {
			this.batchSize = batchSize;
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

		/** @throws IllegalStateException naming a limit that was not set */
		public HostSettings build() {
			if (this.batchSize < 1 || this.maxBatchSize < this.batchSize || this.maxPendingEvents < 1) {
				throw new IllegalStateException("Batch sizes and the pending-event bound must be set, were "
						+ this.batchSize + ", " + this.maxBatchSize + " and " + this.maxPendingEvents);
			}
			return new HostSettings(this.batchSize, this.maxBatchSize, required(this.flushInterval, "flushInterval"),
					this.maxPendingEvents, required(this.shutdownTimeout, "shutdownTimeout"), this.allowInsecure,
					this.exporter, this.breakers, this.featureFlags, this.events, this.listener, this.scheduler,
					this.clock, required(this.warnInterval, "warnInterval"));
		}

		private static Duration required(@Nullable Duration value, String name) {
			if (value == null) {
				throw new IllegalStateException(name + " must be set");
			}
			return value;
		}

	}

}
