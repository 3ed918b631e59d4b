package io.github.dbtelemetry.internal.host;

import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import io.github.dbtelemetry.internal.export.CircuitBreakerManager;
import io.github.dbtelemetry.internal.export.CircuitBreakerSettings;
import io.github.dbtelemetry.internal.export.CircuitBreakerTelemetryExporter;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.DatabricksTelemetryExporter;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.internal.export.ExportRetrySettings;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.support.TestTelemetry;
import io.github.dbtelemetry.support.WireMockWorkspace;
import io.github.dbtelemetry.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client, feature-flag cache and client manager together against WireMock as the workspace,
 * through the real HTTP exporter behind the real
 * per-host circuit breaker.
 */
class TelemetryE2EGateTests {

	private static final String TOKEN = "dapi-gate-token";

	private static final Duration OPEN = Duration.ofSeconds(30);

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final MutableClock breakerClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final CircuitBreakerManager breakers = new CircuitBreakerManager(
			new CircuitBreakerSettings(true, 2, OPEN, 1), this.breakerClock);

	private final TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(2),
			Duration.ofSeconds(5));

	private final TelemetryExporter exporter = new CircuitBreakerTelemetryExporter(
			new DatabricksTelemetryExporter(this.http, new TelemetryPayloadSerializer(),
					new ExportRetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2),
							Duration.ofSeconds(5)),
					"gate/1"),
			this.breakers);

	private final List<ExportResult> results = new CopyOnWriteArrayList<>();

	private final TelemetryPipelineListener listener = new TelemetryPipelineListener() {
		@Override
		public void onExport(String host, ExportResult result, long durationNanos) {
			TelemetryE2EGateTests.this.results.add(result);
		}
	};

	private final List<FeatureFlagCache> caches = new ArrayList<>();

	private WireMockServer workspace;

	private URI baseUrl;

	@BeforeEach
	void startWorkspace() {
		this.workspace = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.workspace.start();
		this.baseUrl = URI.create(this.workspace.baseUrl());
		WireMockWorkspace.acceptTelemetry(this.workspace);
		WireMockWorkspace.answerFlag(this.workspace, "true", 300);
	}

	@AfterEach
	void stop() {
		this.caches.forEach(FeatureFlagCache::close);
		this.threads.close();
		this.http.close();
		this.workspace.stop();
	}

	private TelemetryClient client(TokenSource credentials, int batchSize) {
		return TestTelemetry.client(this.baseUrl, credentials, this.exporter, FeatureFlagGate.FORCED,
				TestTelemetry.settings(batchSize, Duration.ofHours(1)), TestTelemetry.eventFactory(), this.listener,
				this.threads.scheduler());
	}

	private static void record(TelemetryClient client, int statements) {
		for (int i = 0; i < statements; i++) {
			client.getAggregator()
				.record(TestTelemetry.statementCompleted(client.getAggregator(), "statement-" + i, null));
		}
	}

	private FeatureFlagCache flagCache() {
		FeatureFlagCache cache = new FeatureFlagCache(this.http, FeatureFlagSettings.defaults("1.2.3"), true,
				java.time.Clock.systemUTC());
		this.caches.add(cache);
		return cache;
	}

	// TelemetryClient

	@Test
	void telemetryClientExportSingleEventSucceedsAgainstEndpoint() {
		TelemetryClient client = client(TokenSource.NONE, 100);
		record(client, 1);
		client.flush().join();
		assertThat(this.results).singleElement().satisfies((result) -> {
			assertThat(result.isSuccess()).isTrue();
			assertThat(result.httpStatus()).isEqualTo(200);
		});
		assertThat(WireMockWorkspace.receivedEvents(this.workspace)).hasSize(1);
		assertThat(client.snapshot().exported()).isEqualTo(1);
	}

	@Test
	void telemetryClientExportBatchSucceedsAgainstEndpoint() {
		TelemetryClient client = client(TokenSource.NONE, 10);
		record(client, 10);
		client.flush().join();
		assertThat(WireMockWorkspace.telemetryRequests(this.workspace)).as("one request for the batch").hasSize(1);
		assertThat(WireMockWorkspace.statementEvents(this.workspace)).extracting(WireMockWorkspace::statementId)
			.hasSize(10)
			.doesNotHaveDuplicates();
		assertThat(client.snapshot().exported()).isEqualTo(10);
	}

	@Test
	void telemetryClientAuthenticatedUsesCorrectEndpoint() {
		TelemetryClient authenticated = client(() -> Optional.of(TOKEN), 100);
		record(authenticated, 1);
		authenticated.flush().join();
		TelemetryClient anonymous = client(TokenSource.NONE, 100);
		record(anonymous, 1);
		anonymous.flush().join();
		assertThat(WireMockWorkspace.telemetryRequests(this.workspace)).extracting((request) -> request.getUrl(),
				(request) -> request.getHeader("Authorization"))
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/telemetry-ext", "Bearer " + TOKEN),
					org.assertj.core.groups.Tuple.tuple("/telemetry-unauth", null));
	}

	@Test
	void telemetryClientCircuitBreakerOpensAfterFailures() {
		WireMockWorkspace.answerTelemetry(this.workspace, aResponse().withStatus(500));
		TelemetryClient client = client(TokenSource.NONE, 1);
		for (int i = 0; i < 4; i++) {
			record(client, 1);
			client.flush().join();
		}
		assertThat(WireMockWorkspace.telemetryRequests(this.workspace)).as("the breaker opened after two failures")
			.hasSize(2);
		assertThat(this.breakers.getCircuitBreaker(TestTelemetry.HOST).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(client.snapshot().dropped()).containsEntry(DropReason.CIRCUIT_OPEN, 2L);
	}

	@Test
	void telemetryClientCircuitBreakerRecoverAfterTimeout() {
		WireMockWorkspace.answerTelemetry(this.workspace, aResponse().withStatus(500));
		TelemetryClient client = client(TokenSource.NONE, 1);
		for (int i = 0; i < 2; i++) {
			record(client, 1);
			client.flush().join();
		}
		assertThat(this.breakers.getCircuitBreaker(TestTelemetry.HOST).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		WireMockWorkspace.acceptTelemetry(this.workspace);
		this.breakerClock.advance(OPEN.plusSeconds(1));
		record(client, 1);
		client.flush().join();
		assertThat(this.breakers.getCircuitBreaker(TestTelemetry.HOST).getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(client.snapshot().exported()).isEqualTo(1);
	}

	@Test
	void telemetryClientGracefulCloseFlushesAllPending() {
		TelemetryClient client = client(TokenSource.NONE, 10);
		record(client, 25);
		client.close(Duration.ofSeconds(10));
		assertThat(WireMockWorkspace.statementEvents(this.workspace)).hasSize(25);
		assertThat(client.snapshot().exported()).isEqualTo(25);
		assertThat(client.snapshot().totalDropped()).isZero();
	}

	// FeatureFlagCache

	@Test
	void featureFlagCacheFetchFromEndpointReturnsBoolean() throws Exception {
		FeatureFlagCache cache = flagCache();
		cache.getOrCreateContext(TestTelemetry.HOST, this.baseUrl, () -> Optional.of(TOKEN));
		assertThat(cache.isTelemetryEnabled(TestTelemetry.HOST).get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void featureFlagCacheCachesValueDoesNotRefetchWithinTtl() throws Exception {
		FeatureFlagCache cache = flagCache();
		cache.getOrCreateContext(TestTelemetry.HOST, this.baseUrl, TokenSource.NONE);
		assertThat(cache.isTelemetryEnabled(TestTelemetry.HOST).get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(cache.isTelemetryEnabled(TestTelemetry.HOST).get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(WireMockWorkspace.flagRequests(this.workspace)).hasSize(1);
	}

	@Test
	void featureFlagCacheInvalidHostReturnsDefaultFalse() throws Exception {
		FeatureFlagCache cache = flagCache();
		// port 1 on loopback: connection refused, as for a host that is not a workspace
		cache.getOrCreateContext("unreachable.example.com", URI.create("http://127.0.0.1:1"),
				TokenSource.NONE);
		assertThat(cache.isTelemetryEnabled("unreachable.example.com").get(20, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void featureFlagCacheRefCountingWorksCleanupAfterRelease() {
		FeatureFlagCache cache = flagCache();
		cache.getOrCreateContext(TestTelemetry.HOST, this.baseUrl, TokenSource.NONE);
		cache.getOrCreateContext(TestTelemetry.HOST, this.baseUrl, TokenSource.NONE);
		cache.releaseContext(TestTelemetry.HOST);
		assertThat(cache.getContext(TestTelemetry.HOST)).isPresent();
		cache.releaseContext(TestTelemetry.HOST);
		assertThat(cache.getContext(TestTelemetry.HOST)).isEmpty();
	}

	// TelemetryClientManager, wired as the auto-configuration wires it

	private TelemetryClientManager manager(List<TelemetryClient> created) {
		FeatureFlagCache flags = flagCache();
		return new TelemetryClientManager(new TelemetryClientManager.TelemetryClientFactory() {

			@Override
			public TelemetryClient create(String host, URI baseUrl, TokenSource credentials) {
				TelemetryClient client = TestTelemetry.client(baseUrl, credentials, TelemetryE2EGateTests.this.exporter,
						flags.getOrCreateContext(host, baseUrl, credentials),
						TestTelemetry.settings(100, Duration.ofHours(1)), TestTelemetry.eventFactory(),
						TelemetryPipelineListener.NONE, TelemetryE2EGateTests.this.threads.scheduler());
				created.add(client);
				return client;
			}

			@Override
			public void released(TelemetryClient client) {
				flags.releaseContext(client.getHost());
			}

		}, Duration.ofSeconds(10));
	}

	@Test
	void telemetryClientManagerSameHostReturnsSameClient() {
		try (TelemetryClientManager manager = manager(new CopyOnWriteArrayList<>())) {
			TelemetryClient first = manager.getOrCreateClient("host1", this.baseUrl, TokenSource.NONE);
			assertThat(manager.getOrCreateClient("host1", this.baseUrl, TokenSource.NONE)).isSameAs(first);
		}
	}

	@Test
	void telemetryClientManagerDifferentHostsReturnsDifferentClients() {
		try (TelemetryClientManager manager = manager(new CopyOnWriteArrayList<>())) {
			TelemetryClient one = manager.getOrCreateClient("host1", this.baseUrl, TokenSource.NONE);
			TelemetryClient two = manager.getOrCreateClient("host2", this.baseUrl, TokenSource.NONE);
			assertThat(two).isNotSameAs(one);
			assertThat(manager.getClients()).containsOnlyKeys("host1", "host2");
		}
	}

	@Test
	void telemetryClientManagerLastReleaseClosesClient() {
		try (TelemetryClientManager manager = manager(new CopyOnWriteArrayList<>())) {
			TelemetryClient client = manager.getOrCreateClient("host1", this.baseUrl, TokenSource.NONE);
			record(client, 3);
			manager.releaseClient("host1", TokenSource.NONE);
			assertThat(client.isClosed()).isTrue();
			assertThat(manager.getClients()).isEmpty();
			assertThat(WireMockWorkspace.statementEvents(this.workspace)).as("flushed once the flag answered")
				.hasSize(3);
		}
	}

	@Test
	void telemetryClientManagerConcurrentAccessThreadSafe() throws Exception {
		List<TelemetryClient> created = new CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try (TelemetryClientManager manager = manager(created)) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<TelemetryClient>> calls = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return manager.getOrCreateClient("host1", this.baseUrl, TokenSource.NONE);
				}));
			}
			start.countDown();
			for (Future<TelemetryClient> call : calls) {
				assertThat(call.get(10, TimeUnit.SECONDS)).isSameAs(created.get(0));
			}
			assertThat(created).hasSize(1);
			assertThat(manager.getReferenceCount("host1")).isEqualTo(10);
			assertThat(WireMockWorkspace.flagRequests(this.workspace)).hasSizeLessThanOrEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
