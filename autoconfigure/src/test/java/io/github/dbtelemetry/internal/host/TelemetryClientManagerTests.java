package io.github.dbtelemetry.internal.host;

import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

import static org.assertj.core.api.Assertions.assertThat;

/** One reference-counted client per host, and credentials that follow the live holders of a client. */
class TelemetryClientManagerTests {

	private static final URI BASE = URI.create("https://host1.example.com");

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicReference<Optional<String>> lastToken = new AtomicReference<>();

	private final TelemetryClientManager manager = new TelemetryClientManager((host, baseUrl, credentials) -> {
		this.created.incrementAndGet();
		return new TelemetryClient(new TelemetryEndpoint(host, baseUrl, credentials, false), (endpoint, logs) -> {
			this.lastToken.set(endpoint.credentials().bearerToken());
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}, FeatureFlagGate.FORCED, TelemetryClientSettings.defaults(),
				new TelemetryEventBuilder(SystemConfigurations.forApplication(null), "ua", Clock.systemUTC(),
						IdGenerator.RANDOM),
				TelemetryPipelineListener.NONE, this.threads.scheduler(), Clock.systemUTC());
	}, Duration.ofSeconds(2));

	@AfterEach
	void close() {
		this.manager.close();
		this.threads.close();
	}

	@Test
	void newHostCreatesClientWithOneReference() {
		TelemetryClient client = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		assertThat(client.getHost()).isEqualTo("host1");
		assertThat(this.manager.getReferenceCount("host1")).isEqualTo(1);
	}

	@Test
	void sameHostGivesSameClientAndCountsReferences() {
		TelemetryClient first = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		TelemetryClient second = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		assertThat(second).isSameAs(first);
		assertThat(this.manager.getReferenceCount("host1")).isEqualTo(2);
		assertThat(this.manager.getOrCreateClient("host2", BASE, TokenSource.NONE)).isNotSameAs(first);
	}

	@Test
	void lastReleaseClosesAndRemovesTheClient() {
		TelemetryClient client = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		client.enqueue(new TelemetryFrontendLog(null, "id", null, null));
		this.manager.releaseClient("host1", TokenSource.NONE);
		assertThat(client.isClosed()).isTrue();
		assertThat(client.snapshot().exported()).as("pending events flushed before release").isEqualTo(1);
		assertThat(this.manager.getReferenceCount("host1")).isZero();
		assertThat(this.manager.getClients()).isEmpty();
		TelemetryClient fresh = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		assertThat(fresh).isNotSameAs(client);
		assertThat(fresh.isClosed()).isFalse();
	}

	@Test
	void releaseWithOtherReferencesKeepsTheClient() {
		TelemetryClient client = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		this.manager.releaseClient("host1", TokenSource.NONE);
		assertThat(this.manager.getReferenceCount("host1")).isEqualTo(1);
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void concurrentCallersShareOneClient() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(10);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<TelemetryClient>> results = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
			}));
		}
		start.countDown();
		List<TelemetryClient> clients = new ArrayList<>();
		for (Future<TelemetryClient> result : results) {
			clients.add(result.get(10, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(clients).allSatisfy((client) -> assertThat(client).isSameAs(clients.get(0)));
		assertThat(this.manager.getReferenceCount("host1")).isEqualTo(10);
		assertThat(this.created).hasValue(1);
	}

	@Test
	void credentialsComeFromWhoeverStillHoldsTheClient() {
		TokenSource first = () -> Optional.of("token-one");
		AtomicReference<String> rotating = new AtomicReference<>("token-two");
		TokenSource second = () -> Optional.of(rotating.get());
		TelemetryClient client = this.manager.getOrCreateClient("host1", BASE, first);
		this.manager.getOrCreateClient("host1", BASE, second);
		client.enqueue(new TelemetryFrontendLog(null, "a", null, null));
		client.flush().join();
		assertThat(this.lastToken.get()).contains("token-one");
		this.manager.releaseClient("host1", first);
		client.enqueue(new TelemetryFrontendLog(null, "b", null, null));
		client.flush().join();
		assertThat(this.lastToken.get()).as("the closed holder's token is no longer used").contains("token-two");
		rotating.set("token-refreshed");
		client.enqueue(new TelemetryFrontendLog(null, "c", null, null));
		client.flush().join();
		assertThat(this.lastToken.get()).contains("token-refreshed");
	}

	@Test
	void closingTheManagerClosesEveryClient() {
		TelemetryClient one = this.manager.getOrCreateClient("host1", BASE, TokenSource.NONE);
		TelemetryClient two = this.manager.getOrCreateClient("host2", BASE, TokenSource.NONE);
		this.manager.close();
		assertThat(one.isClosed()).isTrue();
		assertThat(two.isClosed()).isTrue();
		assertThat(this.manager.getClients()).isEmpty();
	}

}
