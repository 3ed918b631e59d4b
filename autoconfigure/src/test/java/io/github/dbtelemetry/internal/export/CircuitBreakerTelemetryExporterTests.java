package io.github.dbtelemetry.internal.export;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which batches the breaker counts, and how, against a scripted
 * inner exporter (and once against the real HTTP exporter).
 */
class CircuitBreakerTelemetryExporterTests {

	private static final Duration OPEN = Duration.ofMinutes(1);

	private static final Duration PAST_OPEN = OPEN.plusMillis(1);

	private static final TelemetryEndpoint HOST1 = endpoint("host1.databricks.com");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-07T08:00:00Z"));

	private final ScriptedExporter inner = new ScriptedExporter();

	@Test
	void aClosedBreakerLetsExportsThrough() {
		CircuitBreakerTelemetryExporter exporter = exporter(5, 1);

		ExportResult result = export(exporter, HOST1, 3);

		assertThat(result).isEqualTo(ExportResult.success(3, 200));
		assertThat(this.inner.calls).isEqualTo(1);
	}

	@Test
	void anOpenBreakerDropsTheBatchWithoutARequest() {
		CircuitBreakerTelemetryExporter exporter = exporter(5, 1);
		this.inner.always(() -> ExportResult.retriesExhausted(1, 503, "http_503"));
		exportTimes(exporter, HOST1, 5);

		CompletableFuture<ExportResult> future = exporter.export(HOST1, logs(4));

		assertThat(future).isCompletedWithValue(ExportResult.circuitOpen(4));
		assertThat(this.inner.calls).isEqualTo(5);
	}

