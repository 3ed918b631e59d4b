package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.TestTelemetry;

/**
 * Building blocks of the host tests: host settings with test defaults, a listener that remembers
 * the hosts' lifecycle, and an exporter that remembers which token each batch carried.
 */
final class HostFixtures {

	static final URI BASE_URL = URI.create("https://" + TestTelemetry.HOST);

	private HostFixtures() {
	}

	/** Settings with a large batch, an hour between periodic flushes, no breaker and export forced. */
	static Settings settings(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
		return new Settings(exporter, scheduler);
	}

	/** A token source that always presents {@code token}. */
	static TokenSource token(String token) {
		return () -> Optional.of(token);
	}

	static @Nullable String statementId(TelemetryFrontendLog log) {
		return log.entry().sqlDriverLog().sqlStatementId();
	}

	/** What {@link HostSettings} a test needs, the rest left at defaults that stay out of its way. */
	static final class Settings {

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

		private Settings(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
			this.exporter = exporter;
			this.scheduler = scheduler;
		}

		Settings batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		Settings maxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		Settings flushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
			return this;
		}

		Settings maxPendingEvents(int maxPendingEvents) {
			this.maxPendingEvents = maxPendingEvents;
			return this;
		}

		Settings shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		Settings breakers(CircuitBreakers breakers) {
			this.breakers = breakers;
			return this;
		}

		Settings featureFlags(FeatureFlagFetcher featureFlags) {
			this.featureFlags = featureFlags;
			return this;
		}

		Settings listener(TelemetryPipelineListener listener) {
			this.listener = listener;
			return this;
		}

		Settings clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		Settings warnInterval(Duration warnInterval) {
			this.warnInterval = warnInterval;
			return this;
		}

		Settings events(TelemetryEventBuilder events) {
			this.events = events;
			return this;
		}

		HostSettings build() {
			return new HostSettings(this.batchSize, (this.maxBatchSize > 0) ? this.maxBatchSize : this.batchSize,
					this.flushInterval, this.maxPendingEvents, this.shutdownTimeout,
					true, this.exporter, this.breakers, this.featureFlags, this.events, this.listener,
					this.scheduler, this.clock, this.warnInterval);
		}

	}

	/**
	 * Remembers when hosts were opened and closed, in order, and each opened host's snapshot
	 * supplier; what becomes of events is {@code CountingPipelineListener}'s.
	 */
	static final class HostLifecycleListener implements TelemetryPipelineListener {

		private final List<String> lifecycle = new CopyOnWriteArrayList<>();

		private final List<Supplier<HostSnapshot>> opened = new CopyOnWriteArrayList<>();

		@Override
		public void onHostOpened(String host, Supplier<HostSnapshot> state) {
			this.opened.add(state);
			this.lifecycle.add("opened " + host);
		}

		@Override
		public void onHostClosed(String host) {
			this.lifecycle.add("closed " + host);
		}

		/** {@code opened host} and {@code closed host}, in the order heard. */
		List<String> lifecycle() {
			return List.copyOf(this.lifecycle);
		}

		/** The snapshot supplier of every host opened, in order. */
		List<Supplier<HostSnapshot>> opened() {
			return List.copyOf(this.opened);
		}

	}

	/** Accepts every batch and remembers the token its endpoint presented and its statement ids. */
	static final class TokenRecordingExporter implements TelemetryExporter {

		private final List<Call> calls = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> batch) {
			List<String> ids = new ArrayList<>();
			batch.forEach((log) -> ids.add(statementId(log)));
			this.calls.add(new Call(endpoint.credentials().bearerToken().orElse(null), ids));
			return CompletableFuture.completedFuture(ExportResult.success(batch.size(), 200));
		}

		List<Call> calls() {
			return List.copyOf(this.calls);
		}

		/** One export: the token presented, and the statement ids of the batch. */
		record Call(@Nullable String token, List<String> statementIds) {
		}

	}

}
