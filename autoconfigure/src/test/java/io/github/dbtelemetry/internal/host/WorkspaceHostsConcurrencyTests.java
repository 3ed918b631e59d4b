package io.github.dbtelemetry.internal.host;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.Timeout;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.host.HostFixtures.HostLifecycleListener;
import io.github.dbtelemetry.internal.jdbc.DataSourceTelemetry;
import io.github.dbtelemetry.internal.jdbc.DataSourceTelemetryFactory;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.github.dbtelemetry.pipeline.ExportMode;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.TestTelemetry;
import io.micrometer.observation.ObservationRegistry;

import static io.github.dbtelemetry.internal.host.HostFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No lock is held while a host flushes: data sources acquiring and releasing one host from many
 * threads, against a slow workspace, never wait on each other's final flush (the JDBC driver's
 * issue 1442 deadlocked exactly there). {@code @Timeout} is the hard bound, on a thread of its
 * own so that a deadlock fails the test rather than hanging the build; the assertions are
 * structural.
 */
class WorkspaceHostsConcurrencyTests {

	private static final String HOST = TestTelemetry.HOST;

	private static final int THREADS = 8;

	private final TelemetryThreads threads = new TelemetryThreads(2);

	// the slow workspace answers on a thread of its own, as an HTTP client would
	private final Executor slowWorkspace = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

	private final AtomicInteger delivered = new AtomicInteger();

	private final HostLifecycleListener listener = new HostLifecycleListener();

	private final ExecutorService callers = Executors.newFixedThreadPool(THREADS);

	private final List<WorkspaceHosts> registries = new ArrayList<>();

	@AfterEach
	@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
	void stop() {
		this.registries.forEach(WorkspaceHosts::close);
		this.callers.shutdownNow();
		this.threads.close();
	}

	private TelemetryExporter slowExporter() {
		return (endpoint, logs) -> CompletableFuture.supplyAsync(() -> {
			this.delivered.addAndGet(logs.size());
			return ExportResult.success(logs.size(), 200);
		}, this.slowWorkspace);
	}

	private WorkspaceHosts hosts(TelemetryExporter exporter) {
		return hosts(exporter, Duration.ofMillis(50));
	}

	private WorkspaceHosts hosts(TelemetryExporter exporter, Duration flushInterval) {
		WorkspaceHosts hosts = new WorkspaceHosts(TestTelemetry.hostSettings(exporter, this.threads.scheduler())
			.batchSize(20)
			.flushInterval(flushInterval)
			.listener(this.listener)
			.build(), 10, Duration.ofMinutes(1));
		this.registries.add(hosts);
		return hosts;
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
	@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
	void concurrentAcquiresOfOneHostShareOneWorkspaceHost() throws Exception {
		WorkspaceHosts hosts = hosts(slowExporter());
		List<WorkspaceHost> seen = new CopyOnWriteArrayList<>();
		runConcurrently(1, (thread, i) -> seen
			.add(hosts.acquire(HOST, HostFixtures.BASE_URL, null, token("token-" + thread)).workspaceHost()));
		assertThat(seen).hasSize(THREADS).allSatisfy((host) -> assertThat(host).isSameAs(seen.get(0)));
		assertThat(hosts.referenceCount(HOST)).isEqualTo(THREADS);
		assertThat(this.listener.opened()).as("one host created").hasSize(1);
	}

	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void acquiringAndReleasingFromEightThreadsAgainstASlowWorkspaceNeverDeadlocks() throws Exception {
		WorkspaceHosts hosts = hosts(slowExporter());
		AtomicInteger recorded = new AtomicInteger();
		runConcurrently(150, (thread, i) -> {
			WorkspaceHost.Lease lease = hosts.acquire(HOST, HostFixtures.BASE_URL, null, token("token-" + thread));
			for (int e = 0; e < 3; e++) {
				lease.record(TestTelemetry.statementCompleted(IdGenerator.RANDOM.next(), null));
				recorded.incrementAndGet();
			}
			hosts.release(lease);
		});
		assertThat(hosts.referenceCount(HOST)).isZero();
		assertThat(hosts.hosts()).isEmpty();
		List<HostSnapshot> closed = this.listener.opened().stream().map((state) -> state.get()).toList();
		assertThat(closed).isNotEmpty();
		assertThat(this.listener.lifecycle()).as("every host opened was closed")
			.filteredOn((event) -> event.startsWith("closed"))
			.hasSameSizeAs(closed);
		long exported = closed.stream().mapToLong(HostSnapshot::exported).sum();
		long dropped = closed.stream().mapToLong(HostSnapshot::totalDropped).sum();
		assertThat(exported + dropped).as("every event counted exactly once, exported or dropped")
			.isEqualTo(recorded.get());
		// a batch counted as dropped at a deadline may still reach the workspace later
		assertThat(this.delivered.get()).isGreaterThanOrEqualTo((int) exported);
	}

	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void dataSourcesOpeningAndClosingOnOneHostNeverDeadlock() throws Exception {
		WorkspaceHosts hosts = hosts(slowExporter());
		DataSourceTelemetryFactory factory = new DataSourceTelemetryFactory(
				new DataSourceTelemetryFactory.Settings(new JdbcUrlMatcher(List.of("jdbc:h2:")), ExportMode.ALWAYS,
						HostFixtures.BASE_URL, null, null, null),
				hosts, new DataSourceTelemetry.Observations(ObservationRegistry.create(), null, null,
						(connection) -> IdGenerator.RANDOM.next(), false, false));
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
		assertThat(hosts.referenceCount("localhost")).isZero();
		assertThat(hosts.hosts()).isEmpty();
		assertThat(this.listener.opened()).isNotEmpty();
		assertThat(this.listener.lifecycle()).filteredOn((event) -> event.startsWith("closed"))
			.hasSameSizeAs(this.listener.opened());
		assertThat(this.delivered.get()).as("sessions and statements reached the workspace").isPositive();
	}

	@Test
	@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
	void acquiringWhileTheLastReleaseIsFlushingDoesNotWaitForIt() throws Exception {
		AtomicInteger exports = new AtomicInteger();
		CompletableFuture<WorkspaceHost.Lease> acquiredDuringFlush = new CompletableFuture<>();
		WorkspaceHosts[] hosts = new WorkspaceHosts[1];
		hosts[0] = hosts((endpoint, logs) -> {
			if (exports.incrementAndGet() == 1) {
				// the final flush of the released host is running on the releasing thread: a data
				// source of the same host acquires on another thread and must not wait for it
				acquiredDuringFlush.complete(CompletableFuture
					.supplyAsync(() -> hosts[0].acquire(HOST, HostFixtures.BASE_URL, null, TokenSource.NONE),
							this.callers)
					.join());
			}
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}, Duration.ofHours(1));
		WorkspaceHost.Lease first = hosts[0].acquire(HOST, HostFixtures.BASE_URL, null, TokenSource.NONE);
		first.record(TestTelemetry.statementCompleted("pending", null));
		hosts[0].release(first);
		WorkspaceHost.Lease second = acquiredDuringFlush.get();
		assertThat(first.workspaceHost().isClosed()).isTrue();
		assertThat(first.workspaceHost().snapshot().exported()).isOne();
		assertThat(second.workspaceHost()).isNotSameAs(first.workspaceHost());
		assertThat(second.workspaceHost().isClosed()).isFalse();
		assertThat(hosts[0].referenceCount(HOST)).isOne();
	}

	@FunctionalInterface
	private interface ThrowingTask {

		void run(int thread, int iteration) throws Exception;

	}

}
