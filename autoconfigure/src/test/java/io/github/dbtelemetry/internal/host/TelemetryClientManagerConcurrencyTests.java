package io.github.dbtelemetry.internal.host;

import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.jdbc.ManagedDataSourceTelemetryFactory;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.TestTelemetry;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No lock is held while a client flushes: connections opening and closing on one host from
 * many threads, against a slow workspace, never wait on each other's final flush (the JDBC
 * driver's issue 1442 deadlocked exactly there). {@code @Timeout} is the hard bound; the
 * assertions are structural.
 */
class TelemetryClientManagerConcurrencyTests {

	private static final URI BASE = URI.create("https://" + TestTelemetry.HOST);

	private static final int THREADS = 8;

	private final TelemetryThreads threads = new TelemetryThreads(2);

	// the slow workspace answers on a thread of its own, as an HTTP client would
	private final Executor slowWorkspace = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

	private final List<TelemetryClient> created = new CopyOnWriteArrayList<>();

	private final AtomicInteger exported = new AtomicInteger();

	private final ExecutorService callers = Executors.newFixedThreadPool(THREADS);

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
		this.threads.close();
	}

	private TelemetryExporter slowExporter() {
		return (endpoint, logs) -> CompletableFuture.supplyAsync(() -> {
			this.exported.addAndGet(logs.size());
			return ExportResult.success(logs.size(), 200);
		}, this.slowWorkspace);
	}

	private TelemetryClientManager manager(TelemetryExporter exporter) {
		return new TelemetryClientManager((host, baseUrl, credentials) -> {
			TelemetryClient client = TestTelemetry.client(baseUrl, credentials, exporter, FeatureFlagGate.FORCED,
					TestTelemetry.settings(20, Duration.ofMillis(50)), TestTelemetry.eventFactory(),
					TelemetryPipelineListener.NONE, this.threads.scheduler());
			this.created.add(client);
			return client;
		}, Duration.ofSeconds(5));
	}

	private void runConcurrently(int iterations, ThrowingTask task) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> results = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			results.add(this.callers.submit(() -> {
				start.await();
				for (int i = 0; i < iterations; i++) {
					task.run(thread, i);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> result : results) {
			result.get();
		}
	}

	@Test
	@Timeout(60)
	void openAndCloseFromEightThreadsAgainstASlowWorkspaceNeverDeadlocks() throws Exception {
		TelemetryClientManager manager = manager(slowExporter());
		AtomicInteger enqueued = new AtomicInteger();
		runConcurrently(150, (thread, i) -> {
			TokenSource credentials = () -> Optional.of("token-" + thread);
			TelemetryClient client = manager.getOrCreateClient(TestTelemetry.HOST, BASE, credentials);
			for (int e = 0; e < 3; e++) {
				client.enqueue(new TelemetryFrontendLog(null, IdGenerator.RANDOM.next(), null, null));
				enqueued.incrementAndGet();
			}
			manager.releaseClient(TestTelemetry.HOST, credentials);
		});
		assertThat(manager.getReferenceCount(TestTelemetry.HOST)).isZero();
		assertThat(manager.getClients()).isEmpty();
		assertThat(this.created).isNotEmpty().allSatisfy((client) -> assertThat(client.isClosed()).isTrue());
		long accounted = this.created.stream().mapToLong((client) -> client.snapshot().exported()).sum();
		long dropped = this.created.stream().mapToLong((client) -> client.snapshot().totalDropped()).sum();
		assertThat(accounted + dropped).as("every event counted exactly once, exported or dropped")
			.isEqualTo(enqueued.get());
		// a batch counted as dropped at a deadline may still reach the workspace later
		assertThat(this.exported.get()).isGreaterThanOrEqualTo((int) accounted);
		manager.close();
	}

	@Test
	@Timeout(60)
	void dataSourcesOpeningAndClosingOnOneHostNeverDeadlock() throws Exception {
		TelemetryClientManager manager = manager(slowExporter());
		ObservationRegistry registry = ObservationRegistry.create();
		ManagedDataSourceTelemetryFactory factory = new ManagedDataSourceTelemetryFactory(
				new JdbcUrlMatcher(List.of("jdbc:h2:")), BASE, null, manager, registry, null, null,
				(connection) -> IdGenerator.RANDOM.next(), false);
		String url = "jdbc:h2:mem:stress" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		runConcurrently(40, (thread, i) -> {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL(url);
			TelemetryDataSource dataSource = new TelemetryDataSource(h2, "ds" + thread, url, () -> factory);
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
			}
			dataSource.close();
		});
		assertThat(manager.getReferenceCount("localhost")).isZero();
		assertThat(manager.getClients()).isEmpty();
		assertThat(this.created).isNotEmpty().allSatisfy((client) -> assertThat(client.isClosed()).isTrue());
		assertThat(this.exported.get()).as("sessions and statements reached the workspace").isPositive();
		manager.close();
	}

	@Test
	@Timeout(30)
	void openingWhileTheLastReleaseIsFlushingDoesNotWaitForIt() throws Exception {
		AtomicInteger exports = new AtomicInteger();
		CompletableFuture<TelemetryClient> openedDuringFlush = new CompletableFuture<>();
		TelemetryClientManager[] manager = new TelemetryClientManager[1];
		manager[0] = manager((endpoint, logs) -> {
			if (exports.incrementAndGet() == 1) {
				// the final flush of the released client is running on the releasing thread: a
				// connection to the same host opens on another thread and must not wait for it
				openedDuringFlush.complete(CompletableFuture
					.supplyAsync(() -> manager[0].getOrCreateClient(TestTelemetry.HOST, BASE, TokenSource.NONE),
							this.callers)
					.join());
			}
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		});
		TelemetryClient first = manager[0].getOrCreateClient(TestTelemetry.HOST, BASE, TokenSource.NONE);
		first.enqueue(new TelemetryFrontendLog(null, "pending", null, null));
		manager[0].releaseClient(TestTelemetry.HOST, TokenSource.NONE);
		TelemetryClient second = openedDuringFlush.get();
		assertThat(first.isClosed()).isTrue();
		assertThat(first.snapshot().exported()).isEqualTo(1);
		assertThat(second).isNotSameAs(first);
		assertThat(second.isClosed()).isFalse();
		assertThat(manager[0].getReferenceCount(TestTelemetry.HOST)).isEqualTo(1);
		manager[0].close();
	}

	@FunctionalInterface
	private interface ThrowingTask {

		void run(int thread, int iteration) throws Exception;

	}

}