	@Test
	void aFailedExportCountsAsAFailure() {
		CircuitBreaker manager = breaker(5, 1);
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(this.inner, manager);
		this.inner.always(() -> ExportResult.retriesExhausted(1, 503, "http_503"));

		export(exporter, HOST1, 1);

		assertThat(manager.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void anExporterThatThrowsCountsAsAFailureAndNeverThrows() {
		CircuitBreaker manager = breaker(5, 1);
		TelemetryExporter throwing = (endpoint, logs) -> {
			throw new IllegalStateException("bug in the inner exporter");
		};
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(throwing, manager);

		ExportResult result = export(exporter, HOST1, 2);

		assertThat(result).isEqualTo(ExportResult.outcomeUnknown(2, 0, "exporter_error"));
		assertThat(manager.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void anExporterThatFailsItsFutureCountsAsAFailureAndCompletesNormally() {
		CircuitBreaker manager = breaker(5, 1);
		TelemetryExporter failing = (endpoint, logs) -> CompletableFuture.failedFuture(new IllegalStateException());
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(failing, manager);

		CompletableFuture<ExportResult> future = exporter.export(HOST1, logs(2));

		assertThat(future).isCompletedWithValue(ExportResult.outcomeUnknown(2, 0, "exporter_error"));
		assertThat(manager.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void anInnerExporterThrowingAnErrorStillCompletesWithAResult() {
		CircuitBreaker manager = breaker(5, 1);
		TelemetryExporter throwing = (endpoint, logs) -> {
			throw new LinkageError("a class went missing");
		};
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(throwing, manager);

		assertThat(export(exporter, HOST1, 2)).isEqualTo(ExportResult.outcomeUnknown(2, 0, "exporter_error"));
	}

	@Test
	void cancellingTheExportCancelsTheInnerExport() {
		CircuitBreaker manager = breaker(5, 1);
		CompletableFuture<ExportResult> inner = new CompletableFuture<>();
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter((endpoint, logs) -> inner,
				manager);

		exporter.export(HOST1, logs(1)).cancel(true);

		assertThat(inner).isCancelled();
	}

	// Which results count, and how often

	@Test
	void aThresholdOfThreeOpensAfterThreeFailedExports() {
		CircuitBreakerTelemetryExporter exporter = exporter(3, 1);
		this.inner.always(() -> ExportResult.retriesExhausted(1, 503, "http_503"));

		exportTimes(exporter, HOST1, 2);
		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.RETRIES_EXHAUSTED);
		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.CIRCUIT_OPEN);
		assertThat(this.inner.calls).isEqualTo(3);
	}

	@Test
	void terminalFailureCountsAsFailure() {
		CircuitBreakerTelemetryExporter exporter = exporter(2, 1);
		this.inner.always(() -> ExportResult.terminalFailure(1, 401, "http_401"));

		exportTimes(exporter, HOST1, 2);

		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.CIRCUIT_OPEN);
	}

	@Test
	void partialSuccessCountsAsSuccess() {
		CircuitBreaker manager = breaker(2, 1);
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(this.inner, manager);
		this.inner.then(() -> ExportResult.retriesExhausted(10, 503, "http_503"))
			.then(() -> ExportResult.partialSuccess(10, 7, 200))
			.then(() -> ExportResult.retriesExhausted(10, 503, "http_503"));

		exportTimes(exporter, HOST1, 3);

		CircuitBreaker breaker = manager;
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
	}

	@Test
	void aBreakerFurtherDownIsNotCountedHere() {
		CircuitBreaker manager = breaker(1, 1);
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(this.inner, manager);
		this.inner.always(() -> ExportResult.circuitOpen(1));

		exportTimes(exporter, HOST1, 3);

		CircuitBreaker breaker = manager;
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
		assertThat(this.inner.calls).isEqualTo(3);
	}

	@Test
	void aRetriedBatchThatEndsThrottledCountsOnceAsAFailure() {
		// The real exporter: the breaker must see the 429s, once per batch, however many requests.
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		TelemetryHttpClient client = TelemetryHttpClient.create(null, Duration.ofSeconds(2), Duration.ofSeconds(5));
		try {
			server.stubFor(post("/telemetry-ext").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
			ExportRetrySettings fast = new ExportRetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(20),
					Duration.ofSeconds(2), Duration.ofSeconds(5));
			DatabricksTelemetryExporter http = new DatabricksTelemetryExporter(client, new TelemetryPayloadSerializer(),
					fast, "test-agent");
			CircuitBreaker manager = breaker(5, 1);
			CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(http, manager);
			TelemetryEndpoint endpoint = new TelemetryEndpoint("wiremock.local", URI.create(server.baseUrl()),
					() -> Optional.of("token"), true);

			ExportResult result = export(exporter, endpoint, 1);

			assertThat(result).isEqualTo(ExportResult.retriesExhausted(1, 429, "http_429"));
			server.verify(exactly(1 + fast.maxRetries()), postRequestedFor(urlPathEqualTo("/telemetry-ext")));
			CircuitBreaker breaker = manager;
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
			assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
		}
		finally {
			server.stop();
			client.close();
		}
	}

	// Half-open

	@Test
	void aSuccessfulTrialClosesTheBreaker() {
		CircuitBreaker manager = breaker(5, 1);
		CircuitBreakerTelemetryExporter exporter = openedExporter(manager);
		this.inner.always(() -> ExportResult.success(1, 200));
		this.clock.advance(PAST_OPEN);

		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.SUCCESS);

		assertThat(manager.getState()).isEqualTo(State.CLOSED);
		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.SUCCESS);
	}

	@Test
	void aFailedTrialReopensTheBreaker() {
		CircuitBreaker manager = breaker(5, 1);
		CircuitBreakerTelemetryExporter exporter = openedExporter(manager);
		this.clock.advance(PAST_OPEN);

		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.RETRIES_EXHAUSTED);

		assertThat(manager.getState()).isEqualTo(State.OPEN);
		int calls = this.inner.calls;
		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.CIRCUIT_OPEN);
		assertThat(this.inner.calls).isEqualTo(calls);
	}

	@Test
	void anOpenBreakerMakesNoCallBeforeItsOpenDurationHasPassed() {
		CircuitBreaker manager = breaker(5, 1);
		CircuitBreakerTelemetryExporter exporter = openedExporter(manager);
		int calls = this.inner.calls;
		this.clock.advance(OPEN.minusMillis(1));

		assertThat(export(exporter, HOST1, 1).outcome()).isEqualTo(ExportOutcome.CIRCUIT_OPEN);
		assertThat(this.inner.calls).isEqualTo(calls);
	}

	@Test
	void aSuccessThresholdOfTwoNeedsTwoSuccessfulTrials() {
		CircuitBreaker manager = breaker(5, 2);
		CircuitBreakerTelemetryExporter exporter = openedExporter(manager);
		this.inner.always(() -> ExportResult.success(1, 200));
		this.clock.advance(PAST_OPEN);

		export(exporter, HOST1, 1);
		assertThat(manager.getState()).isEqualTo(State.HALF_OPEN);

		export(exporter, HOST1, 1);
		assertThat(manager.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void withASuccessThresholdOfTwoOneFailedTrialReopens() {
		CircuitBreaker manager = breaker(5, 2);
		CircuitBreakerTelemetryExporter exporter = openedExporter(manager);
		this.inner.then(() -> ExportResult.success(1, 200))
			.then(() -> ExportResult.retriesExhausted(1, 503, "http_503"));
		this.clock.advance(PAST_OPEN);

		export(exporter, HOST1, 1);
		export(exporter, HOST1, 1);

		// Resilience4j alone would close here (one failure of two is below a 100% rate).
		assertThat(manager.getState()).isEqualTo(State.OPEN);
	}

	private CircuitBreakerTelemetryExporter openedExporter(CircuitBreaker manager) {
		CircuitBreakerTelemetryExporter exporter = new CircuitBreakerTelemetryExporter(this.inner, manager);
		this.inner.always(() -> ExportResult.retriesExhausted(1, 503, "http_503"));
		exportTimes(exporter, HOST1, manager.getCircuitBreakerConfig().getMinimumNumberOfCalls());
		assertThat(manager.getState()).isEqualTo(State.OPEN);
		return exporter;
	}

	private CircuitBreakerTelemetryExporter exporter(int failureThreshold, int successThreshold) {
		return new CircuitBreakerTelemetryExporter(this.inner, breaker(failureThreshold, successThreshold));
	}

	/** The breaker of one host, as the engine configures it. */
	private CircuitBreaker breaker(int failureThreshold, int successThreshold) {
		return new CircuitBreakers(failureThreshold, OPEN, successThreshold, this.clock).create(HOST1.host());
	}

	private static void exportTimes(TelemetryExporter exporter, TelemetryEndpoint endpoint, int times) {
		for (int i = 0; i < times; i++) {
			export(exporter, endpoint, 1);
		}
	}

	private static ExportResult export(TelemetryExporter exporter, TelemetryEndpoint endpoint, int count) {
		return exporter.export(endpoint, logs(count)).orTimeout(30, TimeUnit.SECONDS).join();
	}

	private static List<TelemetryFrontendLog> logs(int count) {
		List<TelemetryFrontendLog> logs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			logs.add(new TelemetryFrontendLog(null, "log-" + i, null, null));
		}
		return logs;
	}

	private static TelemetryEndpoint endpoint(String host) {
		return new TelemetryEndpoint(host, URI.create("https://" + host), TokenSource.NONE, false);
	}

	/** Answers from a script, then the last "always" answer; success by default. Counts its calls. */
	private static final class ScriptedExporter implements TelemetryExporter {

		private final Queue<Supplier<ExportResult>> script = new ArrayDeque<>();

		private Supplier<ExportResult> fallback;

		private int calls;

		ScriptedExporter then(Supplier<ExportResult> answer) {
			this.script.add(answer);
			return this;
		}

		void always(Supplier<ExportResult> answer) {
			this.script.clear();
			this.fallback = answer;
		}

		@Override
		public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
			this.calls++;
			Supplier<ExportResult> answer = this.script.poll();
			if (answer == null) {
				answer = (this.fallback != null) ? this.fallback : () -> ExportResult.success(logs.size(), 200);
			}
			ExportResult result = answer.get();
			// Scripts are written for one log; report the size of the batch actually sent.
			return CompletableFuture.completedFuture(new ExportResult(result.outcome(), logs.size(),
					Math.min(result.accepted(), logs.size()), result.httpStatus(), result.failureKind()));
		}

	}

}
