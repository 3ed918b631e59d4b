package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.internal.export.DatabricksTelemetryExporter;
import io.github.dbtelemetry.internal.export.ExportRetrySettings;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.MutableClock;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TestTelemetry;

import static io.github.dbtelemetry.internal.host.HostFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry, its hosts, their feature flags and circuit breakers together, wired as the
 * engine wires them, against a stand-in workspace on loopback: real HTTP requests through the real
 * exporter and feature-flag fetcher.
 */
class WorkspaceHostsOverHttpTests {

	private static final String HOST = TestTelemetry.HOST;

	private static final String TOKEN = "dapi-gate-token";

	private static final Duration OPEN = Duration.ofSeconds(30);

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final MutableClock breakerClock = new MutableClock();

	private final CircuitBreakers breakers = new CircuitBreakers(2, OPEN, 1, this.breakerClock);

	private final TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(2),
			Duration.ofSeconds(5));

	private final List<ExportResult> results = new CopyOnWriteArrayList<>();

	private final TelemetryPipelineListener listener = new TelemetryPipelineListener() {
		@Override
		public void onExport(String host, ExportResult result, long durationNanos) {
			WorkspaceHostsOverHttpTests.this.results.add(result);
		}
	};

	private final List<WorkspaceHosts> registries = new ArrayList<>();

	private StandInWorkspace workspace;

	private URI baseUrl;

	@BeforeEach
	void startWorkspace() {
		this.workspace = new StandInWorkspace();
		this.baseUrl = URI.create(this.workspace.baseUrl());
	}

	@AfterEach
	void stop() {
		this.registries.forEach(WorkspaceHosts::close);
		this.threads.close();
		this.http.close();
		this.workspace.close();
	}

	/** Export forced, no flag requests, the real exporter behind each host's breaker. */
	private HostSettings.Builder settings(ScheduledExecutorService scheduler) {
		DatabricksTelemetryExporter exporter = new DatabricksTelemetryExporter(this.http,
				new TelemetryPayloadSerializer(), new ExportRetrySettings(0, Duration.ofMillis(10),
						Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(5)),
				"gate/1");
		return TestTelemetry.hostSettings(exporter, scheduler).listener(this.listener).breakers(this.breakers);
	}

	/** Asks the WireMock workspace for its answer; a token may travel over its plain HTTP. */
	private FeatureFlagFetcher featureFlags() {
		return new FeatureFlagFetcher(this.http, FeatureFlagSettings.defaults("1.2.3"), true);
	}

	private WorkspaceHosts hosts(HostSettings.Builder settings) {
		WorkspaceHosts hosts = new WorkspaceHosts(settings.build(), 10, REFRESH);
		this.registries.add(hosts);
		return hosts;
	}

	private WorkspaceHost.Lease acquire(WorkspaceHosts hosts, TokenSource credentials) {
		return hosts.acquire(HOST, this.baseUrl, null, credentials);
	}

	private static void record(WorkspaceHost.Lease lease, int statements) {
		for (int i = 0; i < statements; i++) {
			lease.record(TestTelemetry.statementCompleted("statement-" + i, null));
		}
	}

	private List<String> flagAuthorizations() {
		return this.workspace.flagRequests()
			.stream()
			.map((request) -> String.valueOf(request.getHeader("Authorization")))
			.toList();
	}

	private static void awaitAnswerAt(WorkspaceHost host, Instant answeredAt) {
		await().atMost(WAIT).until(() -> answeredAt.equals(host.snapshot().featureFlagAnsweredAt()));
	}

	// Export

	@Test
	void aSingleEventIsExportedToTheWorkspace() {
		WorkspaceHost.Lease lease = acquire(hosts(settings(this.threads.scheduler())), TokenSource.NONE);
		record(lease, 1);
		lease.workspaceHost().flush().join();
		assertThat(this.results).singleElement().satisfies((result) -> {
			assertThat(result.isSuccess()).isTrue();
			assertThat(result.httpStatus()).isEqualTo(200);
		});
		assertThat(this.workspace.events()).hasSize(1);
		assertThat(lease.workspaceHost().snapshot().exported()).isOne();
	}

	@Test
	void aBatchIsExportedInOneRequest() {
		WorkspaceHost.Lease lease = acquire(hosts(settings(this.threads.scheduler()).batchSize(10)), TokenSource.NONE);
		record(lease, 10);
		lease.workspaceHost().flush().join();
		await().atMost(WAIT).until(() -> lease.workspaceHost().snapshot().exported() == 10);
		assertThat(this.workspace.telemetryRequests()).as("one request for the batch").hasSize(1);
		assertThat(this.workspace.statementEvents()).extracting(StandInWorkspace::statementId)
			.hasSize(10)
			.doesNotHaveDuplicates();
	}

	@Test
	void leasesOfOneHostExportWithTheirOwnCredentialsToTheirOwnEndpoint() {
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()));
		WorkspaceHost.Lease authenticated = acquire(hosts, token(TOKEN));
		WorkspaceHost.Lease anonymous = acquire(hosts, TokenSource.NONE);
		assertThat(anonymous.workspaceHost()).isSameAs(authenticated.workspaceHost());
		record(authenticated, 1);
		record(anonymous, 1);
		authenticated.workspaceHost().flush().join();
		await().atMost(WAIT).until(() -> authenticated.workspaceHost().snapshot().exported() == 2);
		assertThat(this.workspace.telemetryRequests())
			.extracting(LoggedRequest::getUrl, (request) -> request.getHeader("Authorization"))
			.containsExactlyInAnyOrder(Tuple.tuple("/telemetry-ext", "Bearer " + TOKEN),
					Tuple.tuple("/telemetry-unauth", null));
	}

	@Test
	void theBreakerOpensAfterConsecutiveFailures() {
		this.workspace.answerTelemetry(500);
		WorkspaceHost.Lease lease = acquire(hosts(settings(this.threads.scheduler()).batchSize(1)), TokenSource.NONE);
		for (int i = 0; i < 4; i++) {
			record(lease, 1);
			lease.workspaceHost().flush().join();
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lease.workspaceHost().snapshot().totalDropped()).isEqualTo(4));
		assertThat(this.workspace.telemetryRequests()).as("the breaker opened after two failures")
			.hasSize(2);
		assertThat(this.breakers.registry().find(HOST)).hasValueSatisfying(
				(breaker) -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN));
		assertThat(lease.workspaceHost().snapshot().circuitBreaker()).isEqualTo("OPEN");
		assertThat(lease.workspaceHost().snapshot().dropped()).containsEntry(DropReason.CIRCUIT_OPEN, 2L);
	}

	@Test
	void theBreakerClosesAgainOnceTheWorkspaceRecoversAfterTheOpenDuration() {
		this.workspace.answerTelemetry(500);
		WorkspaceHost.Lease lease = acquire(hosts(settings(this.threads.scheduler()).batchSize(1)), TokenSource.NONE);
		for (int i = 0; i < 2; i++) {
			record(lease, 1);
			lease.workspaceHost().flush().join();
		}
		await().atMost(WAIT).until(() -> "OPEN".equals(lease.workspaceHost().snapshot().circuitBreaker()));
		this.workspace.acceptTelemetry();
		this.breakerClock.advance(OPEN.plusSeconds(1));
		record(lease, 1);
		lease.workspaceHost().flush().join();
		await().atMost(WAIT).until(() -> lease.workspaceHost().snapshot().exported() == 1);
		assertThat(lease.workspaceHost().snapshot().circuitBreaker()).isEqualTo("CLOSED");
	}

	@Test
	void theLastReleaseExportsEverythingPending() {
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()).batchSize(10));
		WorkspaceHost.Lease lease = acquire(hosts, TokenSource.NONE);
		record(lease, 25);
		hosts.release(lease);
		assertThat(this.workspace.statementEvents()).hasSize(25);
		assertThat(lease.workspaceHost().snapshot().exported()).isEqualTo(25);
		assertThat(lease.workspaceHost().snapshot().totalDropped()).isZero();
	}

	// The feature flag

	@Test
	void theWorkspacesAnswerEnablesExportAndOneRequestServesEveryLeaseWithinItsTtl() {
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()).featureFlags(featureFlags()));
		WorkspaceHost.Lease first = acquire(hosts, token(TOKEN));
		WorkspaceHost.Lease second = acquire(hosts, TokenSource.NONE);
		WorkspaceHost host = first.workspaceHost();
		await().atMost(WAIT).until(() -> host.snapshot().featureFlag() == FeatureFlagState.ENABLED);
		host.refreshFeatureFlagIfExpired();
		assertThat(second.workspaceHost()).isSameAs(host);
		assertThat(host.snapshot().featureFlagForced()).isFalse();
		assertThat(host.snapshot().featureFlagAnsweredAt()).isNotNull();
		assertThat(flagAuthorizations()).containsExactly("Bearer " + TOKEN);
	}

	@Test
	void anUnreachableWorkspaceDisablesExport() {
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()).featureFlags(featureFlags()));
		// port 1 on loopback: connection refused, as for a host that is not a workspace
		WorkspaceHost.Lease lease = hosts.acquire("unreachable.example.com", URI.create("http://127.0.0.1:1"), null,
				TokenSource.NONE);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> lease.workspaceHost().snapshot().featureFlag() == FeatureFlagState.DISABLED);
		assertThat(lease.isRecording()).isFalse();
	}

	@Test
	void eventsHeldForTheFirstAnswerAreExportedByTheLastRelease() {
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()).featureFlags(featureFlags()));
		WorkspaceHost.Lease lease = acquire(hosts, TokenSource.NONE);
		record(lease, 3);
		hosts.release(lease);
		assertThat(lease.workspaceHost().isClosed()).isTrue();
		assertThat(hosts.hosts()).isEmpty();
		assertThat(this.workspace.statementEvents()).as("flushed once the flag answered").hasSize(3);
	}

	@Test
	void concurrentAcquiresOfOneHostMakeOneFlagRequest() throws Exception {
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()).featureFlags(featureFlags()));
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<WorkspaceHost.Lease>> calls = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return acquire(hosts, TokenSource.NONE);
				}));
			}
			start.countDown();
			WorkspaceHost host = calls.get(0).get(10, TimeUnit.SECONDS).workspaceHost();
			for (Future<WorkspaceHost.Lease> call : calls) {
				assertThat(call.get(10, TimeUnit.SECONDS).workspaceHost()).isSameAs(host);
			}
			assertThat(hosts.referenceCount(HOST)).isEqualTo(10);
			await().atMost(WAIT).until(() -> host.snapshot().featureFlag() == FeatureFlagState.ENABLED);
			assertThat(this.workspace.flagRequests()).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void acquiringAHostDoesNoIoOnTheCallersThread() {
		CountDownLatch tokenIssued = new CountDownLatch(1);
		List<String> askedOn = new CopyOnWriteArrayList<>();
		// An OAuth token request, answered when the test releases it (at the latest after 3 s,
		// so that a caller blocked on it fails the test instead of hanging it).
		TokenSource slowToken = () -> {
			askedOn.add(Thread.currentThread().getName());
			try {
				tokenIssued.await(3, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Optional.of(TOKEN);
		};
		WorkspaceHosts hosts = hosts(settings(this.threads.scheduler()).featureFlags(featureFlags()));
		String caller = Thread.currentThread().getName();
		WorkspaceHost.Lease lease = acquire(hosts, slowToken);
		List<String> askedBeforeAcquireReturned = List.copyOf(askedOn);
		tokenIssued.countDown();
		assertThat(lease).isNotNull();
		assertThat(lease.isRecording()).isTrue();
		assertThat(askedBeforeAcquireReturned).as("not yet asked, or asked on a telemetry thread")
			.allSatisfy((thread) -> assertThat(thread).startsWith(TelemetryThreads.THREAD_NAME_PREFIX));
		await().atMost(WAIT).until(() -> lease.workspaceHost().snapshot().featureFlag() == FeatureFlagState.ENABLED);
		assertThat(flagAuthorizations()).containsExactly("Bearer " + TOKEN);
		assertThat(askedOn).isNotEmpty()
			.doesNotContain(caller)
			.allSatisfy((thread) -> assertThat(thread).startsWith(TelemetryThreads.THREAD_NAME_PREFIX));
	}

	@Test
	void aReleasedDataSourcesTokenIsNotUsedByLaterFlagRequests() {
		ManualScheduler scheduler = new ManualScheduler();
		MutableClock clock = new MutableClock();
		WorkspaceHosts hosts = hosts(settings(scheduler).featureFlags(featureFlags()).clock(clock));
		WorkspaceHost.Lease a = acquire(hosts, token("token-A"));
		WorkspaceHost.Lease b = acquire(hosts, token("token-B"));
		scheduler.runPending();
		await().atMost(WAIT).until(() -> b.workspaceHost().snapshot().featureFlag() == FeatureFlagState.ENABLED);
		assertThat(flagAuthorizations()).containsExactly("Bearer token-A");
		hosts.release(a);
		clock.advance(Duration.ofSeconds(300));
		// the refresh may run before the flush the release asked for
		b.workspaceHost().refreshFeatureFlagIfExpired();
		awaitAnswerAt(b.workspaceHost(), clock.instant());
		clock.advance(Duration.ofSeconds(300));
		scheduler.advance(REFRESH);
		awaitAnswerAt(b.workspaceHost(), clock.instant());
		assertThat(flagAuthorizations()).containsExactly("Bearer token-A", "Bearer token-B", "Bearer token-B");
	}

	@Test
	void aHostNoLongerInUseIsNotAskedAgain() {
		ManualScheduler scheduler = new ManualScheduler();
		MutableClock clock = new MutableClock();
		WorkspaceHosts hosts = hosts(settings(scheduler).featureFlags(featureFlags()).clock(clock));
		WorkspaceHost.Lease lease = acquire(hosts, TokenSource.NONE);
		scheduler.runPending();
		await().atMost(WAIT).until(() -> lease.workspaceHost().snapshot().featureFlag() == FeatureFlagState.ENABLED);
		hosts.release(lease);
		clock.advance(Duration.ofSeconds(300));
		scheduler.advance(REFRESH);
		assertThat(this.workspace.flagRequests()).hasSize(1);
		hosts.close();
		assertThat(scheduler.activeScheduledCount()).as("the refresh schedule ends with the registry").isZero();
	}

}
