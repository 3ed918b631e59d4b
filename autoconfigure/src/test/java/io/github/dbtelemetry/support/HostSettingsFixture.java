package io.github.dbtelemetry.support;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.internal.host.FeatureFlagFetcher;
import io.github.dbtelemetry.internal.host.HostSettings;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

/**
 * The {@link HostSettings} a test needs, the rest left at defaults that stay out of its way: a
 * batch of 100 and requests of one batch, an hour between periodic flushes, 10,000 pending
 * events, no breaker, export forced, plain {@code http://} allowed, nobody listening.
 */
public final class HostSettingsFixture {

	private final TelemetryExporter exporter;

	private final ScheduledExecutorService scheduler;

	private int batchSize = 100;

	// 0: the batch size, so that a test of batching sees requests of exactly one batch
	private int maxBatchSize;

	private Duration flushInterval = Duration.ofHours(1);

	private int maxPendingEvents = 10_000;

	private Duration shutdownTimeout = Duration.ofSeconds(5);

	private @Nullable CircuitBreakers breakers;

	private @Nullable FeatureFlagFetcher featureFlags;

	private TelemetryPipelineListener listener = TelemetryPipelineListener.NONE;

	private Clock clock = Clock.systemUTC();

	private Duration warnInterval = Duration.ofMinutes(15);

	private TelemetryEventBuilder events = TestTelemetry.eventBuilder();

	private HostSettingsFixture(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
		this.exporter = exporter;
		this.scheduler = scheduler;
	}

	public static HostSettingsFixture of(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
		return new HostSettingsFixture(exporter, scheduler);
	}

	public HostSettingsFixture batchSize(int batchSize) {
		this.batchSize = batchSize;
		return this;
	}

	public HostSettingsFixture maxBatchSize(int maxBatchSize) {
		this.maxBatchSize = maxBatchSize;
		return this;
	}

	public HostSettingsFixture flushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
		return this;
	}

	public HostSettingsFixture maxPendingEvents(int maxPendingEvents) {
		this.maxPendingEvents = maxPendingEvents;
		return this;
	}

	public HostSettingsFixture shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
		return this;
	}

	public HostSettingsFixture breakers(CircuitBreakers breakers) {
		this.breakers = breakers;
		return this;
	}

	public HostSettingsFixture featureFlags(FeatureFlagFetcher featureFlags) {
		this.featureFlags = featureFlags;
		return this;
	}

	public HostSettingsFixture listener(TelemetryPipelineListener listener) {
		this.listener = listener;
		return this;
	}

	public HostSettingsFixture clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	public HostSettingsFixture warnInterval(Duration warnInterval) {
		this.warnInterval = warnInterval;
		return this;
	}

	public HostSettingsFixture events(TelemetryEventBuilder events) {
		this.events = events;
		return this;
	}

	public HostSettings build() {
		return HostSettings.builder(this.exporter, this.events, this.scheduler)
			.batches(this.batchSize, (this.maxBatchSize > 0) ? this.maxBatchSize : this.batchSize)
			.flushInterval(this.flushInterval)
			.maxPendingEvents(this.maxPendingEvents)
			.shutdownTimeout(this.shutdownTimeout)
			.allowInsecure(true)
			.breakers(this.breakers)
			.featureFlags(this.featureFlags)
			.listener(this.listener)
			.clock(this.clock)
			.warnInterval(this.warnInterval)
			.build();
	}

}
